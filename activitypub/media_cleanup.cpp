#include "activitypub/media_cleanup.hpp"

#include "core/limits.hpp"
#include "core/log.hpp"
#include "media/store.hpp"
#include "storage/media.hpp"

namespace gesso::activitypub {

using media::MediaStore;
using media::StoreArea;

namespace {

int sweep_unattached(Context& ctx, int limit) {
    auto cutoff = ctx.clock.now() - std::chrono::seconds(core::limits::kUnattachedMediaSeconds);
    return ctx.db.write([&](storage::Connection& conn) {
        auto stale = storage::stale_unattached_media(conn, cutoff, limit);
        for (core::Id id : stale) storage::discard_media(conn, id);
        return static_cast<int>(stale.size());
    });
}

void remove_files(MediaStore& store, const storage::GarbageFile& g) {
    if (g.area == "originals") {
        store.remove(StoreArea::originals, g.name);
        return;
    }
    StoreArea area = g.area == "cache" ? StoreArea::cache : StoreArea::files;
    store.remove(area, g.name);
    store.remove(area, MediaStore::preview_name(g.name));
    store.remove(area, MediaStore::original_copy_name(g.name));
}

}  // namespace

int clean_media(Context& ctx, int limit) {
    if (!ctx.media) return 0;
    int done = sweep_unattached(ctx, limit);
    auto queued = ctx.db.read([&](storage::Connection& conn) { return storage::list_media_garbage(conn, limit); });
    for (const auto& g : queued) {
        // A name that is not one of ours is dropped from the queue without touching the disk.
        if (MediaStore::valid_name(g.name)) remove_files(*ctx.media, g);
        ctx.db.write([&](storage::Connection& conn) { storage::forget_media_garbage(conn, g.id); });
        ++done;
    }
    if (!queued.empty()) GESSO_LOG(debug) << "media cleanup removed " << queued.size() << " file set(s)";
    return done;
}

}  // namespace gesso::activitypub
