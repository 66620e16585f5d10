#include "activitypub/media_intake.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>

#include "activitypub/transport.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/limits.hpp"
#include "core/log.hpp"
#include "core/protection.hpp"
#include "media/pipeline.hpp"
#include "media/xmp.hpp"
#include "storage/account_settings.hpp"
#include "media/profile_image.hpp"
#include "storage/accounts.hpp"
#include "storage/domain_blocks.hpp"
#include "storage/media.hpp"
#include "storage/post_details.hpp"
#include "storage/statuses.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;
namespace limits = core::limits;
using media::MediaStore;
using media::StoreArea;

namespace {

std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

media::MediaStore& store_of(Context& ctx) {
    if (!ctx.media) throw Error(Errc::unavailable, "this node stores no media");
    return *ctx.media;
}

std::string evidence_json(const media::AiDetection& ai) {
    core::JsonWriter w;
    w.begin_array();
    for (const auto& e : ai.evidence) w.begin_object().field("marker", e.marker).field("where", e.where).end_object();
    w.end_array();
    return w.str();
}

// The provenance written into every served file of `creator_uri`'s image.
media::Provenance provenance_for(const std::string& creator_uri, const std::string& licence,
                                 const std::string& data_mining = "") {
    media::Provenance p;
    p.creator = creator_uri;
    if (!data_mining.empty()) p.data_mining = data_mining;
    // `data_mining` is a PLUS URI; the rule reads its short form.
    std::string_view mark = data_mining.empty() ? core::kDefaultDataMining : std::string_view(data_mining);
    if (mark.starts_with(core::kPlusVocabulary)) mark.remove_prefix(core::kPlusVocabulary.size());
    p.rights = core::reserves_ai_training(mark) ? "All rights reserved by the creator. No use for AI/ML training."
                                                : "Rights reserved by the creator.";
    p.web_statement = licence;
    return p;
}

// `watermark_text`: what a visible watermark says (the artist's handle); unused without options.watermark.
media::ProcessedImage run_pipeline(Context& ctx, std::string_view bytes, const media::Provenance& provenance,
                                   const UploadOptions& options, const std::string& watermark_text = "",
                                   int full_long_edge = 0) {
    media::PipelineOptions pipeline;
    pipeline.full_long_edge = full_long_edge > 0 ? full_long_edge : ctx.settings.media_full_long_edge;
    pipeline.provenance = provenance;
    pipeline.cloak = media::parse_cloak_level(options.cloak);
    if (options.watermark) {
        std::string text = options.watermark_text.empty() ? watermark_text : options.watermark_text;
        std::string position = options.watermark_position;
        std::replace(position.begin(), position.end(), '-', '_');
        if (!text.empty()) {
            pipeline.watermark = media::VisibleWatermark{text, media::parse_overlay_position(position),
                                                         options.watermark_opacity};
        }
    }
    return media::process_image(bytes, pipeline);
}

// What a visible watermark says when the artist set no text: their handle.
std::string watermark_handle(Context& ctx, const core::Account& owner) {
    std::string handle = "@" + owner.username + "@" + ctx.urls.host();
    if (handle.size() > limits::kMaxWatermarkTextBytes) handle = "@" + owner.username;
    return handle.substr(0, limits::kMaxWatermarkTextBytes);
}

// Fills the pipeline's columns of `m` from `p`; `name` is the served file name of the full derivative.
void fill_processed(core::MediaAttachment& m, const media::ProcessedImage& p, const std::string& name,
                    const media::Provenance& provenance) {
    m.type = "image";
    m.file_path = name;
    m.mime_type = std::string(media::mime_type(p.full.type));
    m.blurhash = p.blurhash;
    m.width = p.full.dimensions.width;
    m.height = p.full.dimensions.height;
    m.preview_width = p.preview.dimensions.width;
    m.preview_height = p.preview.dimensions.height;
    m.ai_verdict = std::string(media::to_string(p.ai.verdict));
    m.ai_evidence = evidence_json(p.ai);
    m.pdq = p.pdq.hash.hex();
    m.pdq_quality = p.pdq.quality;
    m.data_mining = provenance.data_mining;
}

// Writes the derivatives of `p` under `name` into `area`; on failure removes what was written and rethrows.
void write_derivatives(MediaStore& store, StoreArea area, const std::string& name, const media::ProcessedImage& p) {
    try {
        store.put(area, name, p.full.bytes);
        store.put(area, MediaStore::preview_name(name), p.preview.bytes);
    } catch (...) {
        store.remove(area, name);
        store.remove(area, MediaStore::preview_name(name));
        throw;
    }
}

bool is_http_url(std::string_view url) { return url.starts_with("https://") || url.starts_with("http://"); }

}  // namespace

void validate_upload_options(const UploadOptions& o) {
    if (o.cloak != "off" && o.cloak != "low" && o.cloak != "medium" && o.cloak != "high") {
        throw Error(Errc::unprocessable, "Validation failed: cloak must be one of off, low, medium, high");
    }
    if (code_points(o.description) > limits::kMaxMediaDescriptionChars) {
        throw Error(Errc::unprocessable, "Validation failed: Description is too long (maximum is " +
                                             std::to_string(limits::kMaxMediaDescriptionChars) + " characters)");
    }
    if (!o.licence.empty() && (!is_http_url(o.licence) || o.licence.size() > limits::kMaxLicenceUrlBytes ||
                               o.licence.find_first_of(" \t\r\n\"<>") != std::string::npos)) {
        throw Error(Errc::unprocessable, "Validation failed: licence must be an http(s) URL of at most " +
                                             std::to_string(limits::kMaxLicenceUrlBytes) + " bytes");
    }
    if (o.focus_x < -1 || o.focus_x > 1 || o.focus_y < -1 || o.focus_y > 1) {
        throw Error(Errc::unprocessable, "Validation failed: focus must be two numbers between -1 and 1");
    }
}

UploadOptions with_account_defaults(Context& ctx, core::Id account_id, const std::optional<std::string>& cloak,
                                    std::optional<bool> watermark, const std::optional<std::string>& licence) {
    core::ProtectionSettings settings =
        ctx.db.read([&](storage::Connection& conn) { return storage::find_protection_settings(conn, account_id); });
    UploadOptions o;
    o.cloak = cloak.value_or(settings.cloak_level);
    o.watermark = watermark.value_or(!settings.watermark_text.empty());
    o.watermark_text = settings.watermark_text;
    o.watermark_position = settings.watermark_position;
    o.watermark_opacity = settings.watermark_opacity;
    o.licence = licence.value_or(settings.license);
    o.data_mining = std::string(core::kPlusVocabulary) + settings.data_mining;
    return o;
}

core::MediaAttachment store_upload(Context& ctx, const core::Account& owner, std::string_view bytes,
                                   const UploadOptions& options) {
    validate_upload_options(options);
    MediaStore& store = store_of(ctx);
    const media::Provenance provenance =
        provenance_for(ctx.urls.actor(owner.username), options.licence, options.data_mining);
    media::ProcessedImage p = run_pipeline(ctx, bytes, provenance, options, watermark_handle(ctx, owner));

    core::MediaAttachment m;
    m.id = ctx.ids.next();
    m.account_id = owner.id;
    m.description = options.description;
    m.focus_x = options.focus_x;
    m.focus_y = options.focus_y;
    m.license = options.licence;
    m.cloak = p.cloaked ? options.cloak : "off";  // what the served files carry (a flat picture is not cloaked)
    m.watermark = p.watermarked;
    m.created_at = ctx.clock.now();
    const std::string name = MediaStore::new_name(m.id, p.full.type);
    fill_processed(m, p, name, provenance);
    m.original_path = MediaStore::original_name(name);

    store.put(StoreArea::originals, m.original_path, bytes);
    try {
        write_derivatives(store, StoreArea::files, name, p);
        ctx.db.write([&](storage::Connection& conn) {
            storage::insert_media(conn, m);
            storage::put_media_hash(conn, m.id, m.pdq, m.pdq_quality);
        });
    } catch (...) {
        store.remove(StoreArea::originals, m.original_path);
        store.remove(StoreArea::files, name);
        store.remove(StoreArea::files, MediaStore::preview_name(name));
        throw;
    }
    return m;
}

void remark_media(Context& ctx, const core::Account& owner, const std::vector<core::Id>& ids,
                  const std::optional<std::string>& data_mining, const std::optional<std::string>& licence) {
    if (!ctx.media || (!data_mining && !licence)) return;
    MediaStore& store = *ctx.media;
    for (core::Id id : ids) {
        auto m = ctx.db.read([&](storage::Connection& conn) { return storage::find_media(conn, id); });
        if (!m || m->account_id != owner.id || m->file_path.empty() || m->original_path.empty()) continue;
        const std::string mark = data_mining.value_or(m->data_mining);
        const std::string lic = licence.value_or(m->license);
        if (mark == m->data_mining && lic == m->license) continue;
        auto full = store.read_served(StoreArea::files, m->file_path);
        auto small = store.read_served(StoreArea::files, MediaStore::preview_name(m->file_path));
        if (!full || !small) throw Error(Errc::unavailable, "the files of media " + std::to_string(id) + " are missing");
        const std::string packet = media::xmp_packet(provenance_for(ctx.urls.actor(owner.username), lic, mark));
        const media::ImageType type = media::sniff_image_type(*full);
        const std::string name = MediaStore::new_name(m->id, type);
        try {
            store.put(StoreArea::files, name, media::embed_xmp(*full, type, packet));
            store.put(StoreArea::files, MediaStore::preview_name(name),
                      media::embed_xmp(*small, media::sniff_image_type(*small), packet));
            ctx.db.write([&](storage::Connection& conn) {
                storage::update_media_marks(conn, m->id, name, mark, lic);
                storage::queue_media_file(conn, "files", m->file_path);
            });
        } catch (...) {
            store.remove(StoreArea::files, name);
            store.remove(StoreArea::files, MediaStore::preview_name(name));
            throw;
        }
    }
}

std::string store_profile_image(Context& ctx, const core::Account& owner, std::string_view bytes, ProfileImage kind) {
    MediaStore& store = store_of(ctx);
    const bool avatar = kind == ProfileImage::avatar;
    media::Derivative d = media::profile_image(bytes, avatar ? limits::kAvatarEdge : limits::kHeaderWidth,
                                               avatar ? limits::kAvatarEdge : limits::kHeaderHeight,
                                               provenance_for(ctx.urls.actor(owner.username), ""));
    const std::string name = MediaStore::new_name(ctx.ids.next(), d.type);
    store.put(StoreArea::files, name, d.bytes);
    return name;
}

namespace {

// The provenance of the served copy of remote attachment `m` of a post by `author_uri`: it says what the post
// said — mining allowed only when its xRobotsTag lifts every reservation; unsaid or reserved, the node's
// reservation.
media::Provenance remote_provenance(const std::string& author_uri, const core::MediaAttachment& m,
                                    const std::string& robots_tag) {
    const bool unreserved = !robots_tag.empty() && !core::robots_tag_reserves(robots_tag);
    return provenance_for(author_uri, m.license, unreserved ? std::string(core::kPlusVocabulary) + "DMI-ALLOWED" : "");
}

// Fetches remote attachment `m` from its origin through ctx.transport and runs it through the pipeline.
// Throws core::Error (the fetch) or whatever the decoder throws.
media::ProcessedImage fetch_remote_image(Context& ctx, const core::MediaAttachment& m,
                                         const media::Provenance& provenance) {
    OutgoingRequest req;
    req.url = m.remote_url;
    req.max_response_bytes = limits::kMaxImageBytes;
    req.set_header("Accept", "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.5");
    IncomingResponse res = ctx.transport->send(req);
    if (res.status != 200) throw Error(Errc::unavailable, "HTTP " + std::to_string(res.status));
    return run_pipeline(ctx, res.body, provenance, {});
}

}  // namespace

int cache_remote_media(Context& ctx, core::Id status_id) {
    if (!ctx.media || !ctx.transport) return 0;
    std::vector<core::MediaAttachment> rows;
    std::optional<core::Account> author;
    bool rejected = false;
    std::string robots_tag;  // the post's xRobotsTag as received
    ctx.db.read([&](storage::Connection& conn) {
        auto status = storage::find_status(conn, status_id);
        if (!status) return;
        robots_tag = status->x_robots_tag;
        author = storage::find_account(conn, status->account_id);
        if (!author || author->is_local()) return;
        rejected = storage::domain_rejects_media(conn, author->domain);
        rows = storage::find_status_media(conn, status_id);
    });
    if (!author || rejected) return 0;
    int cached = 0;
    std::size_t tried = 0;
    for (auto& m : rows) {
        if (m.type != "image" || m.remote_url.empty() || !m.file_path.empty()) continue;
        if (tried++ >= limits::kMaxRemoteMediaFetched) break;
        std::string name;
        try {
            const media::Provenance provenance = remote_provenance(author->uri, m, robots_tag);
            media::ProcessedImage p = fetch_remote_image(ctx, m, provenance);
            name = MediaStore::new_name(m.id, p.full.type);
            fill_processed(m, p, name, provenance);
            m.original_path.clear();  // a remote original is not kept
            write_derivatives(*ctx.media, StoreArea::cache, name, p);
            ctx.db.write([&](storage::Connection& conn) {
                storage::update_media_processed(conn, m);
                storage::put_media_hash(conn, m.id, m.pdq, m.pdq_quality);
            });
            ++cached;
        } catch (const std::exception& e) {  // core::Error, or anything the decoder threw: keep the remote URL
            if (!name.empty()) {
                ctx.media->remove(StoreArea::cache, name);
                ctx.media->remove(StoreArea::cache, MediaStore::preview_name(name));
            }
            GESSO_LOG(info) << "remote attachment " << m.remote_url << " kept remote: " << e.what();
        }
    }
    return cached;
}

namespace {

// The rights a served file of `row` carries on the wire: a local upload's own marks (what its XMP says), a
// remote attachment's post's xRobotsTag and licence as received.
void fill_served_rights(storage::Connection& conn, const core::MediaAttachment& row, ServedMedia& out) {
    if (!row.original_path.empty()) {
        std::string_view mark = row.data_mining;
        if (mark.starts_with(core::kPlusVocabulary)) mark.remove_prefix(core::kPlusVocabulary.size());
        out.x_robots_tag = mark.empty() ? std::string() : core::robots_tag_for(mark);
        out.license = row.license;
        return;
    }
    auto status = row.status_id ? storage::find_status(conn, *row.status_id) : std::nullopt;
    out.license = row.license;
    if (!status) return;
    out.x_robots_tag = status->x_robots_tag;
    if (out.license.empty()) out.license = status->license;
}

std::optional<ServedMedia> find_original_copy(Context& ctx, std::string_view name);

// The original-size copy of local upload `row` (issue 5's "originals on request"): made from the private
// original on first request, through the same pipeline as the other derivatives (orientation, metadata
// stripped, the row's XMP marks, its cloak level and visible watermark) with the long edge capped at
// limits::kMaxFullLongEdge instead of the node's full size, then kept in the files area. False when the row
// has no private original or the original is gone.
bool make_original_copy(Context& ctx, const core::MediaAttachment& row, const core::Account& owner,
                        const core::ProtectionSettings& settings, const std::string& copy_name) {
    if (ctx.media->exists(StoreArea::files, copy_name)) return true;
    auto original = ctx.media->read_original(row.original_path);
    if (!original) return false;
    UploadOptions options;
    options.cloak = row.cloak.empty() ? "off" : row.cloak;
    options.watermark = row.watermark;
    options.watermark_text = settings.watermark_text;
    options.watermark_position = settings.watermark_position;
    options.watermark_opacity = settings.watermark_opacity;
    const std::string mark = row.data_mining.empty() ? std::string(media::kDmiProhibitedAiMlTraining) : row.data_mining;
    const media::Provenance provenance = provenance_for(ctx.urls.actor(owner.username), row.license, mark);
    media::ProcessedImage p = run_pipeline(ctx, *original, provenance, options, watermark_handle(ctx, owner),
                                           limits::kMaxFullLongEdge);
    ctx.media->put(StoreArea::files, copy_name, p.full.bytes);
    return true;
}

// Origins whose evicted file could not be fetched again recently (URL → when), and how many re-fetches are
// running, across the process: a visitor waits for at most one fetch, a dead origin is not asked on every view.
struct RefetchState {
    std::mutex mutex;
    std::map<std::string, std::chrono::steady_clock::time_point, std::less<>> failed;
    int running = 0;
};
RefetchState& refetch_state() {
    static RefetchState state;
    return state;
}

// Fetches the evicted cached copy of remote attachment `row` again, into the cache under its old names (the
// statuses already rendered point there). False when it cannot be done now: the author's domain rejects media,
// too many re-fetches are running, the origin failed recently, the fetch or the image failed, or the origin now
// serves another image type (the name says the type).
bool refetch_evicted(Context& ctx, const core::MediaAttachment& row) {
    if (!ctx.transport || !row.status_id) return false;
    RefetchState& state = refetch_state();
    const auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(state.mutex);
        auto failed = state.failed.find(row.remote_url);
        if (failed != state.failed.end() && now - failed->second < limits::kRemoteMediaRefetchBackoff) return false;
        if (state.running >= limits::kMaxConcurrentMediaRefetches) return false;
        ++state.running;
    }
    bool done = false;
    try {
        std::optional<core::Account> author;
        std::string robots_tag;
        bool rejected = false;
        ctx.db.read([&](storage::Connection& conn) {
            auto status = storage::find_status(conn, *row.status_id);
            if (!status) return;
            robots_tag = status->x_robots_tag;
            author = storage::find_account(conn, status->account_id);
            rejected = author && storage::domain_rejects_media(conn, author->domain);
        });
        if (author && !author->is_local() && !rejected) {
            media::ProcessedImage p = fetch_remote_image(ctx, row, remote_provenance(author->uri, row, robots_tag));
            if (media::mime_type(p.full.type) != row.mime_type) {
                throw Error(Errc::unprocessable, "the origin now serves " + std::string(media::mime_type(p.full.type)));
            }
            write_derivatives(*ctx.media, StoreArea::cache, row.file_path, p);
            done = true;
        }
    } catch (const std::exception& e) {
        GESSO_LOG(info) << "evicted attachment " << row.remote_url << " not fetched again: " << e.what();
    }
    std::lock_guard lock(state.mutex);
    --state.running;
    if (done) {
        state.failed.erase(row.remote_url);
    } else {
        if (state.failed.size() >= limits::kMaxRefetchFailuresRemembered) state.failed.clear();
        state.failed.insert_or_assign(row.remote_url, now);
    }
    return done;
}

}  // namespace

std::string original_copy_url(Context& ctx, const core::MediaAttachment& m) {
    return ctx.urls.base() + "/media/" + MediaStore::original_copy_name(m.file_path);
}

std::optional<ServedMedia> find_served_media(Context& ctx, std::string_view name) {
    if (!ctx.media || !MediaStore::valid_name(name) || name.ends_with(".orig")) return std::nullopt;
    if (MediaStore::is_original_copy_name(name)) return find_original_copy(ctx, name);
    ServedMedia out;
    if (name.ends_with(".png")) out.mime_type = "image/png";
    else if (name.ends_with(".webp")) out.mime_type = "image/webp";
    else out.mime_type = "image/jpeg";
    // Profile images have no row: they keep the node's default reservation.
    auto id = MediaStore::id_of(name);
    auto row = ctx.db.read([&](storage::Connection& conn) {
        auto m = storage::find_media(conn, *id);
        if (m) fill_served_rights(conn, *m, out);
        return m;
    });
    for (StoreArea area : {StoreArea::files, StoreArea::cache}) {
        if (auto bytes = ctx.media->read_served(area, name)) {
            out.bytes = std::move(*bytes);
            return out;
        }
    }
    // An evicted cached copy: fetched again under the same name (statuses already rendered keep working); when
    // that cannot be done now, the client is sent to the origin (the row still knows it).
    if (!row || row->remote_url.empty()) return std::nullopt;
    if (row->file_path != name && MediaStore::preview_name(row->file_path) != name) return std::nullopt;
    if (refetch_evicted(ctx, *row)) {
        if (auto bytes = ctx.media->read_served(StoreArea::cache, name)) {
            out.bytes = std::move(*bytes);
            return out;
        }
    }
    out.remote_url = row->remote_url;
    return out;
}

namespace {

std::optional<ServedMedia> find_original_copy(Context& ctx, std::string_view name) {
    const std::string copy_name(name);
    ServedMedia out;
    std::optional<core::MediaAttachment> row;
    std::optional<core::Account> owner;
    core::ProtectionSettings settings;
    ctx.db.read([&](storage::Connection& conn) {
        row = storage::find_media(conn, *MediaStore::id_of(name));
        if (!row) return;
        owner = storage::find_account(conn, row->account_id);
        settings = storage::find_protection_settings(conn, row->account_id);
        fill_served_rights(conn, *row, out);
    });
    // Only the current full file's copy, of a local upload whose owner allows downloads right now.
    if (!row || !owner || row->original_path.empty() || row->file_path != MediaStore::full_name_of(name) ||
        !settings.allow_original_download) {
        return std::nullopt;
    }
    if (!make_original_copy(ctx, *row, *owner, settings, copy_name)) return std::nullopt;
    auto bytes = ctx.media->read_served(StoreArea::files, copy_name);
    if (!bytes) return std::nullopt;
    out.bytes = std::move(*bytes);
    out.mime_type = std::string(media::mime_type(media::sniff_image_type(out.bytes)));
    return out;
}

}  // namespace

}  // namespace gesso::activitypub
