// Filters v2: /api/v2/filters (CRUD), /api/v2/filters/:id/keywords, /api/v2/filters/keywords/:id,
// /api/v2/filters/:id/statuses, /api/v2/filters/statuses/:id. Filters v1: /api/v1/filters (CRUD), where each
// v1 filter is one keyword of a v2 filter, as Mastodon maps them. Matching lives in activitypub/status_filters.
#include <algorithm>

#include "activitypub/posting.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/limits.hpp"
#include "storage/filters.hpp"
#include "storage/statuses.hpp"
#include "web/mastodon/char_count.hpp"
#include "web/mastodon/filter_entity.hpp"
#include "web/mastodon/record_id.hpp"
#include "web/mastodon/routes.hpp"
#include "web/oauth/tokens.hpp"
#include "web/params.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

const Error kNotFound(Errc::not_found, "Record not found");

std::vector<std::string> read_contexts(const Params& p) {
    std::vector<std::string> out;
    for (const auto& c : p.all("context")) {
        if (c != "home" && c != "notifications" && c != "public" && c != "thread" && c != "account") {
            throw Error(Errc::unprocessable, "Validation failed: Context contains an invalid value");
        }
        if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    }
    return out;
}

std::optional<core::TimePoint> read_expiry(const Params& p, core::TimePoint now) {
    auto text = p.get("expires_in");
    if (!text || text->empty()) return std::nullopt;
    auto seconds = p.integer("expires_in");
    if (!seconds || *seconds <= 0 || *seconds > 10LL * 365 * 24 * 3600) {
        throw Error(Errc::unprocessable, "Validation failed: Expires in is not a valid duration");
    }
    return now + std::chrono::seconds(*seconds);
}

std::string checked_keyword(std::string keyword) {
    if (keyword.empty()) throw Error(Errc::unprocessable, "Validation failed: Keyword can't be blank");
    if (char_count(keyword) > core::limits::kMaxFilterKeywordChars) {
        throw Error(Errc::unprocessable, "Validation failed: Keyword is too long");
    }
    return keyword;
}

// Keyword attributes as clients send them: keywords_attributes[][keyword] (JSON arrays of objects or forms)
// or keywords_attributes[N][keyword]. Each: keyword, whole_word, id (to update) and _destroy.
struct KeywordAttribute {
    std::optional<core::Id> id;
    std::string keyword;
    std::optional<bool> whole_word;
    bool destroy = false;
};
std::vector<KeywordAttribute> read_keyword_attributes(const Params& p) {
    std::vector<KeywordAttribute> out;
    auto keywords = p.all("keywords_attributes[][keyword]");
    auto ids = p.all("keywords_attributes[][id]");
    auto whole = p.all("keywords_attributes[][whole_word]");
    auto destroy = p.all("keywords_attributes[][_destroy]");
    std::size_t n = std::max(keywords.size(), ids.size());
    for (std::size_t i = 0; i < n; ++i) {
        KeywordAttribute a;
        if (i < keywords.size()) a.keyword = keywords[i];
        if (i < ids.size()) a.id = core::parse_id(ids[i]);
        Params flags;
        if (i < whole.size()) flags.add("whole_word", whole[i]);
        if (i < destroy.size()) flags.add("_destroy", destroy[i]);
        a.whole_word = flags.boolean("whole_word");
        a.destroy = flags.boolean("_destroy").value_or(false);
        out.push_back(std::move(a));
    }
    for (int i = 0; i < core::limits::kMaxFilterKeywords; ++i) {
        std::string prefix = "keywords_attributes[";
        prefix += std::to_string(i);
        prefix += "]";
        auto keyword = p.get(prefix + "[keyword]");
        auto id = p.get(prefix + "[id]");
        if (!keyword && !id) break;
        KeywordAttribute a;
        a.keyword = keyword.value_or("");
        if (id) a.id = core::parse_id(*id);
        a.whole_word = p.boolean(prefix + "[whole_word]");
        a.destroy = p.boolean(prefix + "[_destroy]").value_or(false);
        out.push_back(std::move(a));
    }
    if (out.size() > static_cast<std::size_t>(core::limits::kMaxFilterKeywords)) {
        throw Error(Errc::unprocessable, "Validation failed: too many keywords");
    }
    return out;
}

// title, context[], filter_action and expires_in over `f` (kept when the request does not name them).
void read_filter_fields(const Params& p, storage::Filter& f, core::TimePoint now) {
    if (auto title = p.get("title")) f.title = *title;
    if (f.title.empty()) throw Error(Errc::unprocessable, "Validation failed: Title can't be blank");
    if (char_count(f.title) > core::limits::kMaxFilterTitleChars) throw Error(Errc::unprocessable, "Validation failed: Title is too long");
    if (p.has("context")) f.contexts = read_contexts(p);
    if (f.contexts.empty()) throw Error(Errc::unprocessable, "Validation failed: Context can't be blank");
    if (auto action = p.get("filter_action")) {
        if (*action != "warn" && *action != "hide") {
            throw Error(Errc::unprocessable, "Validation failed: Filter action is not included in the list");
        }
        f.action = *action;
    }
    if (p.get("expires_in")) f.expires_at = read_expiry(p, now);
}

Response filter_response(activitypub::Context& ctx, core::Id account_id, core::Id filter_id) {
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        auto f = storage::find_filter(conn, account_id, filter_id);
        if (!f) throw kNotFound;
        write_filter(w, *f);
    });
    return json_response(w.str());
}

Response index(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:filters");
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        w.begin_array();
        for (const auto& f : storage::filters_of(conn, caller.account->id)) write_filter(w, f);
        w.end_array();
    });
    return json_response(w.str());
}

Response show(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:filters");
    return filter_response(ctx, caller.account->id, id_param(req.param("id")));
}

Response create(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:filters");
    Params p = Params::from(req);
    auto now = ctx.clock.now();
    storage::Filter f;
    f.account_id = caller.account->id;
    f.id = ctx.ids.next(now);
    read_filter_fields(p, f, now);
    for (auto& a : read_keyword_attributes(p)) {
        if (a.destroy) continue;
        f.keywords.push_back({ctx.ids.next(now), checked_keyword(std::move(a.keyword)), a.whole_word.value_or(true)});
    }
    ctx.db.write([&](storage::Connection& conn) {
        if (storage::count_filters(conn, f.account_id) >= core::limits::kMaxFiltersPerAccount) {
            throw Error(Errc::unprocessable, "Validation failed: You have reached the maximum number of filters");
        }
        storage::insert_filter(conn, f, now);
    });
    return filter_response(ctx, f.account_id, f.id);
}

Response update(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:filters");
    core::Id id = id_param(req.param("id"));
    Params p = Params::from(req);
    auto now = ctx.clock.now();
    auto attributes = read_keyword_attributes(p);
    ctx.db.write([&](storage::Connection& conn) {
        auto f = storage::find_filter(conn, caller.account->id, id);
        if (!f) throw kNotFound;
        read_filter_fields(p, *f, now);
        storage::update_filter(conn, *f);
        int count = static_cast<int>(f->keywords.size());
        for (auto& a : attributes) {
            if (a.id) {
                auto it = std::find_if(f->keywords.begin(), f->keywords.end(), [&](const auto& k) { return k.id == *a.id; });
                if (it == f->keywords.end()) throw kNotFound;
                if (a.destroy) {
                    storage::delete_filter_keyword(conn, id, it->id);
                    --count;
                    continue;
                }
                if (!a.keyword.empty()) it->keyword = checked_keyword(std::move(a.keyword));
                if (a.whole_word) it->whole_word = *a.whole_word;
                storage::update_filter_keyword(conn, id, *it);
            } else if (!a.destroy) {
                if (++count > core::limits::kMaxFilterKeywords) throw Error(Errc::unprocessable, "Validation failed: too many keywords");
                storage::insert_filter_keyword(conn, id, {ctx.ids.next(now), checked_keyword(std::move(a.keyword)), a.whole_word.value_or(true)});
            }
        }
    });
    return filter_response(ctx, caller.account->id, id);
}

Response remove(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:filters");
    core::Id id = id_param(req.param("id"));
    if (!ctx.db.write([&](storage::Connection& conn) { return storage::delete_filter(conn, caller.account->id, id); })) throw kNotFound;
    return json_response("{}");
}

// --- keywords ---

Response keywords(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:filters");
    core::Id id = id_param(req.param("id"));
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        auto f = storage::find_filter(conn, caller.account->id, id);
        if (!f) throw kNotFound;
        w.begin_array();
        for (const auto& k : f->keywords) write_filter_keyword(w, k);
        w.end_array();
    });
    return json_response(w.str());
}

Response add_keyword(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:filters");
    core::Id id = id_param(req.param("id"));
    Params p = Params::from(req);
    storage::FilterKeyword k{ctx.ids.next(ctx.clock.now()), checked_keyword(p.get_or("keyword", "")),
                             p.boolean("whole_word").value_or(true)};
    ctx.db.write([&](storage::Connection& conn) {
        auto f = storage::find_filter(conn, caller.account->id, id);
        if (!f) throw kNotFound;
        if (static_cast<int>(f->keywords.size()) >= core::limits::kMaxFilterKeywords) {
            throw Error(Errc::unprocessable, "Validation failed: too many keywords");
        }
        storage::insert_filter_keyword(conn, id, k);
    });
    core::JsonWriter w;
    write_filter_keyword(w, k);
    return json_response(w.str());
}

Response keyword(activitypub::Context& ctx, const Request& req, http::verb method) {
    oauth::Caller caller = oauth::require_caller(ctx, req, method == http::verb::get ? "read:filters" : "write:filters");
    core::Id id = id_param(req.param("id"));
    Params p = Params::from(req);
    core::JsonWriter w;
    ctx.db.write([&](storage::Connection& conn) {
        auto found = storage::find_filter_keyword(conn, caller.account->id, id);
        if (!found) throw kNotFound;
        auto& [filter_id, k] = *found;
        if (method == http::verb::delete_) {
            storage::delete_filter_keyword(conn, filter_id, id);
            w.begin_object().end_object();
            return;
        }
        if (method == http::verb::put) {
            if (auto text = p.get("keyword")) k.keyword = checked_keyword(*text);
            if (auto whole = p.boolean("whole_word")) k.whole_word = *whole;
            storage::update_filter_keyword(conn, filter_id, k);
        }
        write_filter_keyword(w, k);
    });
    return json_response(w.str());
}

// --- statuses ---

Response statuses(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:filters");
    core::Id id = id_param(req.param("id"));
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        auto f = storage::find_filter(conn, caller.account->id, id);
        if (!f) throw kNotFound;
        w.begin_array();
        for (const auto& s : f->statuses) write_filter_status(w, s);
        w.end_array();
    });
    return json_response(w.str());
}

Response add_status(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:filters");
    core::Id id = id_param(req.param("id"));
    Params p = Params::from(req);
    auto status_id = core::parse_id(p.get_or("status_id", ""));
    if (!status_id) throw Error(Errc::unprocessable, "Validation failed: Status can't be blank");
    storage::FilterStatus s{ctx.ids.next(ctx.clock.now()), *status_id};
    ctx.db.write([&](storage::Connection& conn) {
        auto f = storage::find_filter(conn, caller.account->id, id);
        if (!f) throw kNotFound;
        auto status = storage::find_status(conn, *status_id);
        if (!status || !activitypub::can_see_status(conn, *status, caller.account->id)) throw kNotFound;
        if (static_cast<int>(f->statuses.size()) >= core::limits::kMaxFilterKeywords) {
            throw Error(Errc::unprocessable, "Validation failed: too many statuses");
        }
        if (!storage::insert_filter_status(conn, id, s)) {
            throw Error(Errc::unprocessable, "Validation failed: Status has already been taken");
        }
    });
    core::JsonWriter w;
    write_filter_status(w, s);
    return json_response(w.str());
}

Response filter_status(activitypub::Context& ctx, const Request& req, http::verb method) {
    oauth::Caller caller = oauth::require_caller(ctx, req, method == http::verb::get ? "read:filters" : "write:filters");
    core::Id id = id_param(req.param("id"));
    core::JsonWriter w;
    ctx.db.write([&](storage::Connection& conn) {
        auto found = storage::find_filter_status(conn, caller.account->id, id);
        if (!found) throw kNotFound;
        if (method == http::verb::delete_) {
            storage::delete_filter_status(conn, found->first, id);
            w.begin_object().end_object();
        } else {
            write_filter_status(w, found->second);
        }
    });
    return json_response(w.str());
}

// --- v1: one keyword per filter ---

// phrase, context[], irreversible (hide), whole_word, expires_in.
Response v1_index(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:filters");
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        w.begin_array();
        for (const auto& f : storage::filters_of(conn, caller.account->id)) {
            for (const auto& k : f.keywords) write_v1_filter(w, f, k);
        }
        w.end_array();
    });
    return json_response(w.str());
}

Response v1_response(activitypub::Context& ctx, core::Id account_id, core::Id keyword_id) {
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        auto found = storage::find_filter_keyword(conn, account_id, keyword_id);
        if (!found) throw kNotFound;
        auto f = storage::find_filter(conn, account_id, found->first);
        if (!f) throw kNotFound;
        write_v1_filter(w, *f, found->second);
    });
    return json_response(w.str());
}

void read_v1_fields(const Params& p, storage::Filter& f, storage::FilterKeyword& k, core::TimePoint now) {
    if (auto phrase = p.get("phrase")) k.keyword = *phrase;
    k.keyword = checked_keyword(k.keyword);
    f.title = k.keyword;
    if (p.has("context")) f.contexts = read_contexts(p);
    if (f.contexts.empty()) throw Error(Errc::unprocessable, "Validation failed: Context can't be blank");
    if (auto hide = p.boolean("irreversible")) f.action = *hide ? "hide" : "warn";
    if (auto whole = p.boolean("whole_word")) k.whole_word = *whole;
    if (p.get("expires_in")) f.expires_at = read_expiry(p, now);
}

Response v1_create(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:filters");
    Params p = Params::from(req);
    auto now = ctx.clock.now();
    storage::Filter f;
    f.account_id = caller.account->id;
    f.id = ctx.ids.next(now);
    storage::FilterKeyword k{ctx.ids.next(now), "", true};
    read_v1_fields(p, f, k, now);
    f.keywords.push_back(k);
    ctx.db.write([&](storage::Connection& conn) {
        if (storage::count_filters(conn, f.account_id) >= core::limits::kMaxFiltersPerAccount) {
            throw Error(Errc::unprocessable, "Validation failed: You have reached the maximum number of filters");
        }
        storage::insert_filter(conn, f, now);
    });
    return v1_response(ctx, f.account_id, k.id);
}

Response v1_one(activitypub::Context& ctx, const Request& req, http::verb method) {
    oauth::Caller caller = oauth::require_caller(ctx, req, method == http::verb::get ? "read:filters" : "write:filters");
    core::Id id = id_param(req.param("id"));
    if (method == http::verb::get) return v1_response(ctx, caller.account->id, id);
    Params p = Params::from(req);
    auto now = ctx.clock.now();
    ctx.db.write([&](storage::Connection& conn) {
        auto found = storage::find_filter_keyword(conn, caller.account->id, id);
        if (!found) throw kNotFound;
        auto f = storage::find_filter(conn, caller.account->id, found->first);
        if (!f) throw kNotFound;
        if (method == http::verb::delete_) {
            // The keyword goes; a filter left without keywords or statuses goes with it.
            storage::delete_filter_keyword(conn, f->id, id);
            if (f->keywords.size() <= 1 && f->statuses.empty()) storage::delete_filter(conn, f->account_id, f->id);
            return;
        }
        read_v1_fields(p, *f, found->second, now);
        storage::update_filter(conn, *f);
        storage::update_filter_keyword(conn, f->id, found->second);
    });
    if (method == http::verb::delete_) return json_response("{}");
    return v1_response(ctx, caller.account->id, id);
}

}  // namespace

void add_filter_routes(Router& router, activitypub::Context& ctx) {
    auto route = [&ctx](Response (*fn)(activitypub::Context&, const Request&)) {
        return [&ctx, fn](const Request& req) { return fn(ctx, req); };
    };
    auto by_method = [&ctx](Response (*fn)(activitypub::Context&, const Request&, http::verb)) {
        return [&ctx, fn](const Request& req) { return fn(ctx, req, req.message.method()); };
    };
    router.get("/api/v2/filters", route(index));
    router.add(http::verb::post, "/api/v2/filters", route(create));
    router.get("/api/v2/filters/keywords/:id", by_method(keyword));
    router.add(http::verb::put, "/api/v2/filters/keywords/:id", by_method(keyword));
    router.add(http::verb::delete_, "/api/v2/filters/keywords/:id", by_method(keyword));
    router.get("/api/v2/filters/statuses/:id", by_method(filter_status));
    router.add(http::verb::delete_, "/api/v2/filters/statuses/:id", by_method(filter_status));
    router.get("/api/v2/filters/:id", route(show));
    router.add(http::verb::put, "/api/v2/filters/:id", route(update));
    router.add(http::verb::delete_, "/api/v2/filters/:id", route(remove));
    router.get("/api/v2/filters/:id/keywords", route(keywords));
    router.add(http::verb::post, "/api/v2/filters/:id/keywords", route(add_keyword));
    router.get("/api/v2/filters/:id/statuses", route(statuses));
    router.add(http::verb::post, "/api/v2/filters/:id/statuses", route(add_status));
    router.get("/api/v1/filters", route(v1_index));
    router.add(http::verb::post, "/api/v1/filters", route(v1_create));
    router.get("/api/v1/filters/:id", by_method(v1_one));
    router.add(http::verb::put, "/api/v1/filters/:id", by_method(v1_one));
    router.add(http::verb::delete_, "/api/v1/filters/:id", by_method(v1_one));
}

}  // namespace gesso::web::mastodon
