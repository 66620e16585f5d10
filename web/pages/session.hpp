#pragma once
// Signed-in browser sessions: the `gesso_session` cookie, who the viewer is, and the CSRF defences of every
// state-changing form.
//
// The cookie carries 32 random bytes (base64url); storage keeps only their SHA-256 (storage/web_sessions.hpp).
// Attributes: HttpOnly, SameSite=Lax, Path=/, Secure when the node's URLs are https (a plain-http loopback
// node for development still works). A session ends after limits::kWebSessionIdleLifetime without a request
// or limits::kWebSessionAbsoluteLifetime after sign-in, on sign-out, on a password change and on suspension.
//
// CSRF: each session has a synchronizer token derived from its secret (SHA-256 over a labelled copy of the
// cookie token, so it is not guessable without the cookie and changes with every session). Every form POST
// by a signed-in viewer must carry it as `csrf_token`, and every form POST (signed in or not) is
// refused when its Origin (or, without one, its Referer) is another site. Browsers send Origin with every form
// POST, so a cross-site form always shows itself; a request with neither header is not from a browser page
// (an app's HTTP library) and is judged by the token (or, on the sign-in forms, by the password) alone.
// Failures are a 403 page.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "activitypub/context.hpp"
#include "core/model.hpp"
#include "web/http.hpp"
#include "web/pages/render.hpp"
#include "web/router.hpp"

namespace gesso::web::pages {

inline constexpr std::string_view kSessionCookie = "gesso_session";
inline constexpr std::string_view kCsrfField = "csrf_token";

// The signed-in person looking at a page.
struct SessionViewer {
    core::Account account;
    core::User user;
    core::Id session_id = 0;
    std::string csrf_token;  // to put into every form as `csrf_token`
};

// The viewer of `req`, from its session cookie; nullopt without a cookie, for an unknown, idle or expired
// session, or for an account that is suspended or not approved. Refreshes last_seen_at at most every
// limits::kWebSessionTouchInterval.
std::optional<SessionViewer> current_viewer(activitypub::Context& ctx, const Request& req);

// Starts a session for `account_id` (pruning expired sessions and the account's sessions beyond
// limits::kWebSessionsPerAccount) and returns the Set-Cookie value that carries it.
std::string start_session(activitypub::Context& ctx, core::Id account_id, const Request& req);
// Ends the viewer's session; returns the Set-Cookie value that clears the cookie.
std::string end_session(activitypub::Context& ctx, const SessionViewer& viewer);
std::string clear_session_cookie(const activitypub::Context& ctx);

// False when `req` comes from another site: its Origin (or, without one, its Referer) is not the node's base
// URL. True with neither header (see above).
bool same_origin(const activitypub::Context& ctx, const Request& req);
// Whether `submitted` is the viewer's CSRF token (constant-time).
bool csrf_token_matches(const SessionViewer& viewer, std::string_view submitted);

// `path` when it is a local path that is safe to redirect to after sign-in ("/settings/profile?x=1"), "/"
// otherwise: never a scheme, a host ("//evil.example", "/\evil.example"), control characters or backslashes.
std::string safe_return_path(std::string_view path);
// 303 to the sign-in page, which sends the browser back to `req`'s path and query afterwards.
Response sign_in_redirect(const Request& req);
// The 403 page shown when a form fails the CSRF or origin check.
Response csrf_refusal(const Site& site, const Request& req);

// The framework's view of a session viewer (Site::set_viewer_resolver), for the layout's navigation.
std::optional<Viewer> site_viewer(activitypub::Context& ctx, const Request& req);

// A handler that needs a signed-in viewer: others are redirected to the sign-in page. For POST routes, the
// origin and CSRF token are checked before `handler` runs (form bodies only: urlencoded or multipart). Errors
// it throws become the site's HTML error pages (Site::route).
using ViewerHandler = std::function<Response(const Request&, const SessionViewer&)>;
Handler signed_in(const SitePtr& site, ViewerHandler handler);

}  // namespace gesso::web::pages
