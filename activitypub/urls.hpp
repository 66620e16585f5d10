#pragma once
// Where a node's ActivityPub documents live. Local accounts' URLs are derived here, never stored.
#include <string>
#include <string_view>

namespace gesso::activitypub {

struct NodeUrls {
    std::string scheme = "https";  // "http" only with insecure_http (development and tests)
    std::string domain;            // host or host:port, exactly as it appears in ids

    std::string base() const { return scheme + "://" + domain; }
    std::string actor(std::string_view username) const { return base() + "/users/" + std::string(username); }
    std::string rsa_key_id(std::string_view username) const { return actor(username) + "#main-key"; }
    std::string ed25519_key_id(std::string_view username) const { return actor(username) + "#ed25519-key"; }
    std::string inbox(std::string_view username) const { return actor(username) + "/inbox"; }
    std::string outbox(std::string_view username) const { return actor(username) + "/outbox"; }
    std::string followers(std::string_view username) const { return actor(username) + "/followers"; }
    std::string following(std::string_view username) const { return actor(username) + "/following"; }
    std::string featured(std::string_view username) const { return actor(username) + "/collections/featured"; }
    std::string profile(std::string_view username) const { return base() + "/@" + std::string(username); }
    std::string shared_inbox() const { return base() + "/inbox"; }
    std::string instance_actor() const { return base() + "/actor"; }
    std::string instance_key_id() const { return instance_actor() + "#main-key"; }
    // The host without a port: the instance actor's preferredUsername.
    std::string host() const;
};

}  // namespace gesso::activitypub
