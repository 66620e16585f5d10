#pragma once
// Routes: method + path pattern -> handler, with a body limit per route. Patterns are literal segments,
// ":name" parameters, or a literal prefix followed by a parameter ("@:username"). A trailing slash is
// ignored ("/api/v1/instance/" matches "/api/v1/instance"). HEAD is served by the GET route.
// Thread-safe for concurrent match()/dispatch() once all routes are added.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.hpp"
#include "web/http.hpp"

namespace gesso::web {

using Handler = std::function<Response(const Request&)>;
// A route's answer from memory (a cached page), tried on the I/O thread before the handler is handed to the
// workers: it must neither block nor have side effects. nullopt (or an exception) sends the request on to the
// handler, which must then answer what the memory answer would have.
using MemoryAnswer = std::function<std::optional<Response>(const Request&)>;
// Runs before the matched handler: a response it returns is sent instead (web/noai's crawler gate).
using Gate = std::function<std::optional<Response>(const Request&)>;
// Runs on every response, errors included (web/noai's rights-reservation headers).
using Finisher = std::function<void(const Request&, Response&)>;

class Router {
public:
    // Wraps every dispatch (rate limits): gets the request and the rest of the dispatch, returns the response.
    using Middleware = std::function<Response(const Request&, const std::function<Response()>& next)>;
    void set_middleware(Middleware middleware) { middleware_ = std::move(middleware); }

    // Where a route's handler runs. By default on the server's worker pool, because it may block (SQL, locks,
    // signing, outgoing HTTP). `io_thread`: on the I/O thread that read the request, which saves the two thread
    // hand-offs (for a trivial route they cost more than the route); only for handlers that answer from memory
    // in microseconds and take no lock that blocking work holds.
    enum class RunsOn { workers, io_thread };

    void add(http::verb method, std::string_view pattern, Handler handler,
             std::size_t body_limit = core::limits::kDefaultBodyBytes, RunsOn runs_on = RunsOn::workers);
    void get(std::string_view pattern, Handler handler) { add(http::verb::get, pattern, std::move(handler)); }
    void get_on_io_thread(std::string_view pattern, Handler handler) {
        add(http::verb::get, pattern, std::move(handler), core::limits::kDefaultBodyBytes, RunsOn::io_thread);
    }
    // A GET route on the workers whose answer may come from memory first (see MemoryAnswer).
    void get(std::string_view pattern, Handler handler, MemoryAnswer from_memory);

    struct Match {
        const Handler* handler = nullptr;  // null: no route for this method
        std::map<std::string, std::string, std::less<>> params;
        std::size_t body_limit = core::limits::kDefaultBodyBytes;
        std::string allow;  // methods the path supports, when the method is not one of them
        bool path_known = false;
        RunsOn runs_on = RunsOn::workers;  // of the matched route
        const MemoryAnswer* from_memory = nullptr;  // of the matched route, when it has one
    };
    // Finds the route for `method` and decoded `path`.
    Match match(http::verb method, std::string_view path) const;

    // At most one of each; set them before serving.
    // `passes`, when given, tells without side effects or blocking whether the gate lets a request through
    // untouched; without it a gated router runs every handler on the workers (the gate may block: it counts
    // refusals in the database).
    void set_gate(Gate gate, std::function<bool(const Request&)> passes = {}) {
        gate_ = std::move(gate);
        gate_passes_ = std::move(passes);
    }
    void set_finisher(Finisher finisher) { finisher_ = std::move(finisher); }
    // Answers a path no route knows (after the gate); without one, the JSON 404. Its exceptions give a JSON 500.
    void set_not_found(Handler not_found) { not_found_ = std::move(not_found); }

    // Runs the gate and the matched handler, turning every exception into a JSON error response (404 and 405
    // included), then the finisher. Internal details are logged with the request id, never sent.
    Response dispatch(Request& request, const Match& match) const;
    // Whether dispatch(request, match) may run on the I/O thread: the route runs there and the gate (if any)
    // surely lets the request through.
    bool runs_on_io_thread(const Request& request, const Match& match) const;
    // The matched route's answer from memory when it has one and the gate (if any) surely lets the request
    // through, with everything dispatch() adds: the middleware (so rate limits count it once, as they count a
    // dispatched request) and the finisher. nullopt: dispatch it (on the workers).
    std::optional<Response> answer_from_memory(Request& request, const Match& match) const;
    // Runs the finisher on a response made outside dispatch() (the server's own 400 and 413 answers).
    void finish(const Request& request, Response& response) const;

private:
    struct Segment {
        std::string literal;  // whole segment, or the prefix before a parameter
        std::string param;    // empty for a literal segment
    };
    struct Route {
        http::verb method;
        std::vector<Segment> segments;
        Handler handler;
        std::size_t body_limit;
        RunsOn runs_on;
        MemoryAnswer from_memory;
    };
    static bool match_segments(const std::vector<Segment>& pattern, const std::vector<std::string_view>& parts,
                               std::map<std::string, std::string, std::less<>>& params);
    Response run(Request& request, const Match& match) const;
    // Whether the gate, if any, surely lets `request` through (without side effects).
    bool gate_surely_passes(const Request& request) const;
    std::vector<Route> routes_;
    Middleware middleware_;
    Gate gate_;
    std::function<bool(const Request&)> gate_passes_;
    Finisher finisher_;
    Handler not_found_;
};

}  // namespace gesso::web
