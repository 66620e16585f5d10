// GET /api/v1/accounts/verify_credentials, PATCH /api/v1/accounts/update_credentials, GET /api/v1/accounts/:id
#include "activitypub/profile_edit.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/ids.hpp"
#include "storage/accounts.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/routes.hpp"
#include "web/multipart.hpp"
#include "web/oauth/tokens.hpp"
#include "web/params.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

Response verify_credentials(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:accounts");
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) { write_account(w, ctx, conn, *caller.account, true); });
    return json_response(w.str());
}

// fields_attributes as Mastodon clients send them: indexed (`fields_attributes[0][name]`, forms and
// multipart) or as a JSON array (`fields_attributes[][name]`). Indexes beyond the limit are refused.
std::optional<std::vector<core::ProfileField>> read_fields(const Params& p) {
    std::vector<core::ProfileField> fields;
    bool present = false;
    auto names = p.all("fields_attributes[][name]");
    auto values = p.all("fields_attributes[][value]");
    if (!names.empty() || !values.empty()) {
        present = true;
        if (names.size() != values.size()) throw Error(Errc::unprocessable, "Validation failed: each field needs a name and a value");
        for (std::size_t i = 0; i < names.size(); ++i) fields.push_back({names[i], values[i]});
    }
    for (std::size_t i = 0; i <= core::limits::kMaxProfileFields; ++i) {
        std::string prefix = "fields_attributes[";
        prefix += std::to_string(i);
        auto name = p.get(prefix + "][name]");
        auto value = p.get(prefix + "][value]");
        if (!name && !value) continue;
        present = true;
        if (i == core::limits::kMaxProfileFields) {
            throw Error(Errc::unprocessable, "Validation failed: at most " + std::to_string(core::limits::kMaxProfileFields) +
                                                 " profile fields");
        }
        // Mastodon drops rows whose name and value are both empty.
        if (name.value_or("").empty() && value.value_or("").empty()) continue;
        fields.push_back({name.value_or(""), value.value_or("")});
    }
    if (!present) return std::nullopt;
    return fields;
}

Response update_credentials(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:accounts");
    Params p = Params::from(req);
    activitypub::ProfileChanges c;
    c.display_name = p.get("display_name");
    c.note = p.get("note");
    c.locked = p.boolean("locked");
    c.bot = p.boolean("bot");
    c.discoverable = p.boolean("discoverable");
    c.indexable = p.boolean("indexable");
    c.hide_collections = p.boolean("hide_collections");
    c.fields = read_fields(p);
    c.privacy = p.get("source[privacy]");
    c.sensitive = p.boolean("source[sensitive]");
    c.language = p.get("source[language]");
    std::vector<MultipartPart> parts;
    if (auto boundary = multipart_boundary(req.header(http::field::content_type))) {
        parts = parse_multipart(req.message.body(), *boundary);
        for (const auto& part : parts) {
            if (!part.filename) continue;
            if (part.name == "avatar") c.avatar = part.body;
            else if (part.name == "header") c.header = part.body;
        }
    }
    core::Account updated = activitypub::update_credentials(ctx, *caller.account, c);
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) { write_account(w, ctx, conn, updated, true); });
    return json_response(w.str());
}

Response show(activitypub::Context& ctx, const Request& req) {
    oauth::bearer_caller(ctx, req);  // a bad token is refused even where none is needed
    auto id = core::parse_id(req.param("id"));
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        auto account = id ? storage::find_account(conn, *id) : std::nullopt;
        if (!account || account->is_suspended() || account->actor_type == "Application") {
            throw Error(Errc::not_found, "Record not found");
        }
        write_account(w, ctx, conn, *account);
    });
    return json_response(w.str());
}

}  // namespace

void add_account_routes(Router& router, activitypub::Context& ctx) {
    router.get("/api/v1/accounts/verify_credentials", [&ctx](const Request& req) { return verify_credentials(ctx, req); });
    router.add(http::verb::patch, "/api/v1/accounts/update_credentials",
               [&ctx](const Request& req) { return update_credentials(ctx, req); },
               core::limits::kMaxProfileUpdateBodyBytes);
    router.get("/api/v1/accounts/:id", [&ctx](const Request& req) { return show(ctx, req); });
}

}  // namespace gesso::web::mastodon
