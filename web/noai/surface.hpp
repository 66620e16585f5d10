#pragma once
// The node's no-AI web surface: which agents robots.txt disallows, which user agents are turned away, and the
// rights-reservation headers every response carries (docs/admin/no-ai.md). Immutable once built; thread-safe.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "activitypub/context.hpp"
#include "core/ids.hpp"
#include "web/http.hpp"

namespace gesso::web {
class Router;
}

namespace gesso::web::noai {

// What the admin configures (server/config: robots_disallow, robots_allow, block_ai_crawlers,
// ai_crawler_allow, noarchive).
struct SurfaceSettings {
    std::vector<std::string> robots_add;     // agents disallowed besides the vendored list
    std::vector<std::string> robots_remove;  // agents of the vendored list not disallowed (nor turned away)
    bool block_crawlers = true;              // answer 403 to listed agents on pages, media and the client API
    std::vector<std::string> crawler_allow;  // listed agents still disallowed in robots.txt but never answered 403
    bool noarchive = false;                  // add Bing's "noarchive" wherever noai is sent
};

class Surface {
public:
    Surface(activitypub::Context& ctx, SurfaceSettings settings);

    const SurfaceSettings& settings() const { return settings_; }
    // The vendored list plus robots_add, minus robots_remove (case-insensitive), in list order.
    const std::vector<std::string>& disallowed_agents() const { return agents_; }
    // The disallowed agent `user_agent` names, when requests from it are to be refused (block_crawlers on and
    // the agent not in crawler_allow); nullopt otherwise.
    std::optional<std::string> refused_agent(std::string_view user_agent) const;

    // The X-Robots-Tag for content whose owner chose `content_tag` (empty: the node's default, noai and
    // noimageai), with noarchive added when the node says so and the content is reserved.
    std::string robots_tag(std::string_view content_tag = {}) const;
    // Where the node's TDM policy (ODRL) is served.
    std::string policy_url() const;
    // The <meta> tags an HTML page about content with `content_tag` carries (robots, tdm-reservation,
    // tdm-policy), matching the headers.
    std::string meta_tags(std::string_view content_tag = {}) const;

    // Completes `res` with X-Robots-Tag, tdm-reservation and tdm-policy; values a handler set for its content
    // (mark_content_rights) are kept. Runs on every response (Router::set_finisher).
    void finish(Response& res) const;

    activitypub::Context& context() const { return ctx_; }

private:
    activitypub::Context& ctx_;
    SurfaceSettings settings_;
    std::vector<std::string> agents_;
};

// Handlers serving one owner's content call this with the owner's xRobotsTag (an account setting, or a remote
// object's value as received); empty leaves the node's default.
void mark_content_rights(Response& res, std::string_view robots_tag);
// The same for the content of the local account `username` (its protection settings).
void mark_account_rights(activitypub::Context& ctx, Response& res, std::string_view username);
// The same for local status `status_id` (its own choice over its author's settings).
void mark_status_rights(activitypub::Context& ctx, Response& res, core::Id status_id);

// Routes robots.txt, ai.txt, /.well-known/tdmrep.json and the TDM policy, and installs the crawler gate and
// the header finisher on `router` (routes.cpp).
void install(Router& router, std::shared_ptr<const Surface> surface);

}  // namespace gesso::web::noai
