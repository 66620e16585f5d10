#include "activitypub/post_works.hpp"

#include "activitypub/protection.hpp"
#include "core/log.hpp"
#include "storage/media.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;

namespace {

// Drops the works stored for a post that did not happen. Never throws: the caller is already failing, and an
// upload left behind is swept later as unattached media (media_cleanup.hpp).
void discard_works(Context& ctx, const std::vector<core::Id>& ids) noexcept {
    if (ids.empty()) return;
    try {
        ctx.db.write([&](storage::Connection& conn) {
            for (core::Id id : ids) storage::discard_media(conn, id);
        });
    } catch (const std::exception& e) {
        GESSO_LOG(warn) << "could not discard " << ids.size() << " works of a refused post: " << e.what();
    }
}

}  // namespace

core::Status publish_with_works(Context& ctx, const core::Account& author, PostDraft draft,
                                const std::vector<NewWork>& works) {
    if (!draft.media_ids.empty()) throw Error(Errc::internal, "internal error", "publish_with_works: media_ids given");
    // Everything that can be checked without the pixels, before the pipeline spends CPU on them.
    PostDraft counted = draft;
    counted.media_ids.assign(works.size(), 0);
    validate_draft(counted);
    apply_post_rights({}, draft.rights);
    for (const NewWork& work : works) validate_upload_options(work.options);

    std::vector<core::Id> stored;
    for (std::size_t i = 0; i < works.size(); ++i) {
        try {
            stored.push_back(store_upload(ctx, author, works[i].bytes, works[i].options).id);
        } catch (const Error& e) {
            discard_works(ctx, stored);
            if (e.code() == Errc::unprocessable || e.code() == Errc::too_large) throw WorkRefused(i, e);
            throw;
        } catch (...) {
            discard_works(ctx, stored);
            throw;
        }
    }
    draft.media_ids = stored;
    try {
        return publish_status(ctx, author, draft);
    } catch (...) {
        discard_works(ctx, stored);
        throw;
    }
}

}  // namespace gesso::activitypub
