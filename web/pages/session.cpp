#include "web/pages/session.hpp"

#include <openssl/crypto.h>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "storage/accounts.hpp"
#include "storage/web_sessions.hpp"
#include "web/oauth/tokens.hpp"
#include "web/pages/page.hpp"
#include "web/params.hpp"

namespace gesso::web::pages {

namespace {

// The value of cookie `name` in a Cookie header ("a=1; gesso_session=..."); empty when absent.
std::string_view cookie_value(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        std::size_t end = header.find(';');
        std::string_view pair = header.substr(0, end);
        header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        std::size_t eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
    }
    return {};
}

std::string csrf_for(std::string_view session_token) {
    return oauth::secret_hash("gesso-csrf\n" + std::string(session_token));
}

bool secure_cookies(const activitypub::Context& ctx) { return ctx.urls.scheme == "https"; }

std::string cookie(const activitypub::Context& ctx, std::string_view value, std::chrono::seconds max_age) {
    std::string c(kSessionCookie);
    c += '=';
    c += value;
    c += "; Path=/; HttpOnly; SameSite=Lax; Max-Age=";
    c += std::to_string(max_age.count());
    if (secure_cookies(ctx)) c += "; Secure";
    return c;
}

bool is_form_body(const Request& req) {
    std::string_view type = req.header(http::field::content_type);
    return type.starts_with("application/x-www-form-urlencoded") || type.starts_with("multipart/form-data");
}

}  // namespace

std::optional<SessionViewer> current_viewer(activitypub::Context& ctx, const Request& req) {
    std::string_view token = cookie_value(req.header(http::field::cookie), kSessionCookie);
    if (token.empty() || token.size() > 128) return std::nullopt;
    core::TimePoint now = ctx.clock.now();
    auto found = ctx.db.read([&](storage::Connection& conn) -> std::optional<std::pair<storage::WebSession, storage::LocalUser>> {
        auto session = storage::find_web_session(conn, oauth::secret_hash(token));
        if (!session) return std::nullopt;
        auto account = storage::find_account(conn, session->account_id);
        if (!account) return std::nullopt;
        auto user = storage::find_user_by_account(conn, account->id);
        if (!user) return std::nullopt;
        return std::make_pair(*session, storage::LocalUser{*account, *user});
    });
    if (!found) return std::nullopt;
    auto& [session, local] = *found;
    bool expired = now >= session.expires_at || now - session.last_seen_at >= core::limits::kWebSessionIdleLifetime;
    if (expired || local.account.is_suspended() || !local.user.approved) {
        ctx.db.write([&](storage::Connection& conn) { storage::delete_web_session(conn, session.id); });
        return std::nullopt;
    }
    if (now - session.last_seen_at >= core::limits::kWebSessionTouchInterval) {
        ctx.db.write([&](storage::Connection& conn) { storage::touch_web_session(conn, session.id, now); });
    }
    return SessionViewer{std::move(local.account), std::move(local.user), session.id, csrf_for(token)};
}

std::string start_session(activitypub::Context& ctx, core::Id account_id, const Request& req) {
    std::string token = oauth::new_secret();
    core::TimePoint now = ctx.clock.now();
    storage::WebSession row;
    row.id = ctx.ids.next();
    row.token_hash = oauth::secret_hash(token);
    row.account_id = account_id;
    row.created_at = row.last_seen_at = now;
    row.expires_at = now + core::limits::kWebSessionAbsoluteLifetime;
    row.user_agent = std::string(req.header(http::field::user_agent).substr(0, core::limits::kWebSessionUserAgentBytes));
    ctx.db.write([&](storage::Connection& conn) {
        storage::prune_web_sessions(conn, now, now - core::limits::kWebSessionIdleLifetime);
        storage::insert_web_session(conn, row, core::limits::kWebSessionsPerAccount);
    });
    return cookie(ctx, token, core::limits::kWebSessionAbsoluteLifetime);
}

std::string end_session(activitypub::Context& ctx, const SessionViewer& viewer) {
    ctx.db.write([&](storage::Connection& conn) { storage::delete_web_session(conn, viewer.session_id); });
    return clear_session_cookie(ctx);
}

std::string clear_session_cookie(const activitypub::Context& ctx) { return cookie(ctx, "", std::chrono::seconds(0)); }

bool same_origin(const activitypub::Context& ctx, const Request& req) {
    std::string base = ctx.urls.base();
    std::string_view origin = req.header(http::field::origin);
    if (!origin.empty()) return origin == base;
    std::string_view referer = req.header(http::field::referer);
    if (referer.empty()) return true;  // not a browser (browsers send Origin with every form POST)
    return referer == base || (referer.starts_with(base) && referer.substr(base.size()).starts_with("/"));
}

bool csrf_token_matches(const SessionViewer& viewer, std::string_view submitted) {
    return submitted.size() == viewer.csrf_token.size() &&
           CRYPTO_memcmp(submitted.data(), viewer.csrf_token.data(), submitted.size()) == 0;
}

std::string safe_return_path(std::string_view path) {
    if (path.empty() || path.size() > 2048 || path.front() != '/') return "/";
    if (path.size() > 1 && (path[1] == '/' || path[1] == '\\')) return "/";
    for (char c : path) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x21 || u == 0x7f || c == '\\') return "/";
    }
    return std::string(path);
}

Response sign_in_redirect(const Request& req) {
    std::string target(req.message.target());
    std::string back = safe_return_path(target);
    std::string location = "/auth/sign_in";
    if (back != "/") location += "?return_to=" + boost::urls::encode(back, boost::urls::unreserved_chars);
    Response res = redirect_response(location, http::status::see_other);
    res.set(http::field::cache_control, "no-store");
    return res;
}

Response csrf_refusal(const Site& site, const Request& req) {
    return render_form_page(site, req, "Request refused", "csrf_refused", {}, http::status::forbidden);
}

std::optional<Viewer> site_viewer(activitypub::Context& ctx, const Request& req) {
    auto viewer = current_viewer(ctx, req);
    if (!viewer) return std::nullopt;
    return Viewer{viewer->account.id, viewer->account.username, viewer->user.admin, viewer->csrf_token};
}

Handler signed_in(const SitePtr& site, ViewerHandler handler) {
    const Site& s = *site;
    return site->route([&s, handler = std::move(handler)](const Request& req) -> Response {
        activitypub::Context& ctx = s.ctx();
        bool post = req.message.method() == http::verb::post;
        if (post && !same_origin(ctx, req)) return csrf_refusal(s, req);
        std::optional<SessionViewer> viewer = current_viewer(ctx, req);
        if (!viewer) {
            if (post) return csrf_refusal(s, req);  // a form from a session that ended: nothing is done
            return sign_in_redirect(req);
        }
        if (post) {
            if (!is_form_body(req)) return csrf_refusal(s, req);
            if (!csrf_token_matches(*viewer, Params::from(req).get_or(std::string(kCsrfField), ""))) {
                return csrf_refusal(s, req);
            }
        }
        return handler(req, *viewer);
    });
}

}  // namespace gesso::web::pages
