#pragma once
#include "server/config.hpp"

namespace gesso::server {

// Runs the server until SIGTERM or SIGINT, then shuts down gracefully. Returns the exit code.
int serve(const Config& config);

}  // namespace gesso::server
