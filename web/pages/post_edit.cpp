// The author's own post, from its page: GET/POST /@:username/:id/edit (text, content warning, sensitivity and
// the works' alt text) and GET/POST /@:username/:id/delete (a confirmation page, then the delete: works
// without JavaScript). The same engine calls as PUT and DELETE /api/v1/statuses/:id (activitypub::edit_status
// and delete_local_status), so followers on other servers get the Update or Delete. Only the author gets these
// pages; for anyone else, and for posts that do not exist, they are a 404 page.
#include "activitypub/media_intake.hpp"
#include "activitypub/outbox.hpp"
#include "activitypub/posting.hpp"
#include "activitypub/status_filters.hpp"
#include "core/ids.hpp"
#include "core/limits.hpp"
#include "storage/post_details.hpp"
#include "storage/status_history.hpp"
#include "storage/statuses.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/pages/session.hpp"
#include "web/pages/works.hpp"
#include "web/params.hpp"

namespace gesso::web::pages {

using core::Errc;
using core::Error;

namespace {

namespace limits = core::limits;

// The viewer's own local post named by the path, with its works; a 404 otherwise.
struct OwnPost {
    core::Status status;
    std::string source;  // the text as typed
    std::vector<core::MediaAttachment> media;
};

OwnPost own_post(activitypub::Context& ctx, const Request& req, const SessionViewer& viewer) {
    auto id = core::parse_id(req.param("id"));
    if (!id || req.param("username") != viewer.account.username) throw Error(Errc::not_found, "No such post");
    return ctx.db.read([&](storage::Connection& conn) {
        auto status = storage::find_status(conn, *id);
        if (!status || status->account_id != viewer.account.id || !status->local || status->reblog_of_id) {
            throw Error(Errc::not_found, "No such post");
        }
        std::string source = storage::find_status_source(conn, status->id).value_or(activitypub::html_to_text(status->content));
        return OwnPost{*status, std::move(source), storage::find_status_media(conn, status->id)};
    });
}

std::string numbered(std::string prefix, std::size_t n) {
    prefix += std::to_string(n);
    return prefix;
}

// The edit form with `text`, `spoiler_text`, `sensitive` and `alts` (one per work, in order) as sent or stored.
Response edit_form(const Site& site, const Request& req, const OwnPost& post, const std::string& text,
                   const std::string& spoiler_text, bool sensitive, const std::vector<std::string>& alts,
                   const FieldErrors& errors) {
    mustache::data data;
    data.set("post_url", post.status.url);
    data.set("action_url", post.status.url + "/edit");
    data.set("text", text);
    data.set("spoiler_text", spoiler_text);
    if (sensitive) data.set("sensitive", true);
    data.set("max_chars", std::to_string(limits::kMaxStatusChars));
    data.set("max_alt", std::to_string(limits::kMaxMediaDescriptionChars));
    mustache::data works{mustache::data::type::list};
    for (std::size_t i = 0; i < post.media.size(); ++i) {
        mustache::data work;
        std::size_t n = i + 1;
        work.set("n", std::to_string(n));
        work.set("preview", work_preview_url(site, post.media[i]));
        work.set("alt", i < alts.size() ? alts[i] : "");
        if (auto it = errors.find(numbered("alt_", n)); it != errors.end()) work.set("alt_error", it->second);
        works.push_back(std::move(work));
    }
    if (!post.media.empty()) data.set("has_works", true);
    data.set("works", std::move(works));
    add_form_messages(data, errors);
    return render_form_page(site, req, "Edit your post", "post_edit", std::move(data), form_status(errors));
}

Response show_edit(const Site& site, const Request& req, const SessionViewer& viewer) {
    OwnPost post = own_post(site.ctx(), req, viewer);
    std::vector<std::string> alts;
    for (const auto& m : post.media) alts.push_back(m.description);
    return edit_form(site, req, post, post.source, post.status.spoiler_text, post.status.sensitive, alts, {});
}

Response save_edit(const Site& site, const Request& req, const SessionViewer& viewer) {
    activitypub::Context& ctx = site.ctx();
    OwnPost post = own_post(ctx, req, viewer);
    Params p = Params::from(req);
    // What an edit cannot change here stays as it was: visibility, the post replied to, the works and their order.
    activitypub::PostDraft draft;
    draft.text = p.get_or("status", "");
    draft.spoiler_text = p.get_or("spoiler_text", "");
    draft.visibility = post.status.visibility;
    draft.in_reply_to_id = post.status.in_reply_to_id;
    draft.language = post.status.language;
    std::vector<std::string> alts;
    for (std::size_t i = 0; i < post.media.size(); ++i) {
        alts.push_back(p.get_or(numbered("alt_", i + 1), post.media[i].description));
        draft.media_ids.push_back(post.media[i].id);
        draft.media_changes.push_back({post.media[i].id, alts.back(), std::nullopt});
    }
    bool sensitive = false;
    try {
        sensitive = p.boolean("sensitive").value_or(false);
    } catch (const Error& e) {
        return edit_form(site, req, post, draft.text, draft.spoiler_text, false, alts, {{"", e.what()}});
    }
    draft.sensitive = sensitive;
    for (std::size_t i = 0; i < alts.size(); ++i) {
        if (site.settings().require_alt_text && alts[i].find_first_not_of(" \t\r\n") == std::string::npos) {
            return edit_form(site, req, post, draft.text, draft.spoiler_text, sensitive, alts,
                             {{numbered("alt_", i + 1), "Describe this work for people who cannot see it."}});
        }
        activitypub::UploadOptions check;
        check.description = alts[i];
        try {
            activitypub::validate_upload_options(check);
        } catch (const Error& e) {
            if (e.code() != Errc::unprocessable) throw;
            return edit_form(site, req, post, draft.text, draft.spoiler_text, sensitive, alts,
                             {{numbered("alt_", i + 1), e.what()}});
        }
    }
    try {
        activitypub::edit_status(ctx, viewer.account, post.status.id, draft);
    } catch (const Error& e) {
        if (e.code() != Errc::unprocessable) throw;
        return edit_form(site, req, post, draft.text, draft.spoiler_text, sensitive, alts,
                         errors_from(e, {{"character limit", "status"}, {"Text", "status"}}));
    }
    return see_other(post.status.url);
}

Response confirm_delete(const Site& site, const Request& req, const SessionViewer& viewer) {
    OwnPost post = own_post(site.ctx(), req, viewer);
    mustache::data data;
    data.set("post_url", post.status.url);
    data.set("action_url", post.status.url + "/delete");
    data.set("text", post.source);
    if (!post.media.empty()) data.set("works", std::to_string(post.media.size()));
    return render_form_page(site, req, "Delete your post?", "post_delete", std::move(data));
}

Response remove(const Site& site, const Request& req, const SessionViewer& viewer) {
    activitypub::Context& ctx = site.ctx();
    OwnPost post = own_post(ctx, req, viewer);
    activitypub::delete_local_status(ctx, viewer.account, post.status.id);
    return see_other(ctx.urls.profile(viewer.account.username));
}

}  // namespace

void add_post_edit_routes(Router& router, const SitePtr& site) {
    auto route = [&](http::verb method, std::string_view path, Response (*handler)(const Site&, const Request&, const SessionViewer&)) {
        Handler h = signed_in(site, [s = site.get(), handler](const Request& req, const SessionViewer& v) { return handler(*s, req, v); });
        router.add(method, path, std::move(h), limits::kMaxFormBodyBytes);
    };
    route(http::verb::get, "/@:username/:id/edit", &show_edit);
    route(http::verb::post, "/@:username/:id/edit", &save_edit);
    route(http::verb::get, "/@:username/:id/delete", &confirm_delete);
    route(http::verb::post, "/@:username/:id/delete", &remove);
}

}  // namespace gesso::web::pages
