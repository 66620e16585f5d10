#pragma once
// The plain data model shared by storage, the engine and the web layer. No behaviour, no I/O.
#include <cstdint>
#include <optional>
#include <string>

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
};

struct Follow {
    Id id = 0;
    Id account_id = 0;         // the follower
    Id target_account_id = 0;  // the followed
    std::string uri;           // the Follow activity id
    bool accepted = false;
    TimePoint created_at{};
};

enum class DomainSeverity { silence, suspend };

struct DomainBlock {
    Id id = 0;
    std::string domain;
    DomainSeverity severity = DomainSeverity::suspend;
    std::string reason;
    TimePoint created_at{};
};

}  // namespace gesso::core
