// The HTTP runtime (listener, router, limits, errors, keep-alive, shutdown, TLS) over real loopback sockets.
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include <future>
#include <thread>

#include "core/limits.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "support/test_ca.hpp"
#include "support/test_node.hpp"
#include "web/router.hpp"
#include "web/server.hpp"

namespace gesso::test {
namespace {

using web::http::verb;

// A server with a router of our own: an echo route with a 16-byte body limit, a route that throws, and a
// route that blocks until released (to observe in-flight requests during shutdown).
class RuntimeServer {
public:
    explicit RuntimeServer(std::size_t max_connections = 64, int worker_threads = 4) {
        router_.add(verb::post, "/echo", [](const web::Request& req) {
            return web::text_response(req.message.body(), "text/plain");
        }, 16);
        router_.get("/boom", [](const web::Request&) -> web::Response {
            throw std::runtime_error("secret internal detail");
        });
        router_.get("/items/:id", [](const web::Request& req) {
            return web::text_response("item " + req.param("id"), "text/plain");
        });
        router_.get("/slow", [this](const web::Request&) {
            entered_.set_value();
            release_.get_future().wait();
            return web::text_response(std::string(100000, 'x'), "text/plain");
        });
        router_.get_on_io_thread("/probe", [](const web::Request&) { return web::text_response("OK", "text/plain"); });
        web::ServerOptions options;
        options.max_connections = max_connections;
        options.worker_threads = worker_threads;
        options.access_log = false;
        server_ = std::make_unique<web::HttpServer>(options, router_);
        server_->start();
    }
    std::uint16_t port() const { return server_->port(); }
    web::HttpServer& server() { return *server_; }
    std::promise<void>& entered() { return entered_; }
    std::promise<void>& release() { return release_; }

private:
    web::Router router_;
    std::unique_ptr<web::HttpServer> server_;
    std::promise<void> entered_;
    std::promise<void> release_;
};

void expect_json_error(const HttpResult& res, int status) {
    EXPECT_EQ(res.status, status) << res.body;
    EXPECT_EQ(res.header("content-type").rfind("application/json", 0), 0u);
    EXPECT_EQ(res.body.rfind("{\"error\":\"", 0), 0u) << res.body;
    EXPECT_FALSE(res.header("x-request-id").empty());
}

std::string raw_body(const std::string& response) {
    auto end = response.find("\r\n\r\n");
    return end == std::string::npos ? std::string() : response.substr(end + 4);
}

TEST(HttpRuntime, UnknownRouteIs404Json) {
    RuntimeServer s;
    expect_json_error(http_get(s.port(), "/nothing/here"), 404);
}

TEST(HttpRuntime, WrongMethodIs405WithAllow) {
    RuntimeServer s;
    HttpCall call{verb::delete_, "/echo", {}, {}};
    auto res = http_request(s.port(), call);
    expect_json_error(res, 405);
    EXPECT_EQ(res.header("allow"), "POST");
    auto get_only = http_request(s.port(), {verb::post, "/items/1", {}, "x"});
    expect_json_error(get_only, 405);
    EXPECT_EQ(get_only.header("allow"), "GET, HEAD");
}

TEST(HttpRuntime, BodyWithinTheRouteLimitIsServed) {
    RuntimeServer s;
    auto res = http_request(s.port(), {verb::post, "/echo", {}, "sixteen bytes ok"});
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(res.body, "sixteen bytes ok");
}

TEST(HttpRuntime, BodyOverTheRouteLimitIs413) {
    RuntimeServer s;
    expect_json_error(http_request(s.port(), {verb::post, "/echo", {}, std::string(17, 'a')}), 413);
    // Chunked bodies are counted as they arrive.
    std::string chunked =
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        "a\r\n0123456789\r\na\r\n0123456789\r\n0\r\n\r\n";
    std::string response = raw_exchange(s.port(), chunked);
    EXPECT_EQ(raw_status(response), 413) << response;
    EXPECT_EQ(raw_body(response).rfind("{\"error\":", 0), 0u);
}

TEST(HttpRuntime, HeadersOverTheLimitAre431) {
    RuntimeServer s;
    std::string request = "GET /items/1 HTTP/1.1\r\nHost: x\r\nX-Big: " +
                          std::string(core::limits::kMaxHeaderBytes + 100, 'a') + "\r\n\r\n";
    std::string response = raw_exchange(s.port(), request);
    EXPECT_EQ(raw_status(response), 431) << response.substr(0, 200);
    EXPECT_EQ(raw_body(response).rfind("{\"error\":", 0), 0u);
    EXPECT_NE(response.find("X-Request-Id: "), std::string::npos);
}

TEST(HttpRuntime, MalformedRequestsAre400) {
    RuntimeServer s;
    for (const std::string& request : {std::string("THIS IS NOT HTTP\r\n\r\n"),
                                      std::string("GET /items/1 HTTP/1.1\r\nBad Header Line\r\n\r\n"),
                                      std::string("GET /items/%zz HTTP/1.1\r\nHost: x\r\n\r\n"),
                                      std::string("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                                                  "Content-Length: 7\r\n\r\nhello")}) {
        std::string response = raw_exchange(s.port(), request);
        EXPECT_EQ(raw_status(response), 400) << request << " -> " << response;
        EXPECT_EQ(raw_body(response).rfind("{\"error\":", 0), 0u) << response;
    }
}

TEST(HttpRuntime, HandlerFailuresAre500WithoutInternalDetail) {
    RuntimeServer s;
    auto res = http_get(s.port(), "/boom");
    expect_json_error(res, 500);
    EXPECT_EQ(res.body.find("secret"), std::string::npos);
}

TEST(HttpRuntime, PathParametersAreDecodedAndTrailingSlashIgnored) {
    RuntimeServer s;
    EXPECT_EQ(http_get(s.port(), "/items/a%20b").body, "item a b");
    EXPECT_EQ(http_get(s.port(), "/items/7/").body, "item 7");
    EXPECT_EQ(http_get(s.port(), "/items").status, 404);
}

TEST(HttpRuntime, HeadAnswersHeadersOnly) {
    RuntimeServer s;
    auto get = http_get(s.port(), "/items/42");
    auto head = http_request(s.port(), {verb::head, "/items/42", {}, {}});
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    EXPECT_EQ(head.header("content-length"), std::to_string(get.body.size()));
}

TEST(HttpRuntime, KeepAliveServesSeveralRequestsWithDistinctIds) {
    RuntimeServer s;
    auto results = http_keep_alive(s.port(), {{verb::get, "/items/1", {}, {}},
                                              {verb::post, "/echo", {}, "hi"},
                                              {verb::get, "/missing", {}, {}}});
    ASSERT_EQ(results.size(), 3u);
    EXPECT_EQ(results[0].body, "item 1");
    EXPECT_EQ(results[1].body, "hi");
    EXPECT_EQ(results[2].status, 404);
    EXPECT_NE(results[0].header("x-request-id"), results[1].header("x-request-id"));
    EXPECT_EQ(results[0].header("x-request-id").size(), 16u);
}

// A route that runs on the I/O thread (router.hpp RunsOn::io_thread) answers while every worker is busy.
TEST(HttpRuntime, IoThreadRoutesAnswerWhileEveryWorkerIsBusy) {
    RuntimeServer s(64, 1);
    auto slow = std::async(std::launch::async, [&] { return http_get(s.port(), "/slow"); });
    s.entered().get_future().wait();  // the only worker is held by /slow
    auto probe = http_get(s.port(), "/probe");
    EXPECT_EQ(probe.status, 200);
    EXPECT_EQ(probe.body, "OK");
    EXPECT_EQ(probe.header("x-request-id").size(), 16u);
    EXPECT_EQ(http_request(s.port(), {verb::head, "/probe", {}, {}}).header("content-length"), "2");
    s.release().set_value();
    EXPECT_EQ(slow.get().status, 200);
}

// Such a route goes to the workers after all when a gate is set that cannot tell, without blocking, that it lets
// the request through (the no-AI gate counts refusals in the database).
TEST(HttpRuntime, GatedRoutesRunOnTheIoThreadOnlyWhenTheGateSurelyPasses) {
    web::Router router;
    router.get_on_io_thread("/probe", [](const web::Request&) { return web::text_response("OK", "text/plain"); });
    router.get("/work", [](const web::Request&) { return web::text_response("done", "text/plain"); });
    web::Request req;
    req.path = "/probe";
    auto probe = router.match(verb::get, "/probe");
    EXPECT_TRUE(router.runs_on_io_thread(req, probe));
    EXPECT_FALSE(router.runs_on_io_thread(req, router.match(verb::get, "/work")));
    EXPECT_FALSE(router.runs_on_io_thread(req, router.match(verb::get, "/nothing")));
    EXPECT_FALSE(router.runs_on_io_thread(req, router.match(verb::post, "/probe")));
    auto gate = [](const web::Request&) { return std::optional<web::Response>(); };
    router.set_gate(gate);
    EXPECT_FALSE(router.runs_on_io_thread(req, probe));
    bool passes = true;
    router.set_gate(gate, [&passes](const web::Request&) { return passes; });
    EXPECT_TRUE(router.runs_on_io_thread(req, probe));
    passes = false;
    EXPECT_FALSE(router.runs_on_io_thread(req, probe));
    router.set_gate(gate, [](const web::Request&) -> bool { throw std::runtime_error("probe failed"); });
    EXPECT_FALSE(router.runs_on_io_thread(req, probe));
}

// A route's answer from memory is tried first; when it has one, the middleware (rate limits) sees the request
// once and the finisher runs, as for a dispatched request; otherwise the handler answers (on the workers).
TEST(HttpRuntime, MemoryAnswersGoThroughTheMiddlewareOnceOrFallBackToTheHandler) {
    web::Router router;
    int handled = 0, counted = 0, finished = 0;
    std::optional<std::string> memo;
    bool throws = false;
    router.get(
        "/page", [&handled](const web::Request&) { ++handled; return web::text_response("rendered", "text/plain"); },
        [&](const web::Request&) -> std::optional<web::Response> {
            if (throws) throw std::runtime_error("lookup failed");
            if (!memo) return std::nullopt;
            return web::text_response(*memo, "text/plain");
        });
    router.set_middleware([&counted](const web::Request&, const std::function<web::Response()>& next) {
        ++counted;
        web::Response res = next();
        res.set("X-Counted", std::to_string(counted));
        return res;
    });
    router.set_finisher([&finished](const web::Request&, web::Response& res) {
        ++finished;
        res.set("X-Finished", "yes");
    });
    web::Request req;
    req.path = "/page";
    req.message.version(10);
    auto page = router.match(verb::get, "/page");
    EXPECT_FALSE(router.runs_on_io_thread(req, page));  // the handler itself stays on the workers

    EXPECT_FALSE(router.answer_from_memory(req, page));  // nothing in memory: nothing counted yet
    EXPECT_EQ(counted, 0);
    auto dispatched = router.dispatch(req, page);
    EXPECT_EQ(dispatched.body(), "rendered");
    EXPECT_EQ(handled, 1);
    EXPECT_EQ(counted, 1);

    memo = "remembered";
    auto answered = router.answer_from_memory(req, page);
    ASSERT_TRUE(answered);
    EXPECT_EQ(answered->body(), "remembered");
    EXPECT_EQ(answered->version(), 10u);
    EXPECT_EQ((*answered)["X-Counted"], "2");
    EXPECT_EQ((*answered)["X-Finished"], "yes");
    EXPECT_EQ(handled, 1);
    EXPECT_EQ(finished, 2);

    throws = true;  // a failing lookup leaves the request to the handler
    EXPECT_FALSE(router.answer_from_memory(req, page));
    throws = false;
    EXPECT_FALSE(router.answer_from_memory(req, router.match(verb::post, "/page")));
    auto gate = [](const web::Request&) { return std::optional<web::Response>(); };
    router.set_gate(gate);  // a gate that cannot tell without blocking: the workers decide
    EXPECT_FALSE(router.answer_from_memory(req, page));
    router.set_gate(gate, [](const web::Request&) { return true; });
    EXPECT_TRUE(router.answer_from_memory(req, page));
    EXPECT_EQ(counted, 3);
}

TEST(HttpRuntime, ConnectionsOverTheCapGet503) {
    RuntimeServer s(1);
    // Hold the only slot with a keep-alive connection that has been served once.
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket holder(ioc);
    holder.connect({boost::asio::ip::make_address("127.0.0.1"), s.port()});
    std::string first = "GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\n";
    boost::asio::write(holder, boost::asio::buffer(first));
    char buf[512];
    auto n = holder.read_some(boost::asio::buffer(buf));
    ASSERT_EQ(raw_status(std::string(buf, n)), 200);

    auto rejected = http_get(s.port(), "/items/2");
    expect_json_error(rejected, 503);
    EXPECT_FALSE(rejected.header("retry-after").empty());
    holder.close();
}

TEST(HttpRuntime, StopLetsInFlightRequestsFinishThenRefusesConnections) {
    RuntimeServer s;
    auto client = std::async(std::launch::async, [&] { return http_get(s.port(), "/slow"); });
    s.entered().get_future().wait();  // the handler is running
    EXPECT_EQ(s.server().in_flight(), 1u);
    auto stopper = std::async(std::launch::async, [&] { s.server().stop(std::chrono::seconds(10)); });
    s.release().set_value();
    HttpResult res = client.get();
    stopper.get();
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(res.body.size(), 100000u);
    EXPECT_EQ(res.header("connection"), "close");
    EXPECT_THROW(http_get(s.port(), "/items/1"), std::exception);
}

TEST(HttpRuntime, ServesHttpsWithNativeTls) {
    TempDir dir;
    TestCertificates certs = make_test_certificates(dir.path());
    TestNodeOptions options;
    options.tls_cert_file = certs.cert_file.string();
    options.tls_key_file = certs.key_file.string();
    options.domain_host = "localhost";
    TestNode node(options);
    auto res = https_request(node.port(), {verb::get, "/nodeinfo/2.1", {}, {}}, certs.ca_file.string(), "localhost");
    EXPECT_EQ(res.status, 200);
    EXPECT_NE(res.body.find("\"gesso\""), std::string::npos);
    EXPECT_EQ(node.base().rfind("https://localhost:", 0), 0u);
    // Plain HTTP on the TLS port is not served.
    EXPECT_THROW(http_get(node.port(), "/nodeinfo/2.1"), std::exception);
}

TEST(HttpRuntime, UnreadableTlsFilesAreAClearStartError) {
    web::Router router;
    web::ServerOptions options;
    options.tls_cert_file = "/nonexistent/cert.pem";
    options.tls_key_file = "/nonexistent/key.pem";
    web::HttpServer server(options, router);
    try {
        server.start();
        FAIL() << "started without a certificate";
    } catch (const core::Error& e) {
        EXPECT_NE(std::string(e.what()).find("tls_cert"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace gesso::test
