#pragma once
// The page framework: Mustache templates (web/pages/templates/, compiled in and parsed once at start-up) rendered
// inside one layout, with the rights-reservation <meta> tags and the security headers on every page, and HTML
// error pages for page routes (API routes keep their JSON errors).
//
// A page handler: `Site::route(handler)` wraps it (core::Error → HTML error page); the handler builds a
// PageContext with `site.context(req)`, fills a kainjow::mustache::data for its template, and returns
// `render_page(page, "template", data)`.
//
// Values every template sees (set by render_page; a key is absent when it has no value, so `{{#key}}` tests it):
//   node_name      the node's title (settings.title)
//   page_title     "<title> · <node_name>", or the node's name alone
//   css_url        /static/gesso.<hash>.css;  js_url: /static/gesso.<hash>.js
//   public_gallery true when the admin left the public gallery on (the nav links it)
//   viewer         the signed-in user, filled by the session layer's ViewerResolver: {username, handle,
//                  profile_url, admin (bool)}; absent for anonymous visitors (the layout then shows "Log in")
//   csrf_token     the viewer's CSRF token for forms (session layer); absent for anonymous visitors
//   login_url      where "Log in" points (SiteSettings::login_url)
// Templates render user text with {{name}} (HTML-escaped); {{{name}}} only for HTML the server made safe
// (stored sanitised HTML, markup built by C++ from escaped parts).
#include <kainjow/mustache.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "activitypub/context.hpp"
#include "core/error.hpp"
#include "web/http.hpp"
#include "web/noai/surface.hpp"
#include "web/pages/assets.hpp"
#include "web/pages/settings.hpp"
#include "web/router.hpp"

namespace gesso::web::pages {

namespace mustache = kainjow::mustache;

// The signed-in user looking at a page (the session layer resolves it from the request's cookie).
struct Viewer {
    core::Id account_id = 0;
    std::string username;
    bool admin = false;
    std::string csrf_token;
};
using ViewerResolver = std::function<std::optional<Viewer>(const Request&)>;

// One <meta> element for the page head: OpenGraph uses attribute "property", Twitter cards "name".
struct MetaTag {
    std::string attribute;
    std::string key;
    std::string content;
};

class Site;

// What one page says about itself, besides its body.
struct PageContext {
    const Site* site = nullptr;
    const Request* request = nullptr;
    std::optional<Viewer> viewer;
    std::string title;          // without the node's name; empty: the node's name alone
    std::string rights;         // the content's X-Robots-Tag (empty: the node's default); <meta> tags and header
    std::string canonical_url;  // <link rel="canonical">; empty: none
    std::string activity_url;   // <link rel="alternate" type="application/activity+json">; empty: none
    std::vector<MetaTag> meta;  // OpenGraph and Twitter card tags
};

// Renders template `template_name` (a file in web/pages/templates/ without ".mustache") with `data` inside the
// layout, as a complete response with `status`, the rights headers of page.rights and the security headers.
// Throws core::Error(internal) for an unknown template.
Response render_page(const PageContext& page, std::string_view template_name, mustache::data data,
                     http::status status = http::status::ok);

// Immutable after start-up except for the viewer resolver, which is set once before serving; thread-safe.
class Site : public std::enable_shared_from_this<Site> {
public:
    Site(activitypub::Context& ctx, std::shared_ptr<const noai::Surface> surface, SiteSettings settings);

    activitypub::Context& ctx() const { return ctx_; }
    const noai::Surface& surface() const { return *surface_; }
    const SiteSettings& settings() const { return settings_; }
    const Assets& assets() const { return assets_; }

    // The session layer's hook: who is signed in for a request. Unset: every visitor is anonymous.
    void set_viewer_resolver(ViewerResolver resolver) { resolver_ = std::move(resolver); }
    // A PageContext for `req` with its viewer resolved.
    PageContext context(const Request& req) const;

    // Wraps a page handler (the Site must be owned by a shared_ptr; the handler keeps it alive): a core::Error it throws becomes an HTML error page with the error's status
    // (404, 410, 403...) and public message; other exceptions a 500 page (details logged, never shown).
    Handler route(std::function<Response(const Request&)> handler) const;
    // An HTML error page for `code` with `message`.
    Response error_page(const Request& req, core::Errc code, std::string_view message) const;

    // Renders template `name` with `data` (no layout); used by render_page and for fragments shared by pages
    // (the works grid). Throws core::Error(internal) for an unknown template.
    std::string render_template(std::string_view name, const mustache::data& data) const;

    // The security headers of every page: CSP, X-Frame-Options, nosniff, Referrer-Policy, Permissions-Policy.
    void add_security_headers(Response& res) const;

private:
    activitypub::Context& ctx_;
    std::shared_ptr<const noai::Surface> surface_;
    SiteSettings settings_;
    Assets assets_;
    std::map<std::string, mustache::mustache, std::less<>> templates_;
    ViewerResolver resolver_;
    std::string csp_;
};

using SitePtr = std::shared_ptr<Site>;

}  // namespace gesso::web::pages
