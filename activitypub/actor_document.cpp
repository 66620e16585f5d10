#include "activitypub/actor_document.hpp"

#include "activitypub/signatures/multikey.hpp"
#include "activitypub/vocabulary.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/json.hpp"
#include "core/text.hpp"

namespace gesso::activitypub {

std::string text_to_html(const std::string& text) {
    std::string out;
    std::string paragraph;
    auto flush = [&] {
        if (!paragraph.empty()) out += "<p>" + paragraph + "</p>";
        paragraph.clear();
    };
    // CR is dropped first so that CRLF (what browsers submit from a textarea) splits paragraphs like LF.
    std::string escaped;
    for (char c : core::html_escape(text)) {
        if (c != '\r') escaped += c;
    }
    for (std::size_t i = 0; i < escaped.size(); ++i) {
        if (escaped[i] == '\n') {
            if (i + 1 < escaped.size() && escaped[i + 1] == '\n') {
                flush();
                while (i + 1 < escaped.size() && escaped[i + 1] == '\n') ++i;
            } else {
                paragraph += "<br>";
            }
        } else {
            paragraph += escaped[i];
        }
    }
    flush();
    return out;
}

std::string render_local_actor(const core::Account& a, const std::vector<core::KeyPair>& keys, const NodeUrls& urls,
                               const ActorProfile& profile) {
    const bool instance = a.actor_type == "Application";
    const std::string id = instance ? urls.instance_actor() : urls.actor(a.username);
    core::JsonWriter w;
    w.begin_object();
    write_context(w);
    w.field("id", id);
    w.field("type", a.actor_type);
    w.field("preferredUsername", a.username);
    w.field("name", a.display_name);
    w.field("summary", text_to_html(a.note));
    w.field("url", instance ? a.url : urls.profile(a.username));
    w.field("inbox", instance ? urls.instance_actor() + "/inbox" : urls.inbox(a.username));
    w.field("outbox", instance ? urls.instance_actor() + "/outbox" : urls.outbox(a.username));
    if (!instance) {
        w.field("followers", urls.followers(a.username));
        w.field("following", urls.following(a.username));
        w.field("featured", urls.featured(a.username));
    }
    w.key("endpoints").begin_object().field("sharedInbox", urls.shared_inbox()).end_object();
    w.field("manuallyApprovesFollowers", a.locked);
    w.field("discoverable", a.discoverable);
    w.field("indexable", a.indexable);
    w.field("published", core::format_iso8601_seconds(a.created_at));
    for (const auto& key : keys) {
        if (key.type != core::KeyType::rsa) continue;
        w.key("publicKey").begin_object();
        w.field("id", key.key_id).field("owner", id).field("publicKeyPem", key.public_pem);
        w.end_object();
        break;
    }
    // FEP-521a: the Ed25519 key that signs our object integrity proofs.
    std::vector<std::pair<std::string, std::string>> multikeys;  // key id, publicKeyMultibase
    for (const auto& key : keys) {
        if (key.type != core::KeyType::ed25519) continue;
        try {
            multikeys.emplace_back(key.key_id, ed25519_public_multibase(key.public_pem));
        } catch (const core::Error& e) {
            // A damaged stored key must not take the whole actor down: it is left out (and nothing verifies).
            GESSO_LOG(error) << "cannot publish " << key.key_id << ": " << e.what();
        }
    }
    if (!multikeys.empty()) {
        w.key("assertionMethod").begin_array();
        for (const auto& [key_id, multibase] : multikeys) {
            w.begin_object().field("id", key_id).field("type", "Multikey").field("controller", id);
            w.field("publicKeyMultibase", multibase).end_object();
        }
        w.end_array();
    }
    if (!a.avatar_url.empty()) {
        w.key("icon").begin_object().field("type", "Image").field("url", a.avatar_url).end_object();
    }
    if (!a.header_url.empty()) {
        w.key("image").begin_object().field("type", "Image").field("url", a.header_url).end_object();
    }
    if (!profile.fields.empty()) {
        w.key("attachment").begin_array();
        for (const auto& f : profile.fields) {
            w.begin_object().field("type", "PropertyValue").field("name", f.name).field("value", text_to_html(f.value));
            w.end_object();
        }
        w.end_array();
    }
    if (!profile.also_known_as.empty()) {
        w.key("alsoKnownAs").begin_array();
        for (const auto& alias : profile.also_known_as) w.value(alias);
        w.end_array();
    }
    if (!profile.moved_to.empty()) w.field("movedTo", profile.moved_to);
    if (!profile.x_robots_tag.empty()) w.field("xRobotsTag", profile.x_robots_tag);
    if (!profile.license.empty()) w.field("license", profile.license);
    w.end_object();
    return w.str();
}

}  // namespace gesso::activitypub
