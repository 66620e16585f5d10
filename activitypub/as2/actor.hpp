#pragma once
// Reading an actor document (Person, Service, Application, Group, Organization) fetched from another server.
#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <vector>

#include "activitypub/as2/tags.hpp"
#include "core/clock.hpp"

namespace gesso::activitypub::as2 {

// A profile field (schema.org PropertyValue in `attachment`).
struct PropertyValue {
    std::string name;   // plain text as sent (may contain entities)
    std::string value;  // HTML, usually one link
};

// An RSA key from `publicKey` (draft-cavage HTTP signatures).
struct PublicKey {
    std::string id;     // the keyId peers sign with, e.g. https://host/users/alice#main-key
    std::string owner;  // always the actor id (documents where it differs are refused)
    std::string pem;    // publicKeyPem as sent; not parsed here
};

// An FEP-521a `assertionMethod` entry of type Multikey (Ed25519 keys for object integrity proofs).
struct Multikey {
    std::string id;
    std::string controller;  // always the actor id (documents where it differs are refused)
    std::string public_key_multibase;
};

struct ParsedActor {
    std::string id;
    std::string type;  // Person, Service, Application, Group or Organization
    std::string preferred_username;
    std::string name;     // display name; may be empty
    std::string summary;  // bio, HTML as sent (unsanitised)
    std::string url;      // profile page; may be empty
    std::string inbox;    // never empty
    std::string outbox, followers, following, featured;
    std::string shared_inbox;  // endpoints.sharedInbox (or Misskey's top-level sharedInbox); may be empty
    bool manually_approves_followers = false;
    bool discoverable = false;
    bool indexable = false;  // FEP-5feb: missing means false
    std::optional<core::TimePoint> published;
    std::string icon_url;               // avatar
    std::string image_url;              // header
    std::vector<PropertyValue> fields;  // at most limits::kMaxProfileFields (the rest are dropped)
    std::vector<PublicKey> public_keys;
    std::vector<Multikey> assertion_methods;
    std::vector<std::string> also_known_as;
    std::string moved_to;
    std::vector<CustomEmoji> emojis;  // custom emoji used in name, bio and fields
    std::string x_robots_tag;         // FEP-5e53, e.g. "noai, noimageai"
    std::string license;              // schema.org license of the profile's works

    // The key with this id, or nullptr.
    const PublicKey* find_key(std::string_view key_id) const;
};

// True for the five actor types above.
bool is_actor_type(std::string_view type);

// Reads an actor document. Refused (core::Error, unprocessable, with the reason): not a JSON object (bad_request);
// id or inbox missing or not absolute http(s) URLs; an unsupported type; a publicKey whose owner, or a Multikey
// whose controller, is not the actor id; and every refusal of values.hpp (wrong JSON types, text and lists over
// limits::, non-http(s) URLs in any link kept). Key entries without key material are skipped. Does not fetch
// anything and does not check that the document came from the host of its id: that is the caller's job.
ParsedActor parse_actor(const rapidjson::Value& actor);

}  // namespace gesso::activitypub::as2
