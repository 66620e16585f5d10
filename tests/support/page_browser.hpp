#pragma once
// A browser for the HTML pages, over real HTTP against one TestNode: keeps the gesso_session cookie and sends
// Origin with every POST, as a browser does with a form. Also the form helpers the page tests share.
#include <string>

#include "support/http_client.hpp"
#include "support/test_node.hpp"

namespace gesso::test {

// application/x-www-form-urlencoded encoding of one value.
std::string form_encode(const std::string& s);

// The value of the first `name="..." value="..."` input in a page; "" when there is none.
std::string input_value(const std::string& html, const std::string& name);

class PageBrowser {
public:
    explicit PageBrowser(TestNode& node) : node_(node), origin_(node.base()) {}

    HttpResult get(const std::string& target);
    HttpResult post(const std::string& target, const std::string& body,
                    const std::string& type = "application/x-www-form-urlencoded");
    // POST /auth/sign_in with the test password of TestNode::create_account.
    HttpResult sign_in(const std::string& login, const std::string& password = "correct horse battery",
                       const std::string& return_to = "");
    // The CSRF token of the signed-in viewer, read from a page's form.
    std::string csrf();

    // Speak HTTPS to a node serving TLS, trusting `ca_file` and verifying `host_name` (FederationPair's nodes).
    void use_tls(std::string ca_file, std::string host_name) {
        ca_file_ = std::move(ca_file);
        host_name_ = std::move(host_name);
    }
    void set_origin(std::string origin) { origin_ = std::move(origin); }
    const std::string& cookie() const { return cookie_; }
    void set_cookie(std::string cookie) { cookie_ = std::move(cookie); }
    const std::string& last_set_cookie() const { return last_set_cookie_; }

private:
    void add_cookie(HttpCall& call) const;
    HttpResult send(const HttpCall& call) const;
    HttpResult remember(HttpResult res);

    TestNode& node_;
    std::string origin_;
    std::string cookie_;
    std::string last_set_cookie_;
    std::string ca_file_, host_name_;
};

}  // namespace gesso::test
