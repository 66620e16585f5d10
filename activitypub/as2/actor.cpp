#include "activitypub/as2/actor.hpp"

#include "activitypub/as2/limits.hpp"
#include "activitypub/as2/rights.hpp"
#include "activitypub/as2/values.hpp"
#include "core/error.hpp"

namespace gesso::activitypub::as2 {

namespace {

void read_public_key(const rapidjson::Value& key, const std::string& actor_id, std::string_view what,
                     std::vector<PublicKey>& out) {
    if (!key.IsObject()) return;  // a bare key id carries no key material
    std::string pem = read_text(key, "publicKeyPem", limits::kMaxPublicKeyPemBytes, path(what, "publicKeyPem"));
    if (pem.empty()) return;
    std::string id = require_id(key, "id", path(what, "id"));
    std::string owner = read_id(key, "owner", path(what, "owner"));
    if (owner.empty()) owner = actor_id;
    if (owner != actor_id) {
        refuse(path(what, "owner") + " " + excerpt(owner) + " is not the actor id " + excerpt(actor_id) +
               ": a document may only carry its own keys");
    }
    if (out.size() >= limits::kMaxPublicKeys) {
        refuse("actor has more than " + std::to_string(limits::kMaxPublicKeys) + " public keys");
    }
    out.push_back({std::move(id), std::move(owner), std::move(pem)});
}

void read_multikey(const rapidjson::Value& entry, const std::string& actor_id, std::string_view what,
                   std::vector<Multikey>& out) {
    if (!entry.IsObject() || read_type(entry, what) != "Multikey") return;
    std::string multibase =
        read_text(entry, "publicKeyMultibase", limits::kMaxMultibaseBytes, path(what, "publicKeyMultibase"));
    if (multibase.empty()) return;
    std::string id = require_id(entry, "id", path(what, "id"));
    std::string controller = read_id(entry, "controller", path(what, "controller"));
    if (controller.empty()) controller = actor_id;
    if (controller != actor_id) {
        refuse(path(what, "controller") + " " + excerpt(controller) + " is not the actor id " + excerpt(actor_id) +
               ": a document may only carry its own keys");
    }
    if (out.size() >= limits::kMaxAssertionMethods) {
        refuse("actor has more than " + std::to_string(limits::kMaxAssertionMethods) + " assertion methods");
    }
    out.push_back({std::move(id), std::move(controller), std::move(multibase)});
}

// Calls `each(item, what)` for a value that may be one item or an array of items.
template <class F>
void for_each_item(const rapidjson::Value* v, std::string_view what, F&& each) {
    if (!v) return;
    if (!v->IsArray()) {
        each(*v, std::string(what));
        return;
    }
    for (rapidjson::SizeType i = 0; i < v->Size(); ++i) each((*v)[i], path(what, i));
}

std::vector<PropertyValue> read_fields(const rapidjson::Value& actor) {
    std::vector<PropertyValue> out;
    for_each_item(find(actor, "attachment"), "actor.attachment", [&](const rapidjson::Value& item, std::string w) {
        if (out.size() >= limits::kMaxProfileFields) return;  // truncated on purpose, see limits.hpp
        if (!item.IsObject() || read_type(item, w) != "PropertyValue") return;
        PropertyValue field;
        field.name = read_text(item, "name", limits::kMaxFieldNameBytes, path(w, "name"));
        field.value = read_text(item, "value", limits::kMaxFieldValueBytes, path(w, "value"));
        if (!field.name.empty() || !field.value.empty()) out.push_back(std::move(field));
    });
    return out;
}

}  // namespace

const PublicKey* ParsedActor::find_key(std::string_view key_id) const {
    for (const auto& key : public_keys) {
        if (key.id == key_id) return &key;
    }
    return nullptr;
}

bool is_actor_type(std::string_view type) {
    return type == "Person" || type == "Service" || type == "Application" || type == "Group" || type == "Organization";
}

ParsedActor parse_actor(const rapidjson::Value& actor) {
    if (!actor.IsObject()) throw core::Error(core::Errc::bad_request, "actor document is not a JSON object");
    ParsedActor a;
    a.id = require_id(actor, "id", "actor.id");
    a.type = read_type(actor, "actor");
    if (!is_actor_type(a.type)) {
        refuse("actor.type " + excerpt(a.type) + " is not Person, Service, Application, Group or Organization");
    }
    a.inbox = require_id(actor, "inbox", "actor.inbox");
    a.outbox = read_id(actor, "outbox", "actor.outbox");
    a.followers = read_id(actor, "followers", "actor.followers");
    a.following = read_id(actor, "following", "actor.following");
    a.featured = read_id(actor, "featured", "actor.featured");
    if (const auto* endpoints = find(actor, "endpoints"); endpoints && endpoints->IsObject()) {
        a.shared_inbox = read_id(*endpoints, "sharedInbox", "actor.endpoints.sharedInbox");
    }
    if (a.shared_inbox.empty()) a.shared_inbox = read_id(actor, "sharedInbox", "actor.sharedInbox");

    a.preferred_username = read_text(actor, "preferredUsername", limits::kMaxUsernameBytes, "actor.preferredUsername");
    a.name = read_text(actor, "name", limits::kMaxDisplayNameBytes, "actor.name");
    a.summary = read_text(actor, "summary", limits::kMaxActorSummaryBytes, "actor.summary");
    a.url = read_link(actor, "url", "actor.url");
    a.manually_approves_followers =
        read_bool(actor, "manuallyApprovesFollowers", false, "actor.manuallyApprovesFollowers");
    a.discoverable = read_bool(actor, "discoverable", false, "actor.discoverable");
    a.indexable = read_bool(actor, "indexable", false, "actor.indexable");
    a.published = read_time(actor, "published", "actor.published");
    a.icon_url = read_image_url(actor, "icon", "actor.icon");
    a.image_url = read_image_url(actor, "image", "actor.image");
    a.fields = read_fields(actor);

    for_each_item(find(actor, "publicKey"), "actor.publicKey",
                  [&](const rapidjson::Value& key, std::string w) { read_public_key(key, a.id, w, a.public_keys); });
    for_each_item(
        find(actor, "assertionMethod"), "actor.assertionMethod",
        [&](const rapidjson::Value& entry, std::string w) { read_multikey(entry, a.id, w, a.assertion_methods); });

    a.also_known_as = read_id_list(actor, "alsoKnownAs", limits::kMaxAliases, "actor.alsoKnownAs");
    a.moved_to = read_id(actor, "movedTo", "actor.movedTo");
    a.emojis = read_tags(actor, "actor.tag").emojis;
    a.x_robots_tag = read_x_robots_tag(actor, "actor.xRobotsTag");
    a.license = read_license(actor, "actor.license");
    return a;
}

}  // namespace gesso::activitypub::as2
