#include "activitypub/media_intake.hpp"

#include <algorithm>

#include "activitypub/transport.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/limits.hpp"
#include "core/log.hpp"
#include "core/protection.hpp"
#include "media/pipeline.hpp"
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
    p.rights = core::reserves_ai_training(data_mining.empty() ? std::string(core::kDefaultDataMining) : data_mining)
                   ? "All rights reserved by the creator. No use for AI/ML training."
                   : "Rights reserved by the creator.";
    p.web_statement = licence;
    return p;
}

// `watermark_text`: what a visible watermark says (the artist's handle); unused without options.watermark.
media::ProcessedImage run_pipeline(Context& ctx, std::string_view bytes, const media::Provenance& provenance,
                                   const UploadOptions& options, const std::string& watermark_text = "") {
    media::PipelineOptions pipeline;
    pipeline.full_long_edge = ctx.settings.media_full_long_edge;
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
    std::string handle = "@" + owner.username + "@" + ctx.urls.host();
    if (handle.size() > limits::kMaxWatermarkTextBytes) handle = "@" + owner.username;
    media::ProcessedImage p = run_pipeline(ctx, bytes, provenance, options, handle.substr(0, limits::kMaxWatermarkTextBytes));

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

int cache_remote_media(Context& ctx, core::Id status_id) {
    if (!ctx.media || !ctx.transport) return 0;
    std::vector<core::MediaAttachment> rows;
    std::optional<core::Account> author;
    bool rejected = false;
    ctx.db.read([&](storage::Connection& conn) {
        auto status = storage::find_status(conn, status_id);
        if (!status) return;
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
            OutgoingRequest req;
            req.url = m.remote_url;
            req.max_response_bytes = limits::kMaxImageBytes;
            req.set_header("Accept", "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.5");
            IncomingResponse res = ctx.transport->send(req);
            if (res.status != 200) throw Error(Errc::unavailable, "HTTP " + std::to_string(res.status));
            const media::Provenance provenance = provenance_for(author->uri, m.license);
            media::ProcessedImage p = run_pipeline(ctx, res.body, provenance, {});
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

std::optional<ServedMedia> find_served_media(Context& ctx, std::string_view name) {
    if (!ctx.media || !MediaStore::valid_name(name) || name.ends_with(".orig")) return std::nullopt;
    auto mime_for = [](std::string_view n) -> std::string {
        if (n.ends_with(".png")) return "image/png";
        if (n.ends_with(".webp")) return "image/webp";
        return "image/jpeg";
    };
    for (StoreArea area : {StoreArea::files, StoreArea::cache}) {
        if (auto bytes = ctx.media->read_served(area, name)) return ServedMedia{std::move(*bytes), mime_for(name), {}};
    }
    // An evicted cached copy: send the client to the origin (the row still knows it).
    auto id = MediaStore::id_of(name);
    auto row = ctx.db.read([&](storage::Connection& conn) { return storage::find_media(conn, *id); });
    if (!row || row->remote_url.empty()) return std::nullopt;
    if (row->file_path != name && MediaStore::preview_name(row->file_path) != name) return std::nullopt;
    return ServedMedia{{}, mime_for(name), row->remote_url};
}

}  // namespace gesso::activitypub
