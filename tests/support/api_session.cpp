#include "support/api_session.hpp"

namespace gesso::test {

ApiSession::ApiSession(TestNode& node) : node_(node) { register_app(); }

ApiSession::ApiSession(TestNode& node, std::string ca_file, std::string host_name)
    : node_(node), ca_file_(std::move(ca_file)), host_name_(std::move(host_name)) {
    register_app();
}

void ApiSession::register_app() {
    auto res = call(http::verb::post, "/api/v1/apps", "",
                    R"({"client_name":"t","redirect_uris":"urn:ietf:wg:oauth:2.0:oob","scopes":"read write follow"})");
    EXPECT_EQ(res.status, 200) << res.body;
    auto doc = parse_document(res.body);
    client_id_ = doc["client_id"].GetString();
    client_secret_ = doc["client_secret"].GetString();
}

std::string ApiSession::login(const std::string& username, const std::string& scope) {
    std::string form_scope = scope;
    for (char& c : form_scope) {
        if (c == ' ') c = '+';
    }
    auto res =
        call(http::verb::post, "/oauth/token", "",
             "grant_type=password&username=" + username + "&password=correct+horse+battery&client_id=" + client_id_ +
                 "&client_secret=" + client_secret_ + "&scope=" + form_scope,
             "application/x-www-form-urlencoded");
    EXPECT_EQ(res.status, 200) << res.body;
    auto doc = parse_document(res.body);
    return doc.IsObject() && doc.HasMember("access_token") ? doc["access_token"].GetString() : "";
}

HttpResult ApiSession::call(http::verb method, const std::string& target, const std::string& token,
                            const std::string& body, const std::string& type) {
    HttpCall c{method, target, {}, body};
    if (!body.empty()) c.headers.emplace_back("Content-Type", type);
    if (!token.empty()) c.headers.emplace_back("Authorization", "Bearer " + token);
    return ca_file_.empty() ? http_request(node_.port(), c) : https_request(node_.port(), c, ca_file_, host_name_);
}

rapidjson::Document ApiSession::ok(http::verb method, const std::string& target, const std::string& token,
                                   const std::string& body) {
    auto res = call(method, target, token, body);
    EXPECT_EQ(res.status, 200) << target << ": " << res.body;
    return parse_document(res.body);
}

}  // namespace gesso::test
