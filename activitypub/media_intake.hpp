#pragma once
// Images into the node: a local upload, or a remote post's attachment fetched through the transport, goes
// through the same media pipeline (media/pipeline.hpp: safe intake, AI-marker detection, metadata stripped,
// provenance XMP, "full" and "small" derivatives, blurhash, PDQ), its files are written to the media store
// and the media row (with the detection result and hash) is recorded. Blocking and CPU-bound: call from
// worker threads (the HTTP server's worker pool, the federation workers), never from I/O threads.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// Re-marks local attachments `ids` of `owner` for the post they join: `data_mining` (a PLUS DMI URI) and
// `licence` (URL, "" for all rights reserved) replace the row's values where set. A changed attachment gets
// new served files (same pixels, the new XMP packet: media::embed_xmp), so cached copies with the old marks
// are never mistaken for it; the old files are queued for removal in the transaction that updates the row.
// Rows that are not the owner's local uploads, or already carry these marks, are left alone. Throws
// core::Error(unavailable) when the store refuses.
void remark_media(Context& ctx, const core::Account& owner, const std::vector<core::Id>& ids,
                  const std::optional<std::string>& data_mining, const std::optional<std::string>& licence);

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
// disk; `remote_url` is set instead when the row is remote and its cached copy was evicted. The file's rights
// come with it: a local upload's own marks, a remote attachment's post's xRobotsTag and licence as received.
struct ServedMedia {
    std::string bytes;
    std::string mime_type;
    std::string remote_url;    // when set, bytes are empty: redirect there
    std::string x_robots_tag;  // empty: the node's default (noai, noimageai)
    std::string license;       // licence URL; empty: none said
};
std::optional<ServedMedia> find_served_media(Context& ctx, std::string_view name);

// Where the original-size copy of local upload `m` is served (issue 5, "originals on request"):
// /media/<id>-<key>-original.<ext>. find_served_media answers it only while the owner allows original downloads
// (account setting allow_original_download), making it on first request (see docs/protection.md).
std::string original_copy_url(Context& ctx, const core::MediaAttachment& m);

}  // namespace gesso::activitypub
