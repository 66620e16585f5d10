#pragma once
// Account -> ActivityStreams actor document (Person for people, Application for the instance actor).
#include <string>
#include <vector>

#include "activitypub/urls.hpp"
#include "core/model.hpp"

namespace gesso::activitypub {

// Profile extras of a local actor: fields (PropertyValue attachments), aliases, and where it moved.
struct ActorProfile {
    std::vector<core::ProfileField> fields;  // values are plain text, rendered as escaped HTML
    std::vector<std::string> also_known_as;
    std::string moved_to;  // the new actor's id; empty when it has not moved
    std::string x_robots_tag;  // FEP-5e53, from the owner's protection settings; empty: not sent
    std::string license;       // the owner's default licence URL; empty (all rights reserved): not sent
};

// The AS2 JSON of a local account. `keys` are the account's keys (the RSA one is published as publicKey).
std::string render_local_actor(const core::Account& account, const std::vector<core::KeyPair>& keys,
                               const NodeUrls& urls, const ActorProfile& profile = {});

// Plain text -> the HTML ActivityPub peers expect in `summary`: escaped, paragraphs and line breaks.
std::string text_to_html(const std::string& text);

}  // namespace gesso::activitypub
