#include "web/pages/render.hpp"

#include "activitypub/node_profile.hpp"
#include "core/log.hpp"
#include "core/protection.hpp"
#include "web/pages/embedded.hpp"
#include "web/pages/routes.hpp"

namespace gesso::web::pages {

using core::Errc;
using core::Error;

namespace {

// Scripts and styles only from this origin (no inline script, no inline style); images also from remote servers
// (remote accounts' media is linked where it lives) and data: URLs; no plugins, no framing, forms only to here
// and to nothing else (the follow-from-your-server form redirects through this origin).
std::string content_security_policy(const activitypub::NodeUrls& urls) {
    std::string img = "'self' data: https:";
    if (urls.scheme == "http") img += " http:";  // insecure_http (development and tests): remote media is http
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src " + img +
           "; media-src 'self' https:; font-src 'self'; connect-src 'self'; form-action 'self'; "
           "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
}

std::string_view title_for(Errc code) {
    switch (code) {
        case Errc::not_found: return "Not found";
        case Errc::gone: return "Gone";
        case Errc::forbidden: return "Forbidden";
        case Errc::unauthorized: return "Sign-in required";
        case Errc::bad_request:
        case Errc::unprocessable: return "That did not work";
        case Errc::too_many_requests: return "Too many requests";
        default: return "Something went wrong";
    }
}

}  // namespace

Site::Site(activitypub::Context& ctx, std::shared_ptr<const noai::Surface> surface, SiteSettings settings)
    : ctx_(ctx), surface_(std::move(surface)), settings_(std::move(settings)), csp_(content_security_policy(ctx.urls)) {
    for (const EmbeddedFile& file : embedded_templates()) {
        mustache::mustache parsed{std::string(file.content)};
        if (!parsed.is_valid()) {
            throw Error(Errc::internal, "internal error",
                        "template " + std::string(file.name) + ": " + parsed.error_message());
        }
        templates_.emplace(std::string(file.name), std::move(parsed));
    }
}

SitePtr make_site(activitypub::Context& ctx, std::shared_ptr<const noai::Surface> surface, SiteSettings settings) {
    return std::make_shared<Site>(ctx, std::move(surface), std::move(settings));
}

PageContext Site::context(const Request& req) const {
    PageContext page;
    page.site = this;
    page.request = &req;
    if (resolver_) page.viewer = resolver_(req);
    return page;
}

std::string Site::render_template(std::string_view name, const mustache::data& data) const {
    auto it = templates_.find(name);
    if (it == templates_.end()) throw Error(Errc::internal, "internal error", "no template " + std::string(name));
    // Rendering does not change a parsed template, but kainjow's render() is not const: render a copy (a tree
    // of small nodes, no parsing).
    mustache::mustache copy = it->second;
    return copy.render(data);
}

void Site::add_security_headers(Response& res) const {
    res.set("Content-Security-Policy", csp_);
    res.set("X-Frame-Options", "DENY");
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Referrer-Policy", "same-origin");
    res.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=(), browsing-topics=()");
    res.set("Cross-Origin-Opener-Policy", "same-origin");
}

Handler Site::route(std::function<Response(const Request&)> handler) const {
    return [self = shared_from_this(), handler = std::move(handler)](const Request& req) {
        try {
            return handler(req);
        } catch (const Error& e) {
            if (e.code() == Errc::internal || !e.detail().empty()) {
                GESSO_LOG(error) << req.request_id << " " << e.what() << (e.detail().empty() ? "" : ": ")
                                 << e.detail();
            }
            return self->error_page(req, e.code(), e.code() == Errc::internal ? "internal error" : e.what());
        } catch (const std::exception& e) {
            GESSO_LOG(error) << req.request_id << " unexpected error: " << e.what();
            return self->error_page(req, Errc::internal, "internal error");
        }
    };
}

Response Site::error_page(const Request& req, Errc code, std::string_view message) const {
    PageContext page = context(req);
    page.title = std::string(title_for(code));
    mustache::data data;
    data.set("heading", page.title);
    data.set("message", std::string(message));
    data.set("status", std::to_string(static_cast<unsigned>(status_for(code))));
    return render_page(page, "error", std::move(data), status_for(code));
}

Response render_page(const PageContext& page, std::string_view template_name, mustache::data data,
                     http::status status) {
    const Site& site = *page.site;
    activitypub::Context& ctx = site.ctx();
    mustache::data layout;
    const std::string node_name = activitypub::node_profile(ctx).title;
    layout.set("node_name", node_name);
    layout.set("page_title", page.title.empty() ? node_name : page.title + " · " + node_name);
    layout.set("css_url", site.assets().url("gesso.css"));
    layout.set("js_url", site.assets().url("gesso.js"));
    if (site.settings().public_gallery) layout.set("public_gallery", true);
    layout.set("login_url", site.settings().login_url);
    layout.set("rights_meta", site.surface().meta_tags(page.rights));
    // The footer's statement follows the page's content: an artist who opted in is not covered by the
    // node-wide reservation sentence.
    if (!page.rights.empty() && !core::robots_tag_reserves(page.rights)) layout.set("content_opted_in", true);
    if (!page.canonical_url.empty()) layout.set("canonical_url", page.canonical_url);
    if (!page.activity_url.empty()) layout.set("activity_url", page.activity_url);
    if (!page.meta.empty()) {
        mustache::data list{mustache::data::type::list};
        for (const MetaTag& tag : page.meta) {
            mustache::data item;
            item.set("attribute", tag.attribute == "name" ? "name" : "property");
            item.set("key", tag.key);
            item.set("content", tag.content);
            list.push_back(std::move(item));
        }
        layout.set("meta", std::move(list));
    }
    if (page.viewer) {
        mustache::data viewer;
        viewer.set("username", page.viewer->username);
        viewer.set("handle", "@" + page.viewer->username);
        viewer.set("profile_url", ctx.urls.profile(page.viewer->username));
        if (page.viewer->admin) viewer.set("admin", true);
        layout.set("viewer", std::move(viewer));
        if (!page.viewer->csrf_token.empty()) {
            layout.set("csrf_token", page.viewer->csrf_token);
            data.set("csrf_token", page.viewer->csrf_token);
        }
    }
    data.set("node_name", node_name);
    layout.set("body", site.render_template(template_name, data));
    Response res = text_response(site.render_template("layout", layout), "text/html; charset=utf-8", status);
    site.add_security_headers(res);
    noai::mark_content_rights(res, page.rights);
    if (page.viewer) res.set(http::field::cache_control, "private, no-store");
    return res;
}

}  // namespace gesso::web::pages
