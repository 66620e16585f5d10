#include "support/page_browser.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace gesso::test {

std::string form_encode(const std::string& s) {
    return boost::urls::encode(s, boost::urls::unreserved_chars);
}

std::string input_value(const std::string& html, const std::string& name) {
    auto at = html.find("name=\"" + name + "\" value=\"");
    if (at == std::string::npos) return "";
    at = html.find("value=\"", at) + 7;
    return html.substr(at, html.find('"', at) - at);
}

HttpResult PageBrowser::get(const std::string& target) {
    HttpCall call{http::verb::get, target, {}, ""};
    add_cookie(call);
    return remember(send(call));
}

HttpResult PageBrowser::post(const std::string& target, const std::string& body, const std::string& type) {
    HttpCall call{http::verb::post, target, {{"Content-Type", type}}, body};
    if (!origin_.empty()) call.headers.emplace_back("Origin", origin_);
    add_cookie(call);
    return remember(send(call));
}

HttpResult PageBrowser::sign_in(const std::string& login, const std::string& password, const std::string& return_to) {
    std::string body = "username=" + form_encode(login) + "&password=" + form_encode(password);
    if (!return_to.empty()) body += "&return_to=" + form_encode(return_to);
    return post("/auth/sign_in", body);
}

std::string PageBrowser::csrf() { return input_value(get("/settings/password").body, "csrf_token"); }

HttpResult PageBrowser::send(const HttpCall& call) const {
    if (ca_file_.empty()) return http_request(node_.port(), call);
    return https_request(node_.port(), call, ca_file_, host_name_);
}

void PageBrowser::add_cookie(HttpCall& call) const {
    if (!cookie_.empty()) call.headers.emplace_back("Cookie", "other=1; gesso_session=" + cookie_);
}

HttpResult PageBrowser::remember(HttpResult res) {
    std::string set = res.header("set-cookie");
    last_set_cookie_ = set;
    if (set.starts_with("gesso_session=")) cookie_ = set.substr(14, set.find(';') - 14);
    return res;
}

}  // namespace gesso::test
