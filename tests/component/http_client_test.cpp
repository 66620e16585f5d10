// The outbound client (web/client) against real servers on loopback: SSRF guard, schemes, TLS with a test
// CA, resolver overrides, redirects, the signing hook and size limits.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "support/test_ca.hpp"
#include "support/test_node.hpp"
#include "web/client.hpp"

namespace gesso::test {
namespace {

using activitypub::OutgoingRequest;

core::Errc error_of(web::HttpClient& client, const OutgoingRequest& request) {
    try {
        client.send(request);
    } catch (const core::Error& e) {
        return e.code();
    }
    ADD_FAILURE() << "no error for " << request.url;
    return core::Errc::internal;
}

OutgoingRequest get(const std::string& url) {
    OutgoingRequest r;
    r.url = url;
    return r;
}

web::ClientOptions loopback_options() {
    web::ClientOptions o;
    o.allow_http = true;
    o.allow_private_addresses = true;
    return o;
}

TEST(HttpClient, FetchesFromLoopbackWhenAllowed) {
    TestNode node;
    web::HttpClient client(loopback_options());
    auto res = client.send(get(node.base() + "/nodeinfo/2.1"));
    EXPECT_EQ(res.status, 200);
    EXPECT_NE(res.body.find("\"gesso\""), std::string::npos);
    EXPECT_EQ(res.header("content-type").value_or("").rfind("application/json", 0), 0u);
}

TEST(HttpClient, RefusesPrivateAddressesAndPlainHttpByDefault) {
    TestNode node;
    web::ClientOptions only_http = loopback_options();
    only_http.allow_private_addresses = false;
    web::HttpClient guarded(only_http);
    EXPECT_EQ(error_of(guarded, get(node.base() + "/nodeinfo/2.1")), core::Errc::forbidden);
    web::ClientOptions defaults;
    web::HttpClient strict(defaults);
    EXPECT_EQ(error_of(strict, get(node.base() + "/nodeinfo/2.1")), core::Errc::forbidden);
    EXPECT_EQ(error_of(strict, get("ftp://example.test/x")), core::Errc::forbidden);
    EXPECT_EQ(error_of(strict, get("not a url")), core::Errc::bad_request);
    EXPECT_EQ(error_of(strict, get("https://user:pw@example.test/")), core::Errc::bad_request);
}

TEST(HttpClient, ResolvedNamesArePrivateToo) {
    // "localhost" resolves to loopback: the guard checks addresses after resolution, not names.
    TestNode node;
    web::ClientOptions options = loopback_options();
    options.allow_private_addresses = false;
    web::HttpClient client(options);
    EXPECT_EQ(error_of(client, get("http://localhost:" + std::to_string(node.port()) + "/")), core::Errc::forbidden);
}

TEST(HttpClient, TlsWithTestCaAndResolverOverride) {
    TempDir dir;
    TestCertificates certs = make_test_certificates(dir.path());
    TestNodeOptions node_options;
    node_options.tls_cert_file = certs.cert_file.string();
    node_options.tls_key_file = certs.key_file.string();
    node_options.domain_host = "a.test";
    TestNode node(node_options);

    web::ClientOptions options;
    options.allow_private_addresses = true;
    options.extra_ca_file = certs.ca_file.string();
    options.resolve = web::parse_resolve_rules({node.domain() + "=127.0.0.1:" + std::to_string(node.port())});
    web::HttpClient client(options);
    auto res = client.send(get("https://" + node.domain() + "/.well-known/nodeinfo"));
    EXPECT_EQ(res.status, 200);
    EXPECT_NE(res.body.find("https://" + node.domain() + "/nodeinfo/2.1"), std::string::npos);

    // Without the test CA the certificate is not trusted.
    web::ClientOptions untrusted = options;
    untrusted.extra_ca_file.clear();
    web::HttpClient untrusting(untrusted);
    EXPECT_EQ(error_of(untrusting, get("https://" + node.domain() + "/.well-known/nodeinfo")), core::Errc::unavailable);
}

TEST(HttpClient, FollowsRedirectsAndSignsEachHop) {
    TestNode node;
    node.create_account("alice");
    web::HttpClient client(loopback_options());
    OutgoingRequest request = get(node.base() + "/users/alice");
    request.set_header("Accept", "text/html");
    std::vector<std::string> signed_hosts;
    request.sign = [&](OutgoingRequest& r) { signed_hosts.push_back(r.header("Host").value_or("")); };
    auto res = client.send(request);
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(res.final_url, node.base() + "/@alice");
    EXPECT_NE(res.body.find("<html"), std::string::npos);
    ASSERT_EQ(signed_hosts.size(), 2u);
    EXPECT_EQ(signed_hosts[0], node.domain());
}

TEST(HttpClient, OversizedResponsesAreRefused) {
    web::Router router;
    router.get("/big", [](const web::Request&) {
        return web::text_response(std::string(core::limits::kMaxFetchBytes + 1, 'x'), "text/plain");
    });
    web::ServerOptions server_options;
    server_options.access_log = false;
    web::HttpServer server(server_options, router);
    server.start();
    web::HttpClient client(loopback_options());
    EXPECT_EQ(error_of(client, get("http://127.0.0.1:" + std::to_string(server.port()) + "/big")),
              core::Errc::too_large);
    server.stop(std::chrono::seconds(1));
}

TEST(HttpClient, ConnectionFailuresAreUnavailable) {
    std::uint16_t port;
    {
        TestNode node;
        port = node.port();
    }  // stopped: nothing listens there now
    web::HttpClient client(loopback_options());
    EXPECT_EQ(error_of(client, get("http://127.0.0.1:" + std::to_string(port) + "/")), core::Errc::unavailable);
}

}  // namespace
}  // namespace gesso::test
