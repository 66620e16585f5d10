#pragma once
// The plain data model shared by storage, the engine and the web layer. No behaviour, no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace gesso::core {

// An actor, local (domain empty) or remote. For local accounts the ActivityPub URLs are derived from the
// node's base URL and the username (activitypub/urls.hpp); for remote ones they are stored as fetched.
struct Account {
    Id id = 0;
    std::string username;
    std::string domain;  // empty for local accounts
    std::string display_name;
    std::string note;  // HTML for remote, plain text source for local
    std::string uri;   // the actor id
    std::string url;   // profile page for people
    std::string actor_type = "Person";
    std::string inbox_url, outbox_url, shared_inbox_url, followers_url, following_url, featured_url;
    std::string avatar_url, header_url;
    bool locked = false;        // manuallyApprovesFollowers
    bool discoverable = false;  // opt-in: listed in directories
    bool indexable = false;     // opt-in: posts searchable by strangers (FEP-5feb)
    bool bot = false;
    std::optional<TimePoint> suspended_at;
    TimePoint created_at{};
    TimePoint updated_at{};

    bool is_local() const { return domain.empty(); }
    bool is_suspended() const { return suspended_at.has_value(); }
};

// The login side of a local account.
struct User {
    Id id = 0;
    Id account_id = 0;
    std::string email;
    std::string password_hash;  // libsodium crypto_pwhash_str (Argon2id)
    bool admin = false;
    bool approved = true;
    TimePoint created_at{};
    std::optional<TimePoint> last_active_at;
};

enum class KeyType { rsa, ed25519 };

struct KeyPair {
    Id id = 0;
    Id account_id = 0;
    KeyType type = KeyType::rsa;
    std::string key_id;       // e.g. https://host/users/alice#main-key
    std::string public_pem;   // SubjectPublicKeyInfo PEM
    std::string private_pem;  // PKCS#8 PEM; empty for remote keys
};

enum class Visibility { public_ = 0, unlisted = 1, followers = 2, direct = 3 };

struct Status {
    Id id = 0;
    Id account_id = 0;
    std::string uri;
    std::string url;
    std::string content;  // HTML
    std::string spoiler_text;
    Visibility visibility = Visibility::public_;
    bool sensitive = false;
    std::string language;
    std::optional<Id> in_reply_to_id;
    std::string in_reply_to_uri;
    std::optional<Id> reblog_of_id;
    bool local = true;
    TimePoint created_at{};
    std::optional<TimePoint> edited_at;
    std::string object_type = "Note";  // Note, Article, Page, Image, Video, Question or Event, as received
    std::string quote_uri;             // id of a quoted post; empty when none
    std::string x_robots_tag;          // FEP-5e53 value sent with a remote post, e.g. "noai, noimageai"
    std::string license;               // schema.org license URL of the post; empty when none
};

// A profile's extras beyond Account: fields, aliases, where it moved, and the rights it reserves.
struct ProfileField {
    std::string name;   // plain text
    std::string value;  // HTML for remote accounts, plain text for local ones
};
struct AccountProfile {
    std::vector<ProfileField> fields;
    std::vector<std::string> also_known_as;  // actor ids
    std::optional<Id> moved_to_account_id;
    std::string x_robots_tag;
    std::string license;
};

// An actor a status mentions; account_id is set when the actor is known here.
struct MentionRef {
    std::string account_uri;
    std::optional<Id> account_id;
    std::string name;  // "@user@host" as written; may be empty
};

// A media attachment: a local upload (file_path) or a remote file (remote_url) described by its sender.
struct MediaAttachment {
    Id id = 0;
    Id account_id = 0;
    std::optional<Id> status_id;
    std::string type = "image";  // image, gifv, video, audio or unknown (Mastodon's names)
    std::string file_path;
    std::string remote_url;
    std::string mime_type;
    std::string description;  // alt text
    std::string blurhash;
    std::string license;
    int width = 0;
    int height = 0;
    double focus_x = 0;  // -1 (left) .. 1 (right)
    double focus_y = 0;  // -1 (bottom) .. 1 (top)
    int position = 0;    // order within the status
    TimePoint created_at{};
    // What the media pipeline found and made (empty/zero for attachments not processed here).
    int preview_width = 0;   // the "small" derivative
    int preview_height = 0;
    std::string ai_verdict;           // "unknown", "declared" or "watermark"; empty: not analysed
    std::string ai_evidence = "[]";   // JSON array of {"marker", "where"}
    std::string pdq;                  // 64 hex digits of the PDQ hash of the full derivative; empty: none
    int pdq_quality = 0;              // 0..100
    std::string cloak = "off";        // off, low, medium or high (as asked at upload)
    bool watermark = false;           // a visible watermark was asked for
    std::string data_mining;          // the PLUS DMI URI written into the served files
    std::string original_path;        // private original in the media store ('' for remote media)
};

struct PollChoice {
    std::string title;
    std::int64_t votes = 0;
};
struct Poll {
    Id status_id = 0;
    bool multiple = false;
    std::vector<PollChoice> options;
    std::optional<TimePoint> expires_at;
    std::optional<TimePoint> closed_at;
    std::optional<std::int64_t> voters_count;
};

// Mastodon's notification types: follow, follow_request, mention, reblog, favourite, poll, status, update,
// admin.report, and Gesso's repost alerts later.
struct Notification {
    Id id = 0;
    Id account_id = 0;       // who is notified (local)
    Id from_account_id = 0;  // who caused it
    std::string type;
    std::optional<Id> status_id;
    std::optional<Id> report_id;
    TimePoint created_at{};
};

// A report for moderators: from a local user, or a Flag from another server (account_id is then the
// reporting server's actor).
struct Report {
    Id id = 0;
    Id account_id = 0;
    Id target_account_id = 0;
    std::vector<Id> status_ids;
    std::string comment;
    std::string category = "other";
    std::string uri;  // the Flag's id; empty for local reports not forwarded
    bool forwarded = false;
    TimePoint created_at{};
    std::optional<TimePoint> action_taken_at;
};

struct Block {
    Id id = 0;
    Id account_id = 0;         // who blocks
    Id target_account_id = 0;  // who is blocked
    std::string uri;           // the Block activity id
    TimePoint created_at{};
};

struct Follow {
    Id id = 0;
    Id account_id = 0;         // the follower
    Id target_account_id = 0;  // the followed
    std::string uri;           // the Follow activity id
    bool accepted = false;
    TimePoint created_at{};
};

// none: only the flags below apply (e.g. media rejection); silence: accepted but kept out of public timelines
// and strangers' notifications; suspend: nothing is accepted from or delivered to the domain.
enum class DomainSeverity { none, silence, suspend };

struct DomainBlock {
    Id id = 0;
    std::string domain;
    DomainSeverity severity = DomainSeverity::suspend;
    std::string reason;
    TimePoint created_at{};
    bool reject_media = false;  // attachments from the domain are neither fetched nor stored
};

}  // namespace gesso::core
