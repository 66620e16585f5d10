#pragma once
// The works grid shared by the portfolio, gallery and tag pages: which works (media attachments of statuses an
// anonymous visitor may see) fill a page, and their markup (templates/works.mustache).
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"
#include "web/pages/render.hpp"

namespace gesso::web::pages {

struct Work {
    core::Status status;
    core::Account author;
    core::MediaAttachment media;
    bool pinned = false;
};

struct WorksPage {
    std::vector<Work> works;
    std::optional<core::Id> older_max_id;  // the max_id of the next (older) page; nullopt on the last page
};

// The works of `status_ids` (newest first, as scanned: `scanned_full` says the scan hit its limit, so more may
// follow) that an anonymous visitor may see, skipping `skip` statuses (pinned ones already shown), up to
// limits::kPageWorks works; a status's works are never split across pages.
WorksPage collect_works(storage::Connection& conn, const std::vector<core::Id>& status_ids, bool scanned_full,
                        const std::vector<core::Id>& skip = {});

// The URL a work's post page lives at (the status url for local posts; the post's own url for remote ones).
std::string post_page_url(const Site& site, const core::Status& status, const core::Account& author);
// The served URLs of a work: full size and the grid's preview.
std::string work_url(const Site& site, const core::MediaAttachment& media);
std::string work_preview_url(const Site& site, const core::MediaAttachment& media);
// "AI-generated (declared in the file)" and the like, or empty when the media has no AI verdict to show.
std::string ai_label(const core::MediaAttachment& media);

// The grid's markup (escaped; safe to insert with {{{ }}}).
std::string render_works(const Site& site, const std::vector<Work>& works);

}  // namespace gesso::web::pages
