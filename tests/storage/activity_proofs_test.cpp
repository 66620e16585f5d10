// activitypub/assertion_keys and activitypub/activity_proofs against a real database: Ed25519 keys for local
// accounts (created lazily, backfilled for old accounts), proofs added to outgoing activities, and the rules
// for incoming proofs (the key must be the actor's own Ed25519 key on the actor's host; unknown keys are
// fetched with their actor; a stale cached key is refreshed once). Remote actors are served by a fake transport.
#include "activitypub/activity_proofs.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <map>

#include "activitypub/accounts.hpp"
#include "activitypub/assertion_keys.hpp"
#include "activitypub/context.hpp"
#include "activitypub/keys.hpp"
#include "activitypub/signatures/multikey.hpp"
#include "activitypub/signatures/object_proof.hpp"
#include "activitypub/transport.hpp"
#include "core/json_parse.hpp"
#include "storage_fixture.hpp"
#include "support/expect_error.hpp"

namespace gesso::test {
namespace {

using core::Errc;
using storage::Connection;

class PinnedClock final : public core::Clock {
public:
    core::TimePoint now() const override { return fixed_now(); }
};

// Serves actor documents by URL and counts the requests.
class FakeTransport final : public activitypub::Transport {
public:
    activitypub::IncomingResponse send(const activitypub::OutgoingRequest& request) override {
        ++requests;
        auto it = documents.find(request.url);
        if (it == documents.end()) return {404, {}, "", request.url};
        return {200, {{"Content-Type", "application/activity+json"}}, it->second, request.url};
    }
    std::map<std::string, std::string> documents;
    int requests = 0;
};

constexpr const char* kZed = "https://far.example/users/zed";
constexpr const char* kYan = "https://far.example/users/yan";

std::string actor_document(const std::string& id, const std::string& key_id, const std::string& ed_public_pem) {
    return R"({"@context":["https://www.w3.org/ns/activitystreams","https://w3id.org/security/multikey/v1"],"id":")" +
           id + R"(","type":"Person","inbox":")" + id + R"(/inbox","assertionMethod":[{"id":")" + key_id +
           R"(","type":"Multikey","controller":")" + id + R"(","publicKeyMultibase":")" +
           activitypub::ed25519_public_multibase(ed_public_pem) + R"("}]})";
}

std::string create_by(const std::string& actor, const std::string& text) {
    return R"({"@context":"https://www.w3.org/ns/activitystreams","id":")" + actor +
           R"(/statuses/1/activity","type":"Create","actor":")" + actor + R"(","object":{"id":")" + actor +
           R"(/statuses/1","type":"Note","attributedTo":")" + actor + R"(","content":")" + text + R"("}})";
}

class ActivityProofs : public MigratedDatabase {
protected:
    ActivityProofs() { ctx.transport = &transport; }

    // An activity by `actor` with a proof made with `private_pem`, announced as key `key_id`.
    rapidjson::Document signed_by(const std::string& actor, const std::string& key_id, const std::string& private_pem,
                                  const std::string& text = "hello") {
        rapidjson::Document doc = core::parse_json(create_by(actor, text));
        activitypub::add_proof(doc, key_id, private_pem, fixed_now());
        return doc;
    }

    // Stores the remote actor `uri` with the Ed25519 public key `key_id` (as a fetch of its document would).
    void store_remote(const std::string& uri, const std::string& key_id, const std::string& public_pem) {
        core::Account a = remote_account(uri.substr(uri.rfind('/') + 1), "far.example");
        a.uri = uri;
        db.write([&](Connection& c) {
            core::Account stored = storage::upsert_remote_account(c, a, fixed_now());
            storage::upsert_public_key(c, {next_id(), stored.id, core::KeyType::ed25519, key_id, public_pem, ""});
        });
    }

    core::Account verify(const rapidjson::Value& activity, const std::string& actor) {
        return activitypub::verify_activity_proof(ctx, activity, actor);
    }

    PinnedClock clock;
    FakeTransport transport;
    activitypub::Context ctx{db, ids, clock, activitypub::NodeUrls{"https", "art.example"},
                             activitypub::NodeSettings{}};
    activitypub::PemKeyPair zed_key = activitypub::generate_ed25519_key();
    std::string zed_key_id = std::string(kZed) + "#ed25519-key";
};

TEST_F(ActivityProofs, BackfillGivesOldLocalAccountsAnEd25519KeyOnce) {
    core::Account old = local_account("old");
    core::Account remote = remote_account("zed", "far.example");
    activitypub::PemKeyPair rsa = activitypub::generate_rsa_key();
    db.write([&](Connection& c) {
        storage::insert_account(c, old);
        storage::insert_key(
            c, {next_id(), old.id, core::KeyType::rsa, old.uri + "#main-key", rsa.public_pem, rsa.private_pem});
        storage::insert_account(c, remote);
    });
    core::Account instance = activitypub::ensure_instance_actor(ctx);  // has both keys already

    EXPECT_EQ(activitypub::backfill_ed25519_keys(ctx), 1);
    EXPECT_EQ(activitypub::backfill_ed25519_keys(ctx), 0);
    auto keys = db.read([&](Connection& c) { return storage::find_keys(c, old.id); });
    ASSERT_EQ(keys.size(), 2u);
    EXPECT_EQ(keys[1].type, core::KeyType::ed25519);
    EXPECT_EQ(keys[1].key_id, "https://art.example/users/old#ed25519-key");
    EXPECT_FALSE(keys[1].private_pem.empty());
    EXPECT_NO_THROW(activitypub::ed25519_public_multibase(keys[1].public_pem));
    EXPECT_TRUE(db.read([&](Connection& c) { return storage::find_keys(c, remote.id); }).empty());
    auto instance_keys = db.read([&](Connection& c) { return storage::find_keys(c, instance.id); });
    ASSERT_EQ(instance_keys.size(), 2u);
    EXPECT_EQ(instance_keys[1].key_id, "https://art.example/actor#ed25519-key");
}

TEST_F(ActivityProofs, OutgoingActivitiesGetAProofThatVerifiesAndChangesNothingElse) {
    core::Account alice = local_account("alice");  // an account from before Ed25519 keys: none yet
    alice.uri = ctx.urls.actor("alice");
    db.write([&](Connection& c) { storage::insert_account(c, alice); });
    std::string unsigned_json = create_by(alice.uri, "caf\\u00e9 \\ud83c\\udfa8 1.5e300");
    std::string json =
        db.write([&](Connection& c) { return activitypub::add_activity_proof(ctx, c, alice, unsigned_json); });

    rapidjson::Document signed_doc = core::parse_json(json);
    ASSERT_TRUE(signed_doc.HasMember("proof"));
    EXPECT_EQ(std::string(signed_doc["proof"]["verificationMethod"].GetString()), alice.uri + "#ed25519-key");
    EXPECT_STREQ(signed_doc["proof"]["created"].GetString(), "2024-02-29T12:00:00Z");
    rapidjson::Document without = core::parse_json(json);
    without.RemoveMember("proof");
    EXPECT_TRUE(without == core::parse_json(unsigned_json)) << json;

    // The key was created on the way and is alice's: the proof verifies as hers, and no one else's.
    auto key = db.read([&](Connection& c) { return storage::find_key_by_key_id(c, alice.uri + "#ed25519-key"); });
    ASSERT_TRUE(key);
    EXPECT_EQ(key->account_id, alice.id);
    EXPECT_EQ(verify(signed_doc, alice.uri).id, alice.id);
    EXPECT_EQ(error_code([&] { verify(signed_doc, ctx.urls.actor("bob")); }), Errc::unauthorized);
    // A second activity reuses the key.
    db.write([&](Connection& c) { activitypub::add_activity_proof(ctx, c, alice, create_by(alice.uri, "again")); });
    EXPECT_EQ(db.read([&](Connection& c) { return storage::find_keys(c, alice.id); }).size(), 1u);
    EXPECT_EQ(
        error_code([&] { db.write([&](Connection& c) { activitypub::add_activity_proof(ctx, c, alice, json); }); }),
        Errc::internal)
        << "an activity is signed once";
}

TEST_F(ActivityProofs, AProofByTheActorsKnownKeyVerifiesWithoutFetching) {
    store_remote(kZed, zed_key_id, zed_key.public_pem);
    EXPECT_EQ(verify(signed_by(kZed, zed_key_id, zed_key.private_pem), kZed).uri, kZed);
    EXPECT_EQ(transport.requests, 0);
}

TEST_F(ActivityProofs, ProofsThatDoNotVerifyAreUnauthorized) {
    store_remote(kZed, zed_key_id, zed_key.public_pem);
    activitypub::PemKeyPair yan_key = activitypub::generate_ed25519_key();
    std::string yan_key_id = std::string(kYan) + "#ed25519-key";
    store_remote(kYan, yan_key_id, yan_key.public_pem);
    transport.documents[kZed] = actor_document(kZed, zed_key_id, zed_key.public_pem);
    auto unauthorized = [&](const rapidjson::Value& doc, const std::string& actor) {
        auto [code, message] = failure([&] { verify(doc, actor); });
        EXPECT_EQ(code, Errc::unauthorized) << message;
        return message;
    };

    // Tampered after signing.
    auto tampered = signed_by(kZed, zed_key_id, zed_key.private_pem);
    tampered["object"]["content"].SetString("changed");
    unauthorized(tampered, kZed);
    // Signed with another key than the one named.
    unauthorized(signed_by(kZed, zed_key_id, activitypub::generate_ed25519_key().private_pem), kZed);
    // yan's own valid proof on an activity claiming to be zed's.
    auto borrowed = signed_by(kZed, yan_key_id, yan_key.private_pem);
    EXPECT_NE(unauthorized(borrowed, kZed).find("belongs to"), std::string::npos);
    // A key on another host than the actor's.
    auto elsewhere = signed_by(kZed, "https://other.example/keys/zed", zed_key.private_pem);
    EXPECT_NE(unauthorized(elsewhere, kZed).find("not on the server of the actor"), std::string::npos);
    // Malformed proof value: rejected the same way (401), not a 400 that a sender might retry differently.
    auto malformed = signed_by(kZed, zed_key_id, zed_key.private_pem);
    malformed["proof"]["proofValue"].SetString("not-base58");
    unauthorized(malformed, kZed);
    // Wrong proof purpose.
    auto purpose = signed_by(kZed, zed_key_id, zed_key.private_pem);
    purpose["proof"]["proofPurpose"].SetString("authentication");
    unauthorized(purpose, kZed);
}

TEST_F(ActivityProofs, AnRsaKeyIsNotAProofKey) {
    activitypub::PemKeyPair rsa = activitypub::generate_rsa_key();
    std::string rsa_key_id = std::string(kZed) + "#main-key";
    core::Account zed = remote_account("zed", "far.example");
    db.write([&](Connection& c) {
        core::Account stored = storage::upsert_remote_account(c, zed, fixed_now());
        storage::upsert_public_key(c, {next_id(), stored.id, core::KeyType::rsa, rsa_key_id, rsa.public_pem, ""});
    });
    auto [code, message] = failure([&] { verify(signed_by(kZed, rsa_key_id, zed_key.private_pem), kZed); });
    EXPECT_EQ(code, Errc::unauthorized);
    EXPECT_NE(message.find("not an Ed25519 key"), std::string::npos) << message;
}

TEST_F(ActivityProofs, AnUnknownKeyIsFetchedWithItsActor) {
    transport.documents[kZed] = actor_document(kZed, zed_key_id, zed_key.public_pem);
    EXPECT_EQ(verify(signed_by(kZed, zed_key_id, zed_key.private_pem), kZed).uri, kZed);
    EXPECT_EQ(transport.requests, 1);
    auto stored = db.read([&](Connection& c) { return storage::find_key_by_key_id(c, zed_key_id); });
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->type, core::KeyType::ed25519);
    EXPECT_EQ(stored->public_pem, zed_key.public_pem);
}

TEST_F(ActivityProofs, AnUnreachableKeyIsUnauthorized) {
    EXPECT_EQ(error_code([&] { verify(signed_by(kZed, zed_key_id, zed_key.private_pem), kZed); }), Errc::unauthorized);
}

TEST_F(ActivityProofs, ARotatedKeyIsRefetchedOnce) {
    store_remote(kZed, zed_key_id, activitypub::generate_ed25519_key().public_pem);  // the old key, cached
    transport.documents[kZed] = actor_document(kZed, zed_key_id, zed_key.public_pem);
    EXPECT_EQ(verify(signed_by(kZed, zed_key_id, zed_key.private_pem), kZed).uri, kZed);
    EXPECT_EQ(transport.requests, 1);
    // The refreshed key is kept: the next proof needs no fetch.
    EXPECT_NO_THROW(verify(signed_by(kZed, zed_key_id, zed_key.private_pem, "second"), kZed));
    EXPECT_EQ(transport.requests, 1);
}

}  // namespace
}  // namespace gesso::test
