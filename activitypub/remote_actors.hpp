#pragma once
// Remote actors: dereferencing with GETs signed by the instance actor, caching in the accounts table,
// public keys for signature verification, WebFinger resolution of user@host handles.
#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "activitypub/as2/actor.hpp"
#include "activitypub/context.hpp"
#include "core/model.hpp"

namespace gesso::activitypub {

// GETs `url` as ActivityStreams, signed by the instance actor. Throws core::Error: unavailable when the peer
// cannot be reached or answers 5xx, not_found for 404/410, forbidden/unauthorized when it refuses us,
// unprocessable when the answer is not an AS2 JSON document. `final_url` receives the URL after redirects.
rapidjson::Document fetch_document(Context& ctx, const std::string& url, std::string* final_url = nullptr);

// Stores (inserts or updates) a remote actor and its public keys. `fetched_from` is where the document came
// from: its host must be the actor's host. Throws core::Error(unprocessable) when it is not.
core::Account store_remote_actor(Context& ctx, const as2::ParsedActor& actor, const std::string& fetched_from);

enum class FetchMode { cached, refresh };
// The remote actor `uri`, from the cache when fresh enough (or `mode` is cached and it was fetched at all
// within actor_cache_ttl), else fetched. Local URIs are answered from the database.
core::Account remote_actor(Context& ctx, const std::string& uri, FetchMode mode = FetchMode::cached);

struct VerificationKey {
    std::string public_pem;
    core::Account owner;
};
// The public key `key_id` and its owner, fetching the owner when the key is unknown (or `mode` is refresh).
// Throws core::Error(unauthorized) when no such key can be found.
VerificationKey verification_key(Context& ctx, const std::string& key_id, FetchMode mode = FetchMode::cached);

// "user@host" or "@user@host" -> the actor, by WebFinger then fetch. Throws core::Error(not_found) if unknown.
core::Account resolve_handle(Context& ctx, std::string_view handle);

// OStatus' remote-follow link relation, as Mastodon advertises it in WebFinger.
inline constexpr std::string_view kSubscribeRel = "http://ostatus.org/schema/1.0/subscribe";
// The remote-interaction URL template ("https://host/authorize_interaction?uri={uri}") the server of "user@host"
// advertises in WebFinger. Throws core::Error: bad_request (malformed handle), not_found (no such account, or no
// template), unavailable (server unreachable or failing), unprocessable (not a JRD).
std::string remote_subscribe_template(Context& ctx, std::string_view handle);

// The host[:port] of an absolute URL, lower-case ("" if it is not one).
std::string url_authority(std::string_view url);

}  // namespace gesso::activitypub
