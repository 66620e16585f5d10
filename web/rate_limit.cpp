#include "web/rate_limit.hpp"

#include <algorithm>
#include <vector>

#include "web/oauth/tokens.hpp"

namespace gesso::web {

namespace limits = core::limits;

RateDecision RateLimiter::hit(const RateRule& rule, std::string_view key) {
    std::int64_t now = core::to_unix_ms(clock_.now());
    std::int64_t window_ms = std::chrono::duration_cast<std::chrono::milliseconds>(rule.window).count();
    std::int64_t start = now - now % window_ms;
    std::string id = std::string(rule.name) + '\n' + std::string(key);
    std::lock_guard lock(mutex_);
    auto it = buckets_.find(id);
    if (it == buckets_.end()) {
        if (buckets_.size() >= max_buckets_) make_room(now);
        it = buckets_.emplace(std::move(id), Bucket{start, start + window_ms, 0}).first;
    } else if (it->second.window_start_ms != start) {
        it->second = Bucket{start, start + window_ms, 0};
    }
    Bucket& b = it->second;
    RateDecision d;
    d.limit = rule.limit;
    d.reset = core::from_unix_ms(b.window_end_ms);
    if (b.count >= rule.limit) {
        d.allowed = false;
        d.remaining = 0;
        d.retry_after = std::chrono::seconds((b.window_end_ms - now + 999) / 1000);
        return d;
    }
    ++b.count;
    d.remaining = rule.limit - b.count;
    return d;
}

bool RateLimiter::exhausted(const RateRule& rule, std::string_view key) const {
    std::int64_t now = core::to_unix_ms(clock_.now());
    std::int64_t window_ms = std::chrono::duration_cast<std::chrono::milliseconds>(rule.window).count();
    std::string id = std::string(rule.name) + '\n' + std::string(key);
    std::lock_guard lock(mutex_);
    auto it = buckets_.find(id);
    return it != buckets_.end() && it->second.window_start_ms == now - now % window_ms && it->second.count >= rule.limit;
}

std::size_t RateLimiter::bucket_count() const {
    std::lock_guard lock(mutex_);
    return buckets_.size();
}

void RateLimiter::make_room(std::int64_t now_ms) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
        if (it->second.window_end_ms <= now_ms)
            it = buckets_.erase(it);
        else
            ++it;
    }
    // Still full (a flood of distinct keys within one window): drop the oldest tenth.
    if (buckets_.size() >= max_buckets_) {
        std::vector<std::pair<std::int64_t, std::string>> by_age;
        by_age.reserve(buckets_.size());
        for (const auto& [k, b] : buckets_) by_age.emplace_back(b.window_start_ms, k);
        std::size_t drop = std::max<std::size_t>(1, buckets_.size() / 10);
        std::nth_element(by_age.begin(), by_age.begin() + static_cast<std::ptrdiff_t>(drop - 1), by_age.end());
        for (std::size_t i = 0; i < drop; ++i) buckets_.erase(by_age[i].second);
    }
}

std::vector<AppliedRule> rules_for(const activitypub::RateLimitSettings& s, const Request& req) {
    std::vector<AppliedRule> out;
    const std::string& path = req.path;
    bool api = path.starts_with("/api/") || path.starts_with("/oauth/");
    if (!s.enabled || !api || path.starts_with("/api/v1/streaming")) return out;
    http::verb method = req.message.method();
    std::string ip = req.remote_address;
    std::string token;
    // The hash, so no usable secret is kept in memory; computed once per request (authentication reuses it).
    if (const std::string* hash = oauth::bearer_token_hash(req)) token = *hash;
    auto path_is = [&](std::string_view p) { return path == p || path == std::string(p) + "/"; };
    if (method == http::verb::post && (path_is("/oauth/token") || path_is("/oauth/authorize"))) {
        out.push_back({{"sign_in", s.sign_in, limits::kRateLimitSignInWindow}, ip});
    }
    if (!token.empty() && method == http::verb::post && (path_is("/api/v1/media") || path_is("/api/v2/media"))) {
        out.push_back({{"media", s.media, limits::kRateLimitMediaWindow}, token});
    }
    if (!token.empty() && ((method == http::verb::post && path_is("/api/v1/statuses")) ||
                           (method == http::verb::put && path.starts_with("/api/v1/statuses/")))) {
        out.push_back({{"statuses", s.statuses, limits::kRateLimitStatusesWindow}, token});
    }
    if (!token.empty()) out.push_back({{"api", s.per_token, limits::kRateLimitWindow}, token});
    out.push_back({{"ip", s.per_ip, limits::kRateLimitWindow}, ip});
    return out;
}

namespace {

void set_headers(Response& res, const RateDecision& d) {
    res.set("X-RateLimit-Limit", std::to_string(d.limit));
    res.set("X-RateLimit-Remaining", std::to_string(d.remaining));
    res.set("X-RateLimit-Reset", core::format_iso8601(d.reset));
}

}  // namespace

Router::Middleware rate_limit_middleware(activitypub::RateLimitSettings settings,
                                         std::shared_ptr<RateLimiter> limiter) {
    return [settings, limiter](const Request& req, const std::function<Response()>& next) -> Response {
        auto rules = rules_for(settings, req);
        if (rules.empty()) return next();
        // The first rule is the most specific: its numbers go in the headers. Every bucket is counted.
        std::optional<RateDecision> shown, denied;
        for (const auto& r : rules) {
            RateDecision d = limiter->hit(r.rule, r.key);
            if (!shown) shown = d;
            if (!d.allowed && !denied) denied = d;
        }
        if (denied) {
            Response res = error_response(core::Errc::too_many_requests, "Too many requests", req.message.version());
            set_headers(res, *denied);
            res.set(http::field::retry_after, std::to_string(denied->retry_after.count()));
            return res;
        }
        Response res = next();
        set_headers(res, *shown);
        return res;
    };
}

}  // namespace gesso::web
