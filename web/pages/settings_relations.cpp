// GET /settings/blocks and /settings/mutes: the accounts the viewer blocks or mutes, newest first, a page at a
// time; POST /settings/blocks/:id/unblock and /settings/mutes/:id/unmute undo one (the engine's own unblock and
// unmute, as the API's).
#include "activitypub/personal_filters.hpp"
#include "activitypub/relationships.hpp"
#include "storage/accounts.hpp"
#include "storage/mutes.hpp"
#include "storage/relations.hpp"
#include "web/mastodon/record_id.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/pages/session.hpp"

namespace gesso::web::pages {

namespace {

// Accounts listed per page.
constexpr int kRelationsPerPage = 50;

struct Kind {
    std::string_view path;    // "/settings/blocks"
    std::string_view title;   // "Blocks"
    std::string_view action;  // "unblock"
    std::string_view button;  // "Unblock"
    std::string_view empty;   // when there is none
    std::string_view done;    // notice after undoing one
};
const Kind kBlocks{"/settings/blocks", "Blocks", "unblock", "Unblock", "You block nobody.", "The account was unblocked."};
const Kind kMutes{"/settings/mutes", "Mutes", "unmute", "Unmute", "You mute nobody.", "The account was unmuted."};

std::string handle(const activitypub::Context& ctx, const core::Account& a) {
    return "@" + a.username + "@" + (a.domain.empty() ? ctx.urls.domain : a.domain);
}

Response show(const Site& site, const Kind& kind, const Request& req, const SessionViewer& viewer) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    storage::IdPage page;
    page.limit = kRelationsPerPage;
    if (auto max = req.query_param("max_id")) page.max_id = core::parse_id(*max);
    core::TimePoint now = ctx.clock.now();
    auto [rows, accounts] = ctx.db.read([&](storage::Connection& conn) {
        auto found = &kind == &kBlocks ? storage::blocks_page(conn, viewer.account.id, page)
                                       : storage::mutes_page(conn, viewer.account.id, page, now);
        std::vector<core::Account> listed;
        for (const auto& row : found) {
            if (auto a = storage::find_account(conn, row.value)) listed.push_back(*a);
        }
        return std::make_pair(found, listed);
    });
    mustache::data list{mustache::data::type::list};
    for (const auto& a : accounts) {
        mustache::data item;
        item.set("name", a.display_name.empty() ? a.username : a.display_name);
        item.set("handle", handle(ctx, a));
        std::string action(kind.path);
        action += '/';
        action += std::to_string(a.id);
        action += '/';
        action += kind.action;
        item.set("action_url", action);
        list.push_back(std::move(item));
    }
    mustache::data data;
    data.set("title", std::string(kind.title));
    data.set("empty", std::string(kind.empty));
    data.set("button", std::string(kind.button));
    if (!accounts.empty()) data.set("has_accounts", true);
    data.set("accounts", std::move(list));
    if (static_cast<int>(rows.size()) == kRelationsPerPage) {
        std::string older(kind.path);
        older += "?max_id=";
        older += std::to_string(rows.back().key);
        data.set("older_url", older);
    }
    add_form_messages(data, {}, req.query_param("done") ? kind.done : "");
    return render_settings_page(site, req, kind.path, kind.title, "settings_relations", std::move(data));
}

Response undo(const Site& site, const Kind& kind, const Request& req, const SessionViewer& viewer) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    core::Id target = mastodon::id_param(req.param("id"));
    if (&kind == &kBlocks) activitypub::unblock_account(ctx, viewer.account, target);
    else activitypub::unmute_account(ctx, viewer.account, target);
    return see_other(std::string(kind.path) + "?done=1");
}

void add(Router& router, const SitePtr& site, const Kind& kind) {
    router.get(kind.path, signed_in(site, [s = site.get(), &kind](const Request& req, const SessionViewer& v) { return show(*s, kind, req, v); }));
    router.add(http::verb::post, std::string(kind.path) + "/:id/" + std::string(kind.action),
               signed_in(site, [s = site.get(), &kind](const Request& req, const SessionViewer& v) { return undo(*s, kind, req, v); }),
               core::limits::kMaxFormBodyBytes);
}

}  // namespace

void add_relation_settings_routes(Router& router, const SitePtr& site) {
    add(router, site, kBlocks);
    add(router, site, kMutes);
}

}  // namespace gesso::web::pages
