#include "web/streaming/routes.hpp"

namespace gesso::web::streaming {

void add_streaming_routes(Router& router, activitypub::Context&) {
    // Mastodon answers a bare "OK" as text/plain; load balancers and clients probe it without a token.
    // Answered on the I/O thread (router.hpp): a probe needs no worker.
    router.get_on_io_thread("/api/v1/streaming/health",
               [](const Request&) { return text_response("OK", "text/plain; charset=utf-8"); });
    router.get("/api/v1/streaming", [](const Request&) -> Response {
        throw core::Error(core::Errc::bad_request,
                          "Expected a WebSocket upgrade (Connection: Upgrade, Upgrade: websocket)");
    });
}

}  // namespace gesso::web::streaming
