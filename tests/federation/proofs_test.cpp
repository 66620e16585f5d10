// Two real nodes over HTTPS on loopback: Ed25519 keys in actor documents, object integrity proofs
// (FEP-8b32, eddsa-jcs-2022) on every delivered activity and verified by the receiver, a tampered proof
// rejected, a forwarded activity accepted thanks to its proof, and RFC 9421 learned from a peer that signs
// with it and then used towards it.
#include <gtest/gtest.h>

#include <mutex>

#include "activitypub/accounts.hpp"
#include "activitypub/activity_proofs.hpp"
#include "activitypub/federation.hpp"
#include "activitypub/outbox.hpp"
#include "activitypub/remote_actors.hpp"
#include "activitypub/signatures/http_signatures.hpp"
#include "activitypub/signatures/multikey.hpp"
#include "activitypub/signatures/object_proof.hpp"
#include "activitypub/transport.hpp"
#include "activitypub/vocabulary.hpp"
#include "core/json.hpp"
#include "core/json_parse.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "storage/queues.hpp"
#include "storage/statuses.hpp"
#include "support/federation_pair.hpp"

namespace gesso::test {
namespace {

using activitypub::OutgoingRequest;
using storage::Connection;

// Wraps a node's transport and records every request exactly as it leaves, signature headers included.
class RecordingTransport final : public activitypub::Transport {
public:
    explicit RecordingTransport(activitypub::Transport& inner) : inner_(inner) {}

    activitypub::IncomingResponse send(const OutgoingRequest& request) override {
        OutgoingRequest copy = request;
        copy.sign = [this, original = request.sign](OutgoingRequest& r) {
            if (original) original(r);
            std::lock_guard lock(mutex_);
            sent_.push_back(r);
        };
        return inner_.send(copy);
    }

    std::vector<OutgoingRequest> posts_to(const std::string& url) {
        std::lock_guard lock(mutex_);
        std::vector<OutgoingRequest> out;
        for (const auto& r : sent_) {
            if (r.method == "POST" && r.url == url) out.push_back(r);
        }
        return out;
    }

private:
    activitypub::Transport& inner_;
    std::mutex mutex_;
    std::vector<OutgoingRequest> sent_;
};

class Proofs : public ::testing::Test {
protected:
    Proofs() {
        alice = pair.a().create_account("alice");
        carol = pair.a().create_account("carol");
        bob = pair.b().create_account("bob");
        alice_uri = pair.a().base() + "/users/alice";
        carol_uri = pair.a().base() + "/users/carol";
        bob_uri = pair.b().base() + "/users/bob";
        a_recorder = std::make_unique<RecordingTransport>(*pair.a().ctx().transport);
        b_recorder = std::make_unique<RecordingTransport>(*pair.b().ctx().transport);
        pair.a().ctx().transport = a_recorder.get();
        pair.b().ctx().transport = b_recorder.get();
    }

    core::KeyPair key_of(TestNode& node, const core::Account& account, core::KeyType type) {
        auto keys = node.db().read([&](Connection& c) { return storage::find_keys(c, account.id); });
        for (auto& k : keys) {
            if (k.type == type) return k;
        }
        ADD_FAILURE() << account.username << " has no key of that type";
        return {};
    }

    // A POST of `body` to `inbox_url`, HTTP-signed by a's `signer` (cavage, or RFC 9421).
    activitypub::IncomingResponse post_signed(const core::Account& signer, const std::string& inbox_url,
                                              const std::string& body, bool rfc9421 = false) {
        core::KeyPair key = key_of(pair.a(), signer, core::KeyType::rsa);
        OutgoingRequest request;
        request.method = "POST";
        request.url = inbox_url;
        request.body = body;
        request.set_header("Content-Type", "application/activity+json");
        request.sign = [&, key, rfc9421](OutgoingRequest& r) {
            if (rfc9421) {
                activitypub::sign_rfc9421(r, key.key_id, key.private_pem, pair.clock().now());
            } else {
                activitypub::sign_cavage(r, key.key_id, key.private_pem, pair.clock().now());
            }
        };
        return pair.a().client().send(request);
    }

    // A public Create of a Note by `actor`; with_proof() adds `author`'s proof as a's outbox does.
    std::string note_create(const std::string& actor, const std::string& id, const std::string& text) {
        core::JsonWriter w;
        w.begin_object();
        activitypub::write_context(w);
        w.field("id", id + "/activity").field("type", "Create").field("actor", actor);
        w.key("to").begin_array().value(activitypub::kPublic).end_array();
        w.key("object").begin_object().field("id", id).field("type", "Note").field("attributedTo", actor);
        w.field("content", text).key("to").begin_array().value(activitypub::kPublic).end_array().end_object();
        w.end_object();
        return w.str();
    }
    std::string with_proof(const core::Account& author, const std::string& json) {
        return with_proof(pair.a(), author, json);
    }
    std::string with_proof(TestNode& node, const core::Account& author, const std::string& json) {
        return node.db().write(
            [&](Connection& c) { return activitypub::add_activity_proof(node.ctx(), c, author, json); });
    }

    std::optional<core::Status> status_on(TestNode& node, const std::string& uri) {
        return node.db().read([&](Connection& c) { return storage::find_status_by_uri(c, uri); });
    }
    std::optional<core::Account> account_on(TestNode& node, const std::string& uri) {
        return node.db().read([&](Connection& c) { return storage::find_account_by_uri(c, uri); });
    }
    std::int64_t count(TestNode& node, const std::string& sql) {
        return node.db().read([&](Connection& c) {
            auto stmt = c.prepare(sql);
            stmt.step();
            return stmt.int64(0);
        });
    }
    std::string scheme_on(TestNode& node, const std::string& host) {
        auto health = node.db().read([&](Connection& c) { return storage::find_instance(c, host); });
        return health ? health->signature_scheme : std::string("(unknown)");
    }

    FederationPair pair;
    std::unique_ptr<RecordingTransport> a_recorder, b_recorder;
    core::Account alice, carol, bob;
    std::string alice_uri, carol_uri, bob_uri;
};

TEST_F(Proofs, ActorsAndTheInstanceActorServeTheirEd25519Key) {
    core::Account instance = activitypub::ensure_instance_actor(pair.a().ctx());
    for (auto [path, account] :
         {std::pair{std::string("/users/alice"), alice}, std::pair{std::string("/actor"), instance}}) {
        // A GET signed by b's instance actor: a answers only signed fetches (authorized fetch).
        rapidjson::Document doc = activitypub::fetch_document(pair.b().ctx(), pair.a().base() + path);
        ASSERT_TRUE(doc.HasMember("assertionMethod") && doc["assertionMethod"].IsArray()) << path;
        const auto& key = doc["assertionMethod"][0];
        core::KeyPair ed = key_of(pair.a(), account, core::KeyType::ed25519);
        EXPECT_EQ(std::string(key["id"].GetString()), ed.key_id);
        EXPECT_EQ(std::string(key["id"].GetString()), pair.a().base() + path + "#ed25519-key");
        EXPECT_EQ(std::string(key["controller"].GetString()), pair.a().base() + path);
        EXPECT_EQ(activitypub::ed25519_pem_from_multibase(key["publicKeyMultibase"].GetString()), ed.public_pem);
    }
}

TEST_F(Proofs, DeliveredActivitiesCarryAProofTheReceiverVerifies) {
    activitypub::follow_account(pair.b().ctx(), bob, alice_uri);
    pair.pump();
    core::Status post = activitypub::publish_note(pair.a().ctx(), alice, "<p>signed twice</p>");
    pair.pump();
    ASSERT_TRUE(status_on(pair.b(), post.uri)) << "the Create never arrived";

    // What went over the wire: the Create with an eddsa-jcs-2022 proof by alice's Ed25519 key.
    auto posts = a_recorder->posts_to(pair.b().base() + "/inbox");
    std::vector<std::string> creates;
    for (const auto& p : posts) {
        if (p.body.find("\"Create\"") != std::string::npos) creates.push_back(p.body);
    }
    ASSERT_EQ(creates.size(), 1u);
    rapidjson::Document wire = core::parse_json(creates[0]);
    ASSERT_TRUE(wire.HasMember("proof"));
    const auto& proof = wire["proof"];
    EXPECT_STREQ(proof["type"].GetString(), "DataIntegrityProof");
    EXPECT_STREQ(proof["cryptosuite"].GetString(), "eddsa-jcs-2022");
    EXPECT_STREQ(proof["proofPurpose"].GetString(), "assertionMethod");
    EXPECT_EQ(std::string(proof["verificationMethod"].GetString()), alice_uri + "#ed25519-key");
    EXPECT_EQ(std::string(proof["created"].GetString()), core::format_iso8601_seconds(pair.clock().now()));
    // It verifies with alice's public key as a stored it, independently of b.
    core::KeyPair ed = key_of(pair.a(), alice, core::KeyType::ed25519);
    EXPECT_NO_THROW(activitypub::verify_proof(wire, ed.public_pem));

    // b learned the key from alice's actor document (assertionMethod Multikey) and holds it as hers.
    auto stored = pair.b().db().read([&](Connection& c) { return storage::find_key_by_key_id(c, ed.key_id); });
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->type, core::KeyType::ed25519);
    EXPECT_EQ(stored->public_pem, ed.public_pem);
    EXPECT_EQ(stored->account_id, account_on(pair.b(), alice_uri)->id);
    // bob's Follow carried bob's proof too.
    auto follows = b_recorder->posts_to(alice_uri + "/inbox");
    ASSERT_EQ(follows.size(), 1u);
    EXPECT_NE(follows[0].body.find("\"verificationMethod\":\"" + bob_uri + "#ed25519-key\""), std::string::npos)
        << follows[0].body;
}

TEST_F(Proofs, ATamperedProofIsRejectedDespiteAValidHttpSignature) {
    std::string id = alice_uri + "/statuses/1";
    std::string signed_json = with_proof(alice, note_create(alice_uri, id, "<p>original</p>"));
    std::string tampered = signed_json;
    tampered.replace(tampered.find("original"), 8, "replaced");
    EXPECT_EQ(post_signed(alice, pair.b().base() + "/inbox", tampered).status, 401);
    EXPECT_EQ(count(pair.b(), "SELECT count(*) FROM inbox_jobs"), 0);
    EXPECT_EQ(count(pair.b(), "SELECT count(*) FROM seen_activities"), 0);

    // A proof signed by another key than its verificationMethod names: carol's proof relabelled as alice's.
    std::string relabelled = with_proof(carol, note_create(alice_uri, id, "<p>original</p>"));
    relabelled.replace(relabelled.find(carol_uri + "#ed25519-key"), carol_uri.size(), alice_uri);
    EXPECT_EQ(post_signed(alice, pair.b().base() + "/inbox", relabelled).status, 401);
    pair.pump();
    EXPECT_FALSE(status_on(pair.b(), id));

    // The untouched document goes through: the rejections were the proof's.
    EXPECT_EQ(post_signed(alice, pair.b().base() + "/inbox", signed_json).status, 202);
    pair.pump();
    auto copy = status_on(pair.b(), id);
    ASSERT_TRUE(copy);
    EXPECT_EQ(copy->content, "<p>original</p>");
}

TEST_F(Proofs, AForwardedActivityIsAcceptedThanksToItsProof) {
    // carol's server forwards alice's post: the HTTP signature is carol's, the proof alice's.
    std::string id = alice_uri + "/statuses/2";
    std::string bare = note_create(alice_uri, id, "<p>passed along</p>");
    EXPECT_EQ(post_signed(carol, pair.b().base() + "/inbox", bare).status, 401) << "without a proof: spoofing";
    EXPECT_EQ(post_signed(carol, pair.b().base() + "/inbox", with_proof(alice, bare)).status, 202);
    pair.pump();
    auto copy = status_on(pair.b(), id);
    ASSERT_TRUE(copy) << "the forwarded Create was not applied";
    EXPECT_EQ(copy->account_id, account_on(pair.b(), alice_uri)->id) << "attributed to the proof's actor";

    // A proof cannot make carol speak for alice: the key must be the activity actor's own.
    std::string claimed = with_proof(carol, note_create(alice_uri, alice_uri + "/statuses/3", "<p>not alice</p>"));
    EXPECT_EQ(post_signed(carol, pair.b().base() + "/inbox", claimed).status, 401);
    pair.pump();
    EXPECT_FALSE(status_on(pair.b(), alice_uri + "/statuses/3"));
}

TEST_F(Proofs, OurOwnActivitiesAreNotTakenBackFromAnotherServer) {
    // b's own signed activity, replayed to b by a (it received it legitimately): refused, nothing stored.
    std::string id = bob_uri + "/statuses/7";
    std::string bobs = with_proof(pair.b(), bob, note_create(bob_uri, id, "<p>mine</p>"));
    EXPECT_EQ(post_signed(alice, pair.b().base() + "/inbox", bobs).status, 401);
    EXPECT_EQ(count(pair.b(), "SELECT count(*) FROM inbox_jobs"), 0);
    EXPECT_EQ(count(pair.b(), "SELECT count(*) FROM seen_activities"), 0);
}

TEST_F(Proofs, Rfc9421IsLearnedFromAPeerAndUsedTowardsIt) {
    std::string a_host = pair.a().domain();
    EXPECT_NE(scheme_on(pair.b(), a_host), "rfc9421");
    // alice's Follow reaches b signed with RFC 9421 (as a Fedify 1.6+ server would send it).
    core::JsonWriter w;
    w.begin_object();
    activitypub::write_context(w);
    w.field("id", alice_uri + "#follows/1").field("type", "Follow").field("actor", alice_uri).field("object", bob_uri);
    w.end_object();
    EXPECT_EQ(post_signed(alice, bob_uri + "/inbox", w.str(), /*rfc9421=*/true).status, 202);
    EXPECT_EQ(scheme_on(pair.b(), a_host), "rfc9421");
    pair.pump();

    // b's Accept went to a with an RFC 9421 signature first, and a took it.
    auto accepts = b_recorder->posts_to(alice_uri + "/inbox");
    ASSERT_EQ(accepts.size(), 1u) << "one knock was enough";
    EXPECT_TRUE(accepts[0].header("Signature-Input").has_value());
    EXPECT_NE(accepts[0].header("Signature-Input")->find("keyid=\"" + bob_uri + "#main-key\""), std::string::npos);
    EXPECT_TRUE(accepts[0].header("Content-Digest").has_value());
    EXPECT_EQ(scheme_on(pair.b(), a_host), "rfc9421");
    EXPECT_EQ(count(pair.b(), "SELECT count(*) FROM deliveries"), 0) << "the delivery is done";
    EXPECT_EQ(count(pair.a(), "SELECT count(*) FROM seen_activities"), 1) << "a accepted the Accept";
    // And a, having received RFC 9421 from b, now answers b with it as well.
    EXPECT_EQ(scheme_on(pair.a(), pair.b().domain()), "rfc9421");
}

TEST_F(Proofs, WithoutLearningDeliveriesSignWithCavage) {
    activitypub::follow_account(pair.b().ctx(), bob, alice_uri);
    pair.pump();
    auto follows = b_recorder->posts_to(alice_uri + "/inbox");
    ASSERT_EQ(follows.size(), 1u);
    EXPECT_FALSE(follows[0].header("Signature-Input").has_value());
    EXPECT_TRUE(follows[0].header("Signature").has_value());
    EXPECT_EQ(scheme_on(pair.b(), pair.a().domain()), "cavage");
}

}  // namespace
}  // namespace gesso::test
