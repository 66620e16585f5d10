#pragma once
// Media attachments of a post (`attachment` entries of type Document, Image, Video or Audio).
#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gesso::activitypub::as2 {

// Mastodon's focal point: x from -1 (left) to 1 (right), y from -1 (bottom) to 1 (top).
struct FocalPoint {
    double x = 0;
    double y = 0;
};

struct Attachment {
    std::string type;        // Document, Image, Video or Audio, as sent
    std::string media_type;  // e.g. "image/png"; may be empty (snac guesses from the extension, others omit it)
    std::string url;         // the full-size file (absolute http(s) URL)
    std::string name;        // alt text (`name`; older GoToSocial put it in `summary`); may be empty
    std::string blurhash;    // empty when absent or not made of the blurhash alphabet
    std::optional<FocalPoint> focal_point;  // clamped to [-1, 1]
    std::optional<int> width;
    std::optional<int> height;
    std::string license;     // schema.org `license`, see rights.hpp
    bool sensitive = false;  // Misskey marks single files sensitive; Mastodon only marks the post
};

// Reads `attachment` (an array or one object). Entries of other types (Mastodon's preview-card Link, profile
// PropertyValues) and entries without a URL are skipped. Refused: more than limits::kMaxAttachments media
// entries, a URL that is not absolute http(s), text over its limit, or wrong JSON types.
std::vector<Attachment> read_attachments(const rapidjson::Value& object, std::string_view what);

}  // namespace gesso::activitypub::as2
