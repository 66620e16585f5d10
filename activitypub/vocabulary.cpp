#include "activitypub/vocabulary.hpp"

namespace gesso::activitypub {

void write_context(core::JsonWriter& w) {
    w.key("@context").begin_array();
    w.value(kActivityStreamsContext).value(kSecurityContext).value(kDataIntegrityContext).value(kMultikeyContext);
    w.begin_object();
    // Not in the preloaded contexts above (did/v1 defines it, and not every peer preloads that).
    w.key("assertionMethod").begin_object();
    w.field("@id", "https://w3id.org/security#assertionMethod").field("@type", "@id").field("@container", "@set");
    w.end_object();
    w.field("manuallyApprovesFollowers", "as:manuallyApprovesFollowers");
    w.field("sensitive", "as:sensitive");
    w.field("toot", "http://joinmastodon.org/ns#");
    w.field("discoverable", "toot:discoverable");
    w.field("indexable", "toot:indexable");
    w.key("featured").begin_object().field("@id", "toot:featured").field("@type", "@id").end_object();
    w.key("alsoKnownAs").begin_object().field("@id", "as:alsoKnownAs").field("@type", "@id").end_object();
    w.key("movedTo").begin_object().field("@id", "as:movedTo").field("@type", "@id").end_object();
    w.field("Hashtag", "as:Hashtag");
    w.field("Emoji", "toot:Emoji");
    w.field("blurhash", "toot:blurhash");
    w.key("focalPoint").begin_object().field("@container", "@list").field("@id", "toot:focalPoint").end_object();
    w.field("votersCount", "toot:votersCount");
    w.field("schema", "http://schema.org#");
    w.field("PropertyValue", "schema:PropertyValue");
    w.field("value", "schema:value");
    // Consent that travels (docs/FEDERATION.md): schema.org's licence link and FEP-5e53's robots directives.
    w.key("license").begin_object().field("@id", "schema:license").field("@type", "@id").end_object();
    w.field("xRobotsTag", "https://w3id.org/fep/5e53#xRobotsTag");
    w.end_object();
    w.end_array();
}

bool is_public_address(std::string_view address) {
    return address == kPublic || address == "as:Public" || address == "Public";
}

}  // namespace gesso::activitypub
