#include "web/router.hpp"

#include "core/log.hpp"

namespace gesso::web {

using core::Errc;

namespace {
std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    std::size_t start = 0;
    if (!path.empty() && path.front() == '/') start = 1;
    while (start <= path.size() && !path.empty()) {
        auto slash = path.find('/', start);
        if (slash == std::string_view::npos) slash = path.size();
        parts.push_back(path.substr(start, slash - start));
        start = slash + 1;
        if (slash == path.size()) break;
    }
    return parts;
}
}  // namespace

void Router::add(http::verb method, std::string_view pattern, Handler handler, std::size_t body_limit, RunsOn runs_on) {
    Route route{method, {}, std::move(handler), body_limit, runs_on, {}};
    for (auto part : split_path(pattern)) {
        auto colon = part.find(':');
        if (colon == std::string_view::npos) route.segments.push_back({std::string(part), {}});
        else route.segments.push_back({std::string(part.substr(0, colon)), std::string(part.substr(colon + 1))});
    }
    routes_.push_back(std::move(route));
}

void Router::get(std::string_view pattern, Handler handler, MemoryAnswer from_memory) {
    add(http::verb::get, pattern, std::move(handler));
    routes_.back().from_memory = std::move(from_memory);
}

bool Router::match_segments(const std::vector<Segment>& pattern, const std::vector<std::string_view>& parts,
                            std::map<std::string, std::string, std::less<>>& params) {
    if (pattern.size() != parts.size()) return false;
    params.clear();
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const Segment& seg = pattern[i];
        std::string_view part = parts[i];
        if (seg.param.empty()) {
            if (part != seg.literal) return false;
            continue;
        }
        if (part.size() <= seg.literal.size() || part.substr(0, seg.literal.size()) != seg.literal) return false;
        params.emplace(seg.param, std::string(part.substr(seg.literal.size())));
    }
    return true;
}

Router::Match Router::match(http::verb method, std::string_view path) const {
    Match result;
    if (method == http::verb::head) method = http::verb::get;
    auto parts = split_path(path);
    std::map<std::string, std::string, std::less<>> params;  // cleared by each match attempt
    for (const Route& route : routes_) {
        if (route.segments.size() != parts.size() || !match_segments(route.segments, parts, params)) continue;
        result.path_known = true;
        if (route.method == method) {
            result.handler = &route.handler;
            result.params = std::move(params);
            result.body_limit = route.body_limit;
            result.runs_on = route.runs_on;
            result.from_memory = route.from_memory ? &route.from_memory : nullptr;
            result.allow.clear();
            return result;
        }
        if (!result.allow.empty()) result.allow += ", ";
        result.allow += std::string(http::to_string(route.method));
        if (route.method == http::verb::get) result.allow += ", HEAD";
    }
    return result;
}

Response Router::dispatch(Request& request, const Match& match) const {
    Response res = middleware_ ? middleware_(request, [&] { return run(request, match); }) : run(request, match);
    finish(request, res);
    return res;
}

bool Router::gate_surely_passes(const Request& request) const {
    if (!gate_) return true;
    try {
        return gate_passes_ && gate_passes_(request);
    } catch (const std::exception&) {
        return false;  // the gate itself, on the workers, decides and logs
    }
}

bool Router::runs_on_io_thread(const Request& request, const Match& match) const {
    if (!match.handler || match.runs_on != RunsOn::io_thread) return false;
    return gate_surely_passes(request);
}

std::optional<Response> Router::answer_from_memory(Request& request, const Match& match) const {
    if (!match.handler || !match.from_memory || !gate_surely_passes(request)) return std::nullopt;
    request.params = match.params;
    std::optional<Response> found;
    try {
        found = (*match.from_memory)(request);
    } catch (const std::exception&) {
        return std::nullopt;  // the handler, on the workers, answers and logs
    }
    if (!found) return std::nullopt;
    found->version(request.message.version());
    Response res = middleware_ ? middleware_(request, [&] { return std::move(*found); }) : std::move(*found);
    finish(request, res);
    return res;
}

void Router::finish(const Request& request, Response& response) const {
    if (!finisher_) return;
    try {
        finisher_(request, response);
    } catch (const std::exception& e) {
        GESSO_LOG(error) << request.request_id << " response finisher failed: " << e.what();
    }
}

Response Router::run(Request& request, const Match& match) const {
    unsigned version = request.message.version();
    // The gate sees every request, routed or not: a refused crawler learns nothing about which paths exist.
    if (gate_) {
        try {
            if (auto refused = gate_(request)) {
                refused->version(version);
                return std::move(*refused);
            }
        } catch (const std::exception& e) {
            GESSO_LOG(error) << request.request_id << " request gate failed: " << e.what();
            return error_response(Errc::internal, "internal error", version);
        }
    }
    if (!match.handler) {
        if (match.path_known) {
            Response res = error_response(Errc::method_not_allowed, "method not allowed", version);
            res.set(http::field::allow, match.allow);
            return res;
        }
        if (!not_found_) return error_response(Errc::not_found, "not found", version);
        try {
            Response res = not_found_(request);
            res.version(version);
            return res;
        } catch (const std::exception& e) {
            GESSO_LOG(error) << request.request_id << " not-found answer failed: " << e.what();
            return error_response(Errc::internal, "internal error", version);
        }
    }
    request.params = match.params;
    try {
        Response res = (*match.handler)(request);
        res.version(version);
        return res;
    } catch (const core::Error& e) {
        if (e.code() == Errc::internal || !e.detail().empty()) {
            GESSO_LOG(error) << request.request_id << " " << e.what() << (e.detail().empty() ? "" : ": ")
                             << e.detail();
        }
        return error_response(e.code(), e.what(), version);
    } catch (const std::exception& e) {
        GESSO_LOG(error) << request.request_id << " unexpected error: " << e.what();
        return error_response(Errc::internal, "internal error", version);
    }
}

}  // namespace gesso::web
