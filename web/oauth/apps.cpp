// POST /api/v1/apps, GET /api/v1/apps/verify_credentials
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/limits.hpp"
#include "storage/oauth.hpp"
#include "web/oauth/routes.hpp"
#include "web/oauth/tokens.hpp"
#include "web/params.hpp"

namespace gesso::web::oauth {

using core::Errc;
using core::Error;

namespace {

bool valid_redirect(std::string_view uri) {
    if (uri == kOutOfBand) return true;
    auto colon = uri.find(':');
    // Any absolute URI: https, http (desktop apps on localhost) and app schemes such as ivory:// or elk.
    if (colon == std::string_view::npos || colon == 0) return false;
    for (char c : uri.substr(0, colon)) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.')) return false;
    }
    return uri.size() > colon + 1 && uri.find_first_of(" \t\r\n") == std::string_view::npos;
}

void write_app(core::JsonWriter& w, const storage::OAuthApp& app) {
    w.field("id", std::to_string(app.id)).field("name", app.name);
    if (app.website.empty()) w.key("website").null();
    else w.field("website", app.website);
    std::string first = app.redirect_uris.substr(0, app.redirect_uris.find('\n'));
    w.field("redirect_uri", first);
    w.key("redirect_uris").begin_array();
    std::size_t i = 0;
    while (i <= app.redirect_uris.size()) {
        std::size_t end = app.redirect_uris.find('\n', i);
        if (end == std::string::npos) end = app.redirect_uris.size();
        if (end > i) w.value(app.redirect_uris.substr(i, end - i));
        i = end + 1;
    }
    w.end_array();
    w.key("scopes").begin_array();
    for (const auto& s : parse_scopes(app.scopes).value_or(ScopeSet{})) w.value(s);
    w.end_array();
    w.field("vapid_key", "");
}

Response create_app(activitypub::Context& ctx, const Request& req) {
    Params p = Params::from(req);
    std::string name = p.get_or("client_name", "");
    if (name.empty()) throw Error(Errc::unprocessable, "Validation failed: Application name can't be blank");
    if (name.size() > core::limits::kMaxAppNameBytes) throw Error(Errc::unprocessable, "Validation failed: Application name is too long");
    std::vector<std::string> redirects = p.all("redirect_uris");
    if (redirects.size() == 1) {  // one string may hold several URIs separated by whitespace or newlines
        std::string joined = redirects[0];
        redirects.clear();
        std::size_t i = 0;
        while (i < joined.size()) {
            std::size_t end = joined.find_first_of(" \n\r\t", i);
            if (end == std::string::npos) end = joined.size();
            if (end > i) redirects.push_back(joined.substr(i, end - i));
            i = end + 1;
        }
    }
    if (redirects.empty()) throw Error(Errc::unprocessable, "Validation failed: Redirect URI can't be blank");
    if (redirects.size() > core::limits::kMaxAppRedirectUris) throw Error(Errc::unprocessable, "Validation failed: too many redirect URIs");
    std::string joined;
    for (const auto& r : redirects) {
        if (r.size() > core::limits::kMaxUrlLength || !valid_redirect(r)) {
            throw Error(Errc::unprocessable, "Validation failed: Redirect URI must be an absolute URI");
        }
        if (!joined.empty()) joined += '\n';
        joined += r;
    }
    auto scopes = parse_scopes(p.get_or("scopes", "read"));
    if (!scopes) throw Error(Errc::unprocessable, "Validation failed: Scopes are not valid");
    std::string website = p.get_or("website", "");
    if (website.size() > core::limits::kMaxUrlLength) throw Error(Errc::unprocessable, "Validation failed: Website is too long");

    storage::OAuthApp app;
    app.id = ctx.ids.next();
    app.client_id = new_secret();
    std::string secret = new_secret();
    app.secret_hash = secret_hash(secret);
    app.name = name;
    app.redirect_uris = joined;
    app.scopes = join_scopes(*scopes);
    app.website = website;
    app.created_at = ctx.clock.now();
    ctx.db.write([&](storage::Connection& conn) { storage::insert_app(conn, app); });

    core::JsonWriter w;
    w.begin_object();
    write_app(w, app);
    w.field("client_id", app.client_id).field("client_secret", secret);
    w.field("client_secret_expires_at", 0);
    w.end_object();
    return json_response(w.str());
}

Response verify_app(activitypub::Context& ctx, const Request& req) {
    auto caller = bearer_caller(ctx, req);
    if (!caller) throw Error(Errc::unauthorized, "The access token is invalid");
    auto app = ctx.db.read([&](storage::Connection& conn) { return storage::find_app(conn, caller->token.app_id); });
    if (!app) throw Error(Errc::unauthorized, "The access token is invalid");
    core::JsonWriter w;
    w.begin_object();
    write_app(w, *app);
    w.end_object();
    return json_response(w.str());
}

}  // namespace

void add_app_routes(Router& router, activitypub::Context& ctx) {
    router.add(http::verb::post, "/api/v1/apps", [&ctx](const Request& req) { return create_app(ctx, req); },
               core::limits::kMaxFormBodyBytes);
    router.get("/api/v1/apps/verify_credentials", [&ctx](const Request& req) { return verify_app(ctx, req); });
}

}  // namespace gesso::web::oauth
