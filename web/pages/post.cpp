// GET /@:username/:id — a post: its works at full served size with alt text, content warning, licence, the
// no-AI marks and AI label, the replies the viewer may see, OpenGraph and Twitter card tags. Posts the viewer
// may not see are a 404 page (anonymous visitors see public and unlisted ones). `Accept:
// application/activity+json` gets the Note.
#include "activitypub/actors.hpp"
#include "activitypub/node_profile.hpp"
#include "activitypub/posting.hpp"
#include "activitypub/protection.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/limits.hpp"
#include "core/protection.hpp"
#include "core/text.hpp"
#include "storage/accounts.hpp"
#include "storage/post_details.hpp"
#include "storage/profiles.hpp"
#include "storage/statuses.hpp"
#include "web/federation/routes.hpp"
#include "web/noai/entity_rights.hpp"
#include "web/pages/routes.hpp"
#include "web/pages/sanitize.hpp"
#include "web/pages/works.hpp"

namespace gesso::web::pages {

using core::Errc;
using core::Error;

namespace {

// The text of sanitised HTML, for a description: tags dropped, entities of the usual five decoded, cut.
std::string plain_excerpt(std::string_view html) {
    std::string text;
    bool in_tag = false;
    for (char c : html) {
        if (c == '<') {
            in_tag = true;
            if (!text.empty() && text.back() != ' ') text += ' ';
        } else if (c == '>') {
            in_tag = false;
        } else if (!in_tag) {
            text += c;
        }
    }
    std::string decoded;
    for (std::size_t i = 0; i < text.size(); ++i) {
        static constexpr std::pair<std::string_view, char> kEntities[] = {
            {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};
        bool matched = false;
        for (const auto& [entity, ch] : kEntities) {
            if (std::string_view(text).substr(i, entity.size()) == entity) {
                decoded += ch;
                i += entity.size() - 1;
                matched = true;
                break;
            }
        }
        if (!matched) decoded += text[i];
    }
    std::string_view trimmed = core::trim(decoded);
    if (trimmed.size() <= core::limits::kPageDescriptionChars) return std::string(trimmed);
    std::size_t cut = core::limits::kPageDescriptionChars;
    while (cut > 0 && (static_cast<unsigned char>(trimmed[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    return std::string(trimmed.substr(0, cut)) + "…";
}

std::string rights_statement(std::string_view robots_tag) {
    if (robots_tag.empty() || core::robots_tag_reserves(robots_tag))
        return "The artist reserves these works from AI training and text and data mining (noai, noimageai; "
               "tdm-reservation).";
    return "The artist allows text and data mining of these works.";
}

Response post(const Site& site, const Request& req) {
    activitypub::Context& ctx = site.ctx();
    core::Account author = activitypub::visible_local_account(ctx, req.param("username"));
    auto id = core::parse_id(req.param("id"));
    if (!id) throw Error(Errc::not_found, "No such post");
    PageContext page = site.context(req);
    std::optional<core::Id> viewer;
    if (page.viewer) viewer = page.viewer->account_id;

    mustache::data data;
    std::string rights;  // the post's own choice over its author's (web/noai/entity_rights.hpp)
    std::string url = ctx.urls.profile(author.username) + "/" + std::to_string(*id);
    std::string description, title_text;
    std::vector<MetaTag> image_meta;
    ctx.db.read([&](storage::Connection& conn) {
        auto status = storage::find_status(conn, *id);
        if (!status || status->account_id != author.id || status->reblog_of_id ||
            !activitypub::can_see_status(conn, *status, viewer)) {
            throw Error(Errc::not_found, "No such post");
        }
        std::string content = sanitize_html(status->content);
        data.set("content_html", content);
        description = status->spoiler_text.empty() ? plain_excerpt(content) : status->spoiler_text;
        if (!status->spoiler_text.empty()) data.set("content_warning", status->spoiler_text);
        data.set("published", core::format_iso8601_seconds(status->created_at));
        if (status->edited_at) data.set("edited", core::format_iso8601_seconds(*status->edited_at));
        noai::StatusRights post_rights = noai::status_rights(conn, *status, author);
        rights = post_rights.x_robots_tag;
        if (!post_rights.license.empty()) data.set("license", post_rights.license);
        data.set("rights_statement", rights_statement(rights));

        mustache::data works{mustache::data::type::list};
        bool any_work = false;
        for (const auto& m : storage::find_status_media(conn, status->id)) {
            mustache::data work;
            std::string src = work_url(site, m);
            work.set("src", src);
            if (!m.description.empty()) work.set("alt", m.description);
            if (m.width > 0 && m.height > 0) {
                work.set("width", std::to_string(m.width));
                work.set("height", std::to_string(m.height));
            }
            work.set("is_image", m.type == "image" || m.type == "gifv");
            if (std::string label = ai_label(m); !label.empty()) work.set("ai_label", label);
            if (!any_work) {  // the first work represents the post in link previews
                image_meta.push_back({"property", "og:image", src});
                if (m.width > 0 && m.height > 0) {
                    image_meta.push_back({"property", "og:image:width", std::to_string(m.width)});
                    image_meta.push_back({"property", "og:image:height", std::to_string(m.height)});
                }
                if (!m.description.empty()) {
                    image_meta.push_back({"property", "og:image:alt", m.description});
                    image_meta.push_back({"name", "twitter:image:alt", m.description});
                }
            }
            any_work = true;
            works.push_back(std::move(work));
        }
        if (any_work) {
            data.set("has_works", true);
            data.set("works", std::move(works));
        }
        if (status->sensitive) data.set("sensitive", true);

        mustache::data replies{mustache::data::type::list};
        bool any_reply = false;
        for (const auto& r : storage::list_replies(conn, status->id, core::limits::kPageReplies)) {
            if (!activitypub::can_see_status(conn, r, viewer)) continue;
            auto who = storage::find_account(conn, r.account_id);
            if (!who || who->is_suspended()) continue;
            mustache::data reply;
            std::string handle = "@" + who->username + (who->is_local() ? "" : "@" + who->domain);
            reply.set("name", who->display_name.empty() ? who->username : who->display_name);
            reply.set("handle", handle);
            reply.set("profile_url", who->is_local() ? ctx.urls.profile(who->username) : ctx.urls.base() + "/" + handle);
            reply.set("url", post_page_url(site, r, *who));
            if (!r.spoiler_text.empty()) reply.set("reply_warning", r.spoiler_text);
            reply.set("content_html", sanitize_html(r.content));
            reply.set("published", core::format_iso8601_seconds(r.created_at));
            replies.push_back(std::move(reply));
            any_reply = true;
        }
        if (any_reply) {
            data.set("has_replies", true);
            data.set("replies", std::move(replies));
        }
        if (status->visibility == core::Visibility::unlisted) data.set("unlisted", true);
    });
    std::string name = author.display_name.empty() ? author.username : author.display_name;
    std::string handle = "@" + author.username + "@" + ctx.urls.domain;
    data.set("author_name", name);
    data.set("author_handle", handle);
    data.set("author_url", ctx.urls.profile(author.username));
    if (!author.avatar_url.empty()) data.set("author_avatar", author.avatar_url);
    if (page.viewer && page.viewer->account_id == author.id) {  // the author's own actions (post_edit.cpp)
        data.set("own", true);
        data.set("edit_url", url + "/edit");
        data.set("delete_url", url + "/delete");
    }

    page.title = name + ": " + (description.empty() ? std::string("a post") : description);
    if (page.title.size() > core::limits::kPageTitleChars) page.title = plain_excerpt(page.title);
    page.rights = rights;
    page.canonical_url = url;
    page.activity_url = ctx.urls.actor(author.username) + "/statuses/" + std::to_string(*id);
    page.meta = {{"property", "og:type", "article"},
                 {"property", "og:site_name", activitypub::node_profile(ctx).title},
                 {"property", "og:title", name + " (" + handle + ")"},
                 {"property", "og:url", url},
                 {"name", "twitter:card", image_meta.empty() ? "summary" : "summary_large_image"},
                 {"name", "twitter:title", name + " (" + handle + ")"}};
    if (!description.empty()) {
        page.meta.push_back({"property", "og:description", description});
        page.meta.push_back({"name", "twitter:description", description});
        page.meta.push_back({"name", "description", description});
    }
    if (!image_meta.empty()) page.meta.push_back({"name", "twitter:image", image_meta.front().content});
    for (auto& m : image_meta) page.meta.push_back(std::move(m));
    Response res = render_page(page, "post", std::move(data));
    res.set(http::field::vary, "Accept");
    return res;
}

}  // namespace

void add_post_routes(Router& router, const SitePtr& site) {
    Handler page = site->route([site = site.get()](const Request& req) { return post(*site, req); });
    router.get("/@:username/:id", [site = site.get(), page](const Request& req) {
        if (wants_activity_json(req.header(http::field::accept))) return federation::status_document(site->ctx(), req);
        return page(req);
    });
}

}  // namespace gesso::web::pages
