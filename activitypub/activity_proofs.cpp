#include "activitypub/activity_proofs.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "activitypub/assertion_keys.hpp"
#include "activitypub/remote_actors.hpp"
#include "activitypub/signatures/object_proof.hpp"
#include "activitypub/signatures/signing_keys.hpp"
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "core/limits.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;

namespace {

[[noreturn]] void rejected(const std::string& why) {
    throw Error(Errc::unauthorized, "object integrity proof rejected: " + why);
}

// The key must be the actor's own Ed25519 key.
void check_key(const VerificationKey& key, const std::string& method, const std::string& actor_uri) {
    if (key.owner.uri != actor_uri) rejected("the key " + method + " belongs to " + key.owner.uri + ", not the actor");
    if (public_key_type(key.public_pem) != KeyType::ed25519) rejected("the key " + method + " is not an Ed25519 key");
}

// verify_proof(), with a malformed proof reported as unauthorized too: any proof that does not verify rejects.
void check_proof(Context& ctx, const rapidjson::Value& activity, const std::string& public_pem) {
    try {
        verify_proof(activity, public_pem, ctx.clock.now(), ctx.settings.signature_max_skew);
    } catch (const Error& e) {
        if (e.code() == Errc::bad_request) throw Error(Errc::unauthorized, e.what());
        throw;
    }
}

}  // namespace

std::string add_activity_proof(Context& ctx, storage::Connection& conn, const core::Account& author,
                               const std::string& activity_json) {
    core::KeyPair key = ensure_ed25519_key(ctx, conn, author);
    rapidjson::Document doc;
    try {
        // Our own documents: the outbound size limit, full-precision numbers (what JCS needs).
        doc = core::parse_json(activity_json, core::limits::kMaxJsonDepth, core::limits::kMaxFetchBytes);
    } catch (const Error& e) {
        throw Error(Errc::internal, "internal error", std::string("unsigned activity is not JSON: ") + e.what());
    }
    add_proof(doc, key.key_id, key.private_pem, ctx.clock.now());
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    doc.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
}

bool has_proof(const rapidjson::Value& activity) { return activity.IsObject() && activity.HasMember("proof"); }

core::Account verify_activity_proof(Context& ctx, const rapidjson::Value& activity, const std::string& actor_uri) {
    std::string method;
    try {
        method = proof_verification_method(activity);
    } catch (const Error& e) {
        throw Error(Errc::unauthorized, e.what());
    }
    std::string actor_host = url_authority(actor_uri);
    if (actor_host.empty() || url_authority(method) != actor_host) {
        rejected("the verificationMethod " + method + " is not on the server of the actor " + actor_uri);
    }
    VerificationKey key = verification_key(ctx, method, FetchMode::cached);
    check_key(key, method, actor_uri);
    try {
        check_proof(ctx, activity, key.public_pem);
    } catch (const Error&) {
        // The actor may have rotated its key since we cached it: fetch once more, then decide.
        key = verification_key(ctx, method, FetchMode::refresh);
        check_key(key, method, actor_uri);
        check_proof(ctx, activity, key.public_pem);
    }
    return key.owner;
}

}  // namespace gesso::activitypub
