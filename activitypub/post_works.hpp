#pragma once
// A post and its new works in one step, as the browser's compose form sends them (the client API makes the same
// calls in two requests: POST /api/v2/media, then POST /api/v1/statuses). Each work goes through the media
// intake (media_intake.hpp: store_upload) and the post through publish_status (posting.hpp), so both paths
// share every check, mark and side effect. Blocking and CPU-bound, like store_upload: call from worker threads.
#include <cstddef>
#include <string_view>
#include <vector>

#include "activitypub/context.hpp"
#include "activitypub/media_intake.hpp"
#include "activitypub/posting.hpp"
#include "core/error.hpp"
#include "core/model.hpp"

namespace gesso::activitypub {

struct NewWork {
    std::string_view bytes;  // the uploaded file, type decided by its bytes
    UploadOptions options;   // alt text, cloak, watermark, licence (with_account_defaults, then the form's choices)
};

// Work number `index` (0-based, in the order given) was refused by the media intake; what() says why.
class WorkRefused : public core::Error {
public:
    WorkRefused(std::size_t index, const core::Error& cause) : core::Error(cause), index_(index) {}
    std::size_t index() const noexcept { return index_; }

private:
    std::size_t index_;
};

// Checks the draft (as if it had works.size() attachments), its rights and every work's options before any work
// is processed, then stores the works in order and publishes `draft` with them attached (draft.media_ids must be
// empty: the new works are its media). On any failure nothing stays: the works stored so far are discarded
// (rows dropped, files queued for removal) and no status exists. Throws WorkRefused for a refused work
// (unprocessable, too_large) and core::Error as publish_status and store_upload otherwise.
core::Status publish_with_works(Context& ctx, const core::Account& author, PostDraft draft,
                                const std::vector<NewWork>& works);

}  // namespace gesso::activitypub
