// POST /api/v1/media, POST /api/v2/media, GET /api/v1/media/:id, PUT /api/v1/media/:id
// Uploads are processed within the request, on the server's worker pool (never an I/O thread): the answer
// is 200 with every URL set, for v2 too (Mastodon's 202 "still processing" is never needed).
#include "activitypub/media_intake.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/limits.hpp"
#include "media/derivatives.hpp"
#include "storage/media.hpp"
#include "storage/post_details.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/routes.hpp"
#include "web/multipart.hpp"
#include "web/oauth/tokens.hpp"
#include "web/params.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

// The bytes of the form's file part `field`. Throws unprocessable when it is missing (Mastodon's message).
std::string_view file_part(const Request& req, std::string_view field) {
    auto boundary = multipart_boundary(req.header(http::field::content_type));
    if (!boundary) throw Error(Errc::unprocessable, "Validation failed: File content type is invalid (send multipart/form-data)");
    for (const auto& part : parse_multipart(req.message.body(), *boundary)) {
        if (part.name == field && part.filename) return part.body;
    }
    throw Error(Errc::unprocessable, "Validation failed: File can't be blank");
}

void read_focus(const Params& p, double& x, double& y) {
    if (auto focus = p.get("focus"); focus && !focus->empty()) {
        media::FocalPoint f = media::parse_focus(*focus);
        x = f.x;
        y = f.y;
    }
}

// What the upload says, over the artist's protection defaults (their account settings).
activitypub::UploadOptions read_upload_options(activitypub::Context& ctx, core::Id account_id, const Params& p) {
    auto licence = p.get("licence");
    if (!licence) licence = p.get("license");
    activitypub::UploadOptions o =
        activitypub::with_account_defaults(ctx, account_id, p.get("cloak"), p.boolean("watermark"), licence);
    o.description = p.get_or("description", "");
    read_focus(p, o.focus_x, o.focus_y);
    activitypub::validate_upload_options(o);
    return o;
}

Response media_response(activitypub::Context& ctx, const core::MediaAttachment& m) {
    core::JsonWriter w;
    write_media(w, ctx, m);
    return json_response(w.str());
}

Response upload(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:media");
    Params params = Params::from(req);
    activitypub::UploadOptions options = read_upload_options(ctx, caller.account->id, params);
    std::string_view bytes = file_part(req, "file");
    core::MediaAttachment m = activitypub::store_upload(ctx, *caller.account, bytes, options);
    return media_response(ctx, m);
}

// The caller's own media that is not attached to a status yet (Mastodon answers 404 for anything else).
core::MediaAttachment own_unattached(activitypub::Context& ctx, const Request& req, core::Id account_id) {
    auto id = core::parse_id(req.param("id"));
    auto m = id ? ctx.db.read([&](storage::Connection& conn) { return storage::find_media(conn, *id); }) : std::nullopt;
    if (!m || m->account_id != account_id || m->status_id) throw Error(Errc::not_found, "Record not found");
    return *m;
}

Response show(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:media");
    return media_response(ctx, own_unattached(ctx, req, caller.account->id));
}

Response update(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:media");
    Params params = Params::from(req);
    core::MediaAttachment m = own_unattached(ctx, req, caller.account->id);
    if (auto d = params.get("description")) m.description = *d;
    read_focus(params, m.focus_x, m.focus_y);
    activitypub::UploadOptions check;
    check.description = m.description;
    activitypub::validate_upload_options(check);
    bool updated = ctx.db.write([&](storage::Connection& conn) {
        return storage::update_media_description(conn, m.id, caller.account->id, m.description, m.focus_x, m.focus_y);
    });
    if (!updated) throw Error(Errc::not_found, "Record not found");
    return media_response(ctx, m);
}

}  // namespace

void add_media_routes(Router& router, activitypub::Context& ctx) {
    for (const char* path : {"/api/v1/media", "/api/v2/media"}) {
        router.add(http::verb::post, path, [&ctx](const Request& req) { return upload(ctx, req); },
                   core::limits::kMaxUploadBodyBytes);
    }
    router.get("/api/v1/media/:id", [&ctx](const Request& req) { return show(ctx, req); });
    router.add(http::verb::put, "/api/v1/media/:id", [&ctx](const Request& req) { return update(ctx, req); },
               core::limits::kMaxFormBodyBytes);
}

}  // namespace gesso::web::mastodon
