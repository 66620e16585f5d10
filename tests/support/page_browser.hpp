#pragma once
// A browser against one test node for the page tests: keeps the gesso_session cookie and sends Origin with every
// POST as a browser does with a form, over real HTTP (support/http_client.hpp).
#include <cctype>
#include <string>

#include "support/http_client.hpp"
#include "support/test_node.hpp"

namespace gesso::test {

inline std::string form_encode(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// `prefix` followed by `n` (appended: GCC 12 warns falsely, -Wrestrict, on "literal" + std::to_string).
inline std::string numbered(std::string prefix, int n) {
    prefix += std::to_string(n);
    return prefix;
}

// The value of `name="..." value="..."` in a page (the first such input).
inline std::string input_value(const std::string& html, const std::string& name) {
    auto at = html.find("name=\"" + name + "\" value=\"");
    if (at == std::string::npos) return "";
    at = html.find("value=\"", at) + 7;
    return html.substr(at, html.find('"', at) - at);
}

// A browser against one node: keeps the session cookie, sends Origin like a browser does with a form POST.
class Browser {
public:
    explicit Browser(TestNode& node) : node_(node), origin_(node.base()) {}

    HttpResult get(const std::string& target) {
        HttpCall call{http::verb::get, target, {}, ""};
        add_cookie(call);
        return remember(http_request(node_.port(), call));
    }
    HttpResult post(const std::string& target, const std::string& body,
                    const std::string& type = "application/x-www-form-urlencoded") {
        HttpCall call{http::verb::post, target, {{"Content-Type", type}}, body};
        if (!origin_.empty()) call.headers.emplace_back("Origin", origin_);
        add_cookie(call);
        return remember(http_request(node_.port(), call));
    }
    HttpResult sign_in(const std::string& login, const std::string& password = "correct horse battery",
                       const std::string& return_to = "") {
        std::string body = "username=" + form_encode(login) + "&password=" + form_encode(password);
        if (!return_to.empty()) body += "&return_to=" + form_encode(return_to);
        return post("/auth/sign_in", body);
    }
    // The CSRF token of the signed-in viewer, read from a page's form.
    std::string csrf() { return input_value(get("/settings/password").body, "csrf_token"); }

    void set_origin(std::string origin) { origin_ = std::move(origin); }
    const std::string& cookie() const { return cookie_; }
    void set_cookie(std::string cookie) { cookie_ = std::move(cookie); }
    const std::string& last_set_cookie() const { return last_set_cookie_; }

private:
    void add_cookie(HttpCall& call) const {
        if (!cookie_.empty()) call.headers.emplace_back("Cookie", "other=1; gesso_session=" + cookie_);
    }
    HttpResult remember(HttpResult res) {
        std::string set = res.header("set-cookie");
        last_set_cookie_ = set;
        if (set.starts_with("gesso_session=")) cookie_ = set.substr(14, set.find(';') - 14);
        return res;
    }

    TestNode& node_;
    std::string origin_;
    std::string cookie_;
    std::string last_set_cookie_;
};

}  // namespace gesso::test
