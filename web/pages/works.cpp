#include "web/pages/works.hpp"

#include <algorithm>

#include "activitypub/note_document.hpp"
#include "activitypub/posting.hpp"
#include "core/limits.hpp"
#include "media/store.hpp"
#include "storage/accounts.hpp"
#include "storage/post_details.hpp"
#include "storage/statuses.hpp"
#include "web/pages/placeholder.hpp"

namespace gesso::web::pages {

WorksPage collect_works(storage::Connection& conn, const std::vector<core::Id>& status_ids, bool scanned_full,
                        const std::vector<core::Id>& skip) {
    WorksPage page;
    std::size_t used = 0;
    for (core::Id id : status_ids) {
        if (std::find(skip.begin(), skip.end(), id) != skip.end()) {
            ++used;
            continue;
        }
        auto status = storage::find_status(conn, id);
        if (!status || status->reblog_of_id || !activitypub::can_see_status(conn, *status, std::nullopt)) {
            ++used;
            continue;
        }
        auto media = storage::find_status_media(conn, id);
        std::erase_if(media, [](const core::MediaAttachment& m) { return m.type != "image" && m.type != "gifv"; });
        if (media.empty()) {
            ++used;
            continue;
        }
        if (!page.works.empty() &&
            page.works.size() + media.size() > static_cast<std::size_t>(core::limits::kPageWorks)) {
            break;  // this status starts the next page
        }
        auto author = storage::find_account(conn, status->account_id);
        if (!author || author->is_suspended()) {
            ++used;
            continue;
        }
        for (auto& m : media) page.works.push_back(Work{*status, *author, std::move(m), false});
        ++used;
    }
    if (used < status_ids.size() || (scanned_full && !status_ids.empty())) {
        page.older_max_id = used < status_ids.size() ? status_ids[used] + 1 : status_ids.back();
    }
    return page;
}

std::string post_page_url(const Site& site, const core::Status& status, const core::Account& author) {
    if (author.is_local()) return site.ctx().urls.profile(author.username) + "/" + std::to_string(status.id);
    return status.url.empty() ? status.uri : status.url;
}

std::string work_url(const Site& site, const core::MediaAttachment& media) {
    return activitypub::media_url(site.ctx().urls, media);
}

std::string work_preview_url(const Site& site, const core::MediaAttachment& media) {
    if (media.file_path.empty()) return work_url(site, media);
    return site.ctx().urls.base() + "/media/" + media::MediaStore::preview_name(media.file_path);
}

std::string ai_label(const core::MediaAttachment& media) {
    if (media.ai_verdict == "declared") return "AI-generated (declared in the file)";
    if (media.ai_verdict == "watermark") return "AI-generated (watermark found)";
    return {};
}

std::string render_works(const Site& site, const std::vector<Work>& works) {
    mustache::data list{mustache::data::type::list};
    for (const Work& w : works) {
        mustache::data item;
        item.set("post_url", post_page_url(site, w.status, w.author));
        item.set("src", work_preview_url(site, w.media));
        item.set("alt", w.media.description);
        int width = w.media.preview_width > 0 ? w.media.preview_width : w.media.width;
        int height = w.media.preview_width > 0 ? w.media.preview_height : w.media.height;
        if (width > 0 && height > 0) {
            item.set("width", std::to_string(width));
            item.set("height", std::to_string(height));
        }
        std::string svg = placeholder_svg(w.media.blurhash);
        if (!svg.empty()) item.set("placeholder", svg);
        if (std::string label = ai_label(w.media); !label.empty()) item.set("ai_label", label);
        if (w.status.sensitive) {
            item.set("sensitive", true);
            item.set("warning", w.status.spoiler_text.empty() ? std::string("Sensitive work") : w.status.spoiler_text);
        }
        if (w.pinned) item.set("pinned", true);
        list.push_back(std::move(item));
    }
    mustache::data data;
    data.set("works", std::move(list));
    return site.render_template("works", data);
}

}  // namespace gesso::web::pages
