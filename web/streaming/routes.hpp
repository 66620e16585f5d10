#pragma once
// Plain HTTP routes of the streaming API: the health check, and an answer for GET /api/v1/streaming without
// a WebSocket upgrade (the upgrade itself is taken over by the server before routing; see web/server.cpp).
#include "activitypub/context.hpp"
#include "web/router.hpp"

namespace gesso::web::streaming {

void add_streaming_routes(Router& router, activitypub::Context& ctx);

}  // namespace gesso::web::streaming
