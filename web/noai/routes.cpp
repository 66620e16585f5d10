// GET /robots.txt, /ai.txt, /.well-known/tdmrep.json, /tdm-policy.json; the crawler gate and the finisher that
// puts the rights-reservation headers on every response (docs/admin/no-ai.md).
#include "activitypub/node_profile.hpp"
#include "core/json.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "storage/account_settings.hpp"
#include "web/noai/crawlers.hpp"
#include "web/noai/surface.hpp"
#include "web/noai/tdmrep.hpp"
#include "web/router.hpp"

namespace gesso::web::noai {

namespace {

constexpr std::string_view kListHome = "https://github.com/ai-robots-txt/ai.robots.txt";

std::string robots_txt(const Surface& surface) {
    const auto& ctx = surface.context();
    std::string out = "# robots.txt for " + ctx.urls.domain + ", an art community running Gesso.\n";
    out += "# The works on this node are not licensed for AI training, nor for text and data mining: the rights are\n"
           "# reserved (EU Directive 2019/790, Art. 4(3)). Terms: ";
    out += surface.policy_url();
    out += "\n#\n# AI crawlers below: the ai.robots.txt list (";
    out += kListHome;
    out += "), MIT licence.\n# ";
    out += core::trim(vendored_source());
    out += "\n";
    for (const auto& agent : surface.disallowed_agents()) out += "User-agent: " + agent + "\n";
    out += "Disallow: /\n\n";
    out += "# Everyone else (search engines) may read the public pages, not the API.\n";
    out += "User-agent: *\nDisallow: /api/\nDisallow: /oauth/\nAllow: /\n";
    return out;
}

// Spawning's ai.txt: robots.txt syntax, read by AI dataset tools.
std::string ai_txt(const Surface& surface) {
    std::string out = "# ai.txt for " + surface.context().urls.domain + ": no work here may be used to train AI.\n";
    out += "# Terms: " + surface.policy_url() + "\n";
    out += "User-Agent: *\nDisallow: /\n";
    for (const char* type : {"*.jpg", "*.jpeg", "*.png", "*.webp", "*.gif", "*.avif", "*.txt", "*.html", "*.json"}) {
        out += "Disallow: ";
        out += type;
        out += "\n";
    }
    return out;
}

// The node's terms as an ODRL 2.2 Offer with the TDMRep profile: mining is permitted only with the consent
// of each work's author.
std::string tdm_policy_json(const Surface& surface) {
    const auto& ctx = surface.context();
    core::JsonWriter w;
    w.begin_object();
    w.key("@context").begin_array().value("http://www.w3.org/ns/odrl.jsonld");
    w.begin_object().field("tdm", "http://www.w3.org/ns/tdmrep#").end_object().end_array();
    w.field("@type", "Offer");
    w.field("profile", "http://www.w3.org/ns/tdmrep");
    w.field("uid", surface.policy_url());
    w.key("assigner").begin_object().field("uid", ctx.urls.base() + "/").field("vcard:fn", activitypub::node_profile(surface.context()).title);
    w.end_object();
    w.key("permission").begin_array().begin_object();
    w.field("target", ctx.urls.base() + "/");
    w.field("action", "tdm:mine");
    w.key("duty").begin_array().begin_object().field("action", "obtainConsent").end_object().end_array();
    w.end_object().end_array();
    w.key("prohibition").begin_array().begin_object();
    w.field("target", ctx.urls.base() + "/");
    w.field("action", "tdm:mine");
    w.key("constraint").begin_array().begin_object();
    w.field("leftOperand", "purpose").field("operator", "eq").field("rightOperand", "ai-training");
    w.end_object().end_array();
    w.end_object().end_array();
    w.end_object();
    return w.str();
}

// Documents other servers and robots need are never gated: the reservation itself, discovery (WebFinger,
// NodeInfo, host-meta), and ActivityPub (actors, their collections, inboxes), which authorized fetch guards.
bool serves_servers(std::string_view path) {
    return path == "/robots.txt" || path == "/ai.txt" || path == "/tdm-policy.json" || path == "/actor" ||
           path == "/inbox" || path.starts_with("/.well-known/") || path.starts_with("/nodeinfo/") ||
           path.starts_with("/actor/") || path.starts_with("/users/");
}

Response refused_response(const Request& req) {
    constexpr std::string_view kWhy = "automated AI crawlers may not read this site: see /robots.txt";
    if (core::to_lower_ascii(req.header(http::field::accept)).find("text/html") != std::string::npos) {
        std::string body = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                           "<title>Forbidden</title></head><body><h1>403 Forbidden</h1><p>";
        body += kWhy;
        body += "</p></body></html>\n";
        return text_response(std::move(body), "text/html; charset=utf-8", http::status::forbidden);
    }
    return error_response(core::Errc::forbidden, kWhy);
}

std::optional<Response> gate(const Surface& surface, const Request& req) {
    if (serves_servers(req.path)) return std::nullopt;
    auto agent = surface.refused_agent(req.header(http::field::user_agent));
    if (!agent) return std::nullopt;
    auto& ctx = surface.context();
    GESSO_LOG(info) << "noai " << req.request_id << " refused AI crawler " << *agent << " " << req.remote_address
                    << " " << req.path.substr(0, 200);
    try {
        ctx.db.write([&](storage::Connection& conn) { storage::record_crawler_hit(conn, *agent, ctx.clock.now()); });
    } catch (const std::exception& e) {
        // The refusal matters more than the count.
        GESSO_LOG(warn) << "noai " << req.request_id << " cannot count the refusal: " << e.what();
    }
    return refused_response(req);
}

}  // namespace

void install(Router& router, std::shared_ptr<const Surface> surface) {
    router.get_on_io_thread("/robots.txt", [surface](const Request&) {
        return text_response(robots_txt(*surface), "text/plain; charset=utf-8");
    });
    router.get_on_io_thread("/ai.txt", [surface](const Request&) {
        return text_response(ai_txt(*surface), "text/plain; charset=utf-8");
    });
    router.get("/.well-known/tdmrep.json", [surface](const Request&) {
        Response res = json_response(tdmrep_json(surface->context(), surface->policy_url()));
        res.set(http::field::access_control_allow_origin, "*");
        return res;
    });
    router.get_on_io_thread("/tdm-policy.json", [surface](const Request&) {
        Response res = json_response(tdm_policy_json(*surface), "application/ld+json; charset=utf-8");
        res.set(http::field::access_control_allow_origin, "*");
        return res;
    });
    // Static answers (above) run on the I/O thread when the gate surely lets them through: no crawler match.
    router.set_gate([surface](const Request& req) { return gate(*surface, req); },
                    [surface](const Request& req) {
                        return serves_servers(req.path) || !surface->refused_agent(req.header(http::field::user_agent));
                    });
    router.set_finisher([surface](const Request&, Response& res) { surface->finish(res); });
}

}  // namespace gesso::web::noai
