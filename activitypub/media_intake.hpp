#pragma once
// Images into the node: a local upload, or a remote post's attachment fetched through the transport, goes
// through the same media pipeline (media/pipeline.hpp: safe intake, AI-marker detection, metadata stripped,
// provenance XMP, "full" and "small" derivatives, blurhash, PDQ), its files are written to the media store
// and the media row (with the detection result and hash) is recorded. Blocking and CPU-bound: call from
// worker threads (the HTTP server's worker pool, the federation workers), never from I/O threads.
#include <optional>
#include <string>
#include <string_view>

#include "activitypub/context.hpp"
#include "core/model.hpp"

namespace gesso::activitypub {

// What the uploader asked for, besides the bytes.
struct UploadOptions {
    std::string description;  // alt text (<= limits::kMaxMediaDescriptionChars characters)
    double focus_x = 0;       // -1..1
    double focus_y = 0;
    std::string cloak = "off";  // off, low, medium or high (experimental)
    bool watermark = false;     // a visible watermark on served derivatives
    std::string licence;        // licence URL (xmpRights:WebStatement), may be empty
    // The visible watermark (with `watermark`): its text (empty: the artist's handle), position and opacity.
    std::string watermark_text;
    std::string watermark_position = "bottom_right";  // as media::parse_overlay_position reads it
    double watermark_opacity = 0.5;
    std::string data_mining;  // the plus:DataMining URI written into the files; empty: AI training prohibited
};

// The upload options an artist's protection settings give when the upload does not say (cloak level, visible
// watermark, licence, data-mining reservation); the explicit choices of `given` win.
UploadOptions with_account_defaults(Context& ctx, core::Id account_id, const std::optional<std::string>& cloak,
                                    std::optional<bool> watermark, const std::optional<std::string>& licence);

// Checks the options: cloak level name, description length, licence an http(s) URL of bounded length.
// Throws core::Error(unprocessable) naming the field.
void validate_upload_options(const UploadOptions& options);

// Processes `bytes` uploaded by local account `owner` and stores it unattached (status_id null). The original
// goes to the private originals area, the derivatives to the served one, the row and its PDQ hash to the
// database in one transaction; when anything fails, nothing stays (files written are removed). Throws
// core::Error: unprocessable (not an image we take, corrupt, too many pixels), too_large, unavailable (no
// media store configured, or the disk refused).
core::MediaAttachment store_upload(Context& ctx, const core::Account& owner, std::string_view bytes,
                                   const UploadOptions& options);

// A profile image (avatar: square kAvatarEdge; header: kHeaderWidth x kHeaderHeight), cropped around the
// centre, resized, re-encoded with the owner's provenance and stored in the served area. Returns the served
// file name. Throws as store_upload.
enum class ProfileImage { avatar, header };
std::string store_profile_image(Context& ctx, const core::Account& owner, std::string_view bytes, ProfileImage kind);

// Fetches and processes the image attachments of remote status `status_id` that are not cached yet (at most
// limits::kMaxRemoteMediaFetched), through ctx.transport, into the cache area. Skipped entirely when the
// author's domain has reject_media or no store/transport is configured. A failed fetch or refused image keeps
// the row with its remote URL (clients then load it from its origin). Returns how many were cached.
int cache_remote_media(Context& ctx, core::Id status_id);

// The bytes of a served file named `name` (a derivative of a local upload, a cached remote one or a profile
// image) and its MIME type, if the name belongs to a known media row (or profile image) and the file is on
// disk; `remote_url` is set instead when the row is remote and its cached copy was evicted.
struct ServedMedia {
    std::string bytes;
    std::string mime_type;
    std::string remote_url;  // when set, bytes are empty: redirect there
};
std::optional<ServedMedia> find_served_media(Context& ctx, std::string_view name);

}  // namespace gesso::activitypub
