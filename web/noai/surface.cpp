#include "web/noai/surface.hpp"

#include <algorithm>

#include "activitypub/protection.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/protection.hpp"
#include "core/text.hpp"
#include "web/noai/crawlers.hpp"

namespace gesso::web::noai {

namespace {

bool contains_agent(const std::vector<std::string>& list, std::string_view agent) {
    std::string lower = core::to_lower_ascii(agent);
    for (const auto& a : list) {
        if (core::to_lower_ascii(a) == lower) return true;
    }
    return false;
}

bool has_directive(std::string_view tag, std::string_view directive) {
    return core::to_lower_ascii(tag).find(directive) != std::string::npos;
}

}  // namespace

Surface::Surface(activitypub::Context& ctx, SurfaceSettings settings) : ctx_(ctx), settings_(std::move(settings)) {
    for (const auto& agent : vendored_agents()) {
        if (!contains_agent(settings_.robots_remove, agent)) agents_.push_back(agent);
    }
    for (const auto& agent : settings_.robots_add) {
        if (!contains_agent(agents_, agent)) agents_.push_back(agent);
    }
}

std::optional<std::string> Surface::refused_agent(std::string_view user_agent) const {
    if (!settings_.block_crawlers || user_agent.empty()) return std::nullopt;
    // Asked on every request: the lowered header once, and a case-insensitive search without allocating before the
    // exact (word-bounded) match, which only the rare header that contains an agent's name reaches.
    std::string lowered = core::to_lower_ascii(user_agent.substr(0, core::limits::kMaxUserAgentScanBytes));
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    for (const auto& agent : agents_) {
        if (agent.empty()) continue;
        auto found = std::search(lowered.begin(), lowered.end(), agent.begin(), agent.end(),
                                 [&lower](char a, char b) { return a == lower(b); });
        if (found == lowered.end() || !user_agent_matches(user_agent, agent)) continue;
        if (contains_agent(settings_.crawler_allow, agent)) return std::nullopt;
        return agent;
    }
    return std::nullopt;
}

std::string Surface::robots_tag(std::string_view content_tag) const {
    std::string tag(content_tag.empty() ? core::kReservedRobotsTag : content_tag);
    if (settings_.noarchive && core::robots_tag_reserves(tag) && !has_directive(tag, "noarchive")) {
        tag += ", noarchive";
    }
    return tag;
}

std::string Surface::policy_url() const { return ctx_.urls.base() + "/tdm-policy.json"; }

std::string Surface::meta_tags(std::string_view content_tag) const {
    std::string tag = robots_tag(content_tag);
    bool reserved = core::robots_tag_reserves(tag);
    std::string out = "<meta name=\"robots\" content=\"" + core::html_escape(tag) + "\">\n";
    out += "<meta name=\"tdm-reservation\" content=\"";
    out += reserved ? "1" : "0";
    out += "\">\n";
    if (reserved) out += "<meta name=\"tdm-policy\" content=\"" + core::html_escape(policy_url()) + "\">\n";
    return out;
}

void Surface::finish(Response& res) const {
    auto it = res.find("X-Robots-Tag");
    std::string content_tag = it == res.end() ? std::string() : std::string(it->value());
    std::string tag = robots_tag(content_tag);
    bool reserved = core::robots_tag_reserves(tag);
    res.set("X-Robots-Tag", tag);
    if (res.find("tdm-reservation") == res.end()) res.set("tdm-reservation", reserved ? "1" : "0");
    if (reserved && res.find("tdm-policy") == res.end()) res.set("tdm-policy", policy_url());
}

void mark_content_rights(Response& res, std::string_view robots_tag) {
    if (!robots_tag.empty()) res.set("X-Robots-Tag", robots_tag);
}

void mark_account_rights(activitypub::Context& ctx, Response& res, std::string_view username) {
    mark_content_rights(res, activitypub::local_account_robots_tag(ctx, username));
}

void mark_status_rights(activitypub::Context& ctx, Response& res, core::Id status_id) {
    mark_content_rights(res, activitypub::local_status_robots_tag(ctx, status_id));
}

}  // namespace gesso::web::noai
