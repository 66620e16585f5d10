// GET /api/v1/timelines/home, /api/v1/timelines/public (local, remote, only_media),
// /api/v1/timelines/tag/:hashtag (any[], all[], none[], local, only_media), /api/v1/timelines/list/:id.
// Each reads an index range (storage/timelines.hpp) and drops, while scanning, what the reader may not see:
// suspended authors, silenced domains the reader does not follow, blocks either way, and hide filters.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "activitypub/posting.hpp"
#include "activitypub/status_filters.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "storage/accounts.hpp"
#include "storage/domain_blocks.hpp"
#include "storage/follows.hpp"
#include "storage/lists.hpp"
#include "storage/mutes.hpp"
#include "storage/post_details.hpp"
#include "storage/relations.hpp"
#include "storage/statuses.hpp"
#include "storage/timelines.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/page_cache.hpp"
#include "web/mastodon/paging.hpp"
#include "web/mastodon/routes.hpp"
#include "web/oauth/tokens.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

std::optional<core::Id> viewer_of(activitypub::Context& ctx, const Request& req) {
    auto caller = oauth::bearer_caller(ctx, req);
    if (caller && caller->account) return caller->account->id;
    return std::nullopt;
}

// Whether a status found in a shared (public or tag) timeline is shown to `viewer`.
bool shown_in_shared_timeline(storage::Connection& conn, const core::Status& s, std::optional<core::Id> viewer,
                              const activitypub::ActiveFilters& filters) {
    auto author = storage::find_account(conn, s.account_id);
    if (!author || author->is_suspended()) return false;
    if (!activitypub::can_see_status(conn, s, viewer)) return false;
    bool follows = false;
    if (viewer) {
        if (storage::blocked_either_way(conn, *viewer, s.account_id)) return false;
        auto f = storage::find_follow(conn, *viewer, s.account_id);
        follows = (f && f->accepted) || *viewer == s.account_id;
    }
    if (!follows && storage::account_silenced(conn, s.account_id)) return false;
    return !filters.hides(s);
}

// Renders the statuses of `ids` with the viewer's filters of `context`, and the Link header for `path`.
// `found` holds statuses already read (by id); the others are read here.
Response render_page(activitypub::Context& ctx, storage::Connection& conn, const std::vector<core::Id>& ids,
                     std::optional<core::Id> viewer, const activitypub::ActiveFilters& filters, const std::string& path,
                     const std::string& query, std::unordered_map<core::Id, core::Status> found = {}) {
    std::vector<core::Id> missing;
    for (core::Id id : ids) {
        if (!found.count(id)) missing.push_back(id);
    }
    for (auto& s : storage::find_statuses(conn, missing)) {
        core::Id id = s.id;
        found.emplace(id, std::move(s));
    }
    std::vector<core::Status> statuses;  // in the page's order
    for (core::Id id : ids) {
        if (auto it = found.find(id); it != found.end()) statuses.push_back(it->second);
    }
    core::JsonWriter w;
    write_statuses(w, ctx, conn, statuses, viewer, &filters);
    Response res = json_response(w.str());
    set_link_header(res, ctx.urls.base() + path + query, ids);
    return res;
}

activitypub::ActiveFilters filters_for(activitypub::Context& ctx, storage::Connection& conn, std::optional<core::Id> viewer,
                                       const std::string& context) {
    if (!viewer) return {};
    return activitypub::ActiveFilters::load(conn, *viewer, context, ctx.clock.now());
}

// A page of `me`'s home timeline, read through a read lease.
Response render_home(activitypub::Context& ctx, storage::Connection& conn, core::Id me, const storage::IdPage& page) {
    storage::ReadSnapshot snapshot(conn);  // one WAL read lock for the page, not one per query
    auto filters = filters_for(ctx, conn, me, "home");
    // Ids are judged a page-sized chunk at a time with one query per kind: the chunk's statuses, their boost
    // targets, and which of their authors the reader hides (storage::status_hidden_by_viewer for the chunk).
    const std::size_t chunk = static_cast<std::size_t>(page.limit);
    const bool upward = page.min_id.has_value();  // scan_page then judges the ids oldest first
    std::vector<core::Id> fetched;
    std::unordered_map<core::Id, core::Status> loaded;
    std::unordered_set<core::Id> judged, hidden;
    auto load_chunk = [&](core::Id first) {
        auto at = static_cast<std::size_t>(std::find(fetched.begin(), fetched.end(), first) - fetched.begin());
        std::vector<core::Id> ids, targets, authors;
        for (std::size_t n = 0; n < chunk && at < fetched.size(); ++n) {
            ids.push_back(fetched[at]);
            if (upward && at == 0) break;
            at = upward ? at - 1 : at + 1;
        }
        judged.insert(ids.begin(), ids.end());
        for (auto& s : storage::find_statuses(conn, ids)) {
            if (s.reblog_of_id) targets.push_back(*s.reblog_of_id);
            authors.push_back(s.account_id);
            core::Id id = s.id;
            loaded.insert_or_assign(id, std::move(s));
        }
        for (auto& s : storage::find_statuses(conn, targets)) {
            authors.push_back(s.account_id);
            core::Id id = s.id;
            loaded.insert_or_assign(id, std::move(s));
        }
        hidden.merge(storage::hidden_authors_among(conn, me, authors, ctx.clock.now()));
    };
    auto find = [&loaded](core::Id id) -> const core::Status* {
        auto it = loaded.find(id);
        return it == loaded.end() ? nullptr : &it->second;
    };
    auto ids = scan_page(
        page,
        [&](const storage::IdPage& p) {
            fetched = storage::home_timeline_page(conn, me, p);
            return fetched;
        },
        [&](core::Id id) {
            if (!judged.count(id)) load_chunk(id);
            const core::Status* s = find(id);
            if (!s || hidden.count(s->account_id)) return false;
            const core::Status* shown = s->reblog_of_id ? find(*s->reblog_of_id) : s;
            if (s->reblog_of_id && shown && hidden.count(shown->account_id)) return false;
            if (filters.empty()) return true;
            return shown && !filters.hides(*shown);
        });
    return render_page(ctx, conn, ids, me, filters, "/api/v1/timelines/home", "", std::move(loaded));
}

Response home(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:statuses");
    storage::IdPage page = read_page(Params::from(req));
    core::Id me = caller.account->id;
    return ctx.db.read([&](storage::Connection& conn) {
        return cached_page(conn, me, req.message.target(), ctx.clock.now(),
                           [&] { return render_home(ctx, conn, me, page); });
    });
}

// A status of a shared timeline (public, tag) is judged by what it shows.
// Mutes and a person's own domain blocks hide statuses too.
auto shared_keep(storage::Connection& conn, std::optional<core::Id> viewer, const activitypub::ActiveFilters& filters,
                 core::TimePoint now) {
    return [&conn, viewer, &filters, now](core::Id id) {
        auto s = storage::find_status(conn, id);
        if (!s || (viewer && storage::status_hidden_by_viewer(conn, *viewer, *s, now))) return false;
        return shown_in_shared_timeline(conn, *s, viewer, filters);
    };
}

Response public_timeline(activitypub::Context& ctx, const Request& req) {
    std::optional<core::Id> viewer = viewer_of(ctx, req);
    Params params = Params::from(req);
    storage::IdPage page = read_page(params);
    bool local = params.boolean("local").value_or(false);
    bool remote = params.boolean("remote").value_or(false);
    bool only_media = params.boolean("only_media").value_or(false);
    storage::Origin origin = local ? storage::Origin::local : remote ? storage::Origin::remote : storage::Origin::all;
    std::string query;
    if (local) query += "&local=true";
    if (remote) query += "&remote=true";
    if (only_media) query += "&only_media=true";
    if (!query.empty()) query[0] = '?';
    return ctx.db.read([&](storage::Connection& conn) {
        return cached_page(conn, viewer, req.message.target(), ctx.clock.now(), [&] {
            storage::ReadSnapshot snapshot(conn);  // one WAL read lock for the page, not one per query
            auto filters = filters_for(ctx, conn, viewer, "public");
            auto fetch = [&](const storage::IdPage& p) {
                return storage::public_timeline_page(conn, origin, only_media, p);
            };
            auto ids = scan_page(page, fetch, shared_keep(conn, viewer, filters, ctx.clock.now()));
            return render_page(ctx, conn, ids, viewer, filters, "/api/v1/timelines/public", query);
        });
    });
}

std::vector<std::string> tag_names(const Params& params, const char* name) {
    std::vector<std::string> out;
    for (const auto& t : params.all(name)) {
        if (t.empty()) continue;
        if (out.size() >= core::limits::kMaxTagTimelineTags) {
            throw Error(Errc::unprocessable, std::string("Validation failed: too many tags in ") + name);
        }
        out.push_back(storage::normalize_tag(t[0] == '#' ? t.substr(1) : t));
    }
    return out;
}

Response tag_timeline(activitypub::Context& ctx, const Request& req) {
    std::optional<core::Id> viewer = viewer_of(ctx, req);
    Params params = Params::from(req);
    storage::IdPage page = read_page(params);
    storage::TagQuery q;
    const std::string& hashtag = req.param("hashtag");
    q.any.push_back(storage::normalize_tag(hashtag));
    for (auto& t : tag_names(params, "any")) q.any.push_back(std::move(t));
    q.all = tag_names(params, "all");
    q.none = tag_names(params, "none");
    q.local_only = params.boolean("local").value_or(false);
    q.only_media = params.boolean("only_media").value_or(false);
    return ctx.db.read([&](storage::Connection& conn) {
        return cached_page(conn, viewer, req.message.target(), ctx.clock.now(), [&] {
            storage::ReadSnapshot snapshot(conn);  // one WAL read lock for the page, not one per query
            auto filters = filters_for(ctx, conn, viewer, "public");
            auto ids = scan_page(
                page, [&](const storage::IdPage& p) { return storage::tag_timeline_page(conn, q, p); },
                shared_keep(conn, viewer, filters, ctx.clock.now()));
            std::string path = "/api/v1/timelines/tag/" + q.any.front();
            return render_page(ctx, conn, ids, viewer, filters, path, "");
        });
    });
}

Response list_timeline(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:lists");
    auto list_id = core::parse_id(req.param("id"));
    if (!list_id) throw Error(Errc::not_found, "Record not found");
    storage::IdPage page = read_page(Params::from(req));
    core::Id me = caller.account->id;
    return ctx.db.read([&](storage::Connection& conn) {
        return cached_page(conn, me, req.message.target(), ctx.clock.now(), [&] {
            if (!storage::find_list(conn, me, *list_id)) throw Error(Errc::not_found, "Record not found");
            auto filters = filters_for(ctx, conn, me, "home");
            auto ids = scan_page(
                page, [&](const storage::IdPage& p) { return storage::list_timeline_page(conn, *list_id, p); },
                [&](core::Id id) {
                    auto s = storage::find_status(conn, id);
                    return s && activitypub::can_see_status(conn, *s, me) && !filters.hides(*s) &&
                           !storage::status_hidden_by_viewer(conn, me, *s, ctx.clock.now());
                });
            std::string path = "/api/v1/timelines/list/";
            path += std::to_string(*list_id);
            return render_page(ctx, conn, ids, me, filters, path, "");
        });
    });
}

// A timeline page stored by cached_page, answered on the I/O thread (memory only): for a request with a bearer
// token the token cache must hold its caller with `scope` (and an account); `anonymous_ok` routes also answer
// requests without one. Anything else (no cached caller, a token lacking the scope) goes to the handler, which
// authenticates and answers errors itself.
MemoryAnswer page_from_memory(activitypub::Context& ctx, std::string_view scope, bool anonymous_ok) {
    return [&ctx, scope, anonymous_ok](const Request& req) -> std::optional<Response> {
        std::optional<core::Id> viewer;
        if (!req.header(http::field::authorization).empty()) {
            auto caller = oauth::cached_bearer_caller(ctx, req);
            if (!caller || !caller->account || !oauth::covers(caller->scopes, scope)) return std::nullopt;
            viewer = caller->account->id;
        } else if (!anonymous_ok) {
            return std::nullopt;
        }
        return find_page(ctx.db, viewer, req.message.target(), ctx.clock.now());
    };
}

}  // namespace

void add_timeline_routes(Router& router, activitypub::Context& ctx) {
    router.get("/api/v1/timelines/home", [&ctx](const Request& req) { return home(ctx, req); },
               page_from_memory(ctx, "read:statuses", false));
    router.get("/api/v1/timelines/public", [&ctx](const Request& req) { return public_timeline(ctx, req); },
               page_from_memory(ctx, "read:statuses", true));
    router.get("/api/v1/timelines/tag/:hashtag", [&ctx](const Request& req) { return tag_timeline(ctx, req); },
               page_from_memory(ctx, "read:statuses", true));
    router.get("/api/v1/timelines/list/:id", [&ctx](const Request& req) { return list_timeline(ctx, req); },
               page_from_memory(ctx, "read:lists", false));
}

}  // namespace gesso::web::mastodon
