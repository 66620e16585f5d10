// activitypub/actor_document + vocabulary: local actors advertise their Ed25519 key as an `assertionMethod`
// Multikey (FEP-521a) beside the RSA publicKey, under a context that defines the terms, and the key published
// is the one that verifies the account's object integrity proofs.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "activitypub/actor_document.hpp"
#include "activitypub/keys.hpp"
#include "activitypub/signatures/multikey.hpp"
#include "activitypub/signatures/signing_keys.hpp"
#include "activitypub/vocabulary.hpp"
#include "support/json.hpp"

namespace gesso::activitypub {
namespace {

using test::parse_document;

class ActorAssertionMethod : public ::testing::Test {
protected:
    ActorAssertionMethod() {
        alice.username = "alice";
        alice.uri = urls.actor("alice");
        static const PemKeyPair rsa_pem = generate_rsa_key();  // RSA generation is slow: once for the suite
        ed_pem = generate_ed25519_key();
        keys = {{11, 1, core::KeyType::rsa, urls.rsa_key_id("alice"), rsa_pem.public_pem, rsa_pem.private_pem},
                {10, 1, core::KeyType::ed25519, urls.ed25519_key_id("alice"), ed_pem.public_pem, ed_pem.private_pem}};
    }

    NodeUrls urls{"https", "art.example"};
    core::Account alice;
    PemKeyPair ed_pem;
    std::vector<core::KeyPair> keys;
};

TEST_F(ActorAssertionMethod, TheEd25519KeyIsAMultikeyControlledByTheActor) {
    std::string json = render_local_actor(alice, keys, urls);
    auto doc = parse_document(json);
    ASSERT_TRUE(doc.HasMember("assertionMethod") && doc["assertionMethod"].IsArray());
    ASSERT_EQ(doc["assertionMethod"].Size(), 1u);
    const auto& key = doc["assertionMethod"][0];
    EXPECT_STREQ(key["id"].GetString(), "https://art.example/users/alice#ed25519-key");
    EXPECT_STREQ(key["type"].GetString(), "Multikey");
    EXPECT_STREQ(key["controller"].GetString(), "https://art.example/users/alice");
    std::string multibase = key["publicKeyMultibase"].GetString();
    EXPECT_EQ(multibase.rfind("z6Mk", 0), 0u) << multibase;

    // The published key verifies what the private key signs; another key's signature does not.
    std::string published = ed25519_pem_from_multibase(multibase);
    std::string signature = sign_message(SignatureAlgorithm::ed25519, ed_pem.private_pem, "painting");
    EXPECT_TRUE(verify_message(SignatureAlgorithm::ed25519, published, "painting", signature));
    std::string other = sign_message(SignatureAlgorithm::ed25519, generate_ed25519_key().private_pem, "painting");
    EXPECT_FALSE(verify_message(SignatureAlgorithm::ed25519, published, "painting", other));

    // The RSA key stays the publicKey, and no private part leaks.
    EXPECT_STREQ(doc["publicKey"]["id"].GetString(), "https://art.example/users/alice#main-key");
    EXPECT_EQ(json.find("PRIVATE"), std::string::npos);
}

TEST_F(ActorAssertionMethod, TheContextDefinesMultikeyAndDataIntegrityTerms) {
    auto doc = parse_document(render_local_actor(alice, keys, urls));
    const auto& context = doc["@context"];
    ASSERT_TRUE(context.IsArray());
    std::vector<std::string> urls_in_context;
    const rapidjson::Value* inline_terms = nullptr;
    for (const auto& entry : context.GetArray()) {
        if (entry.IsString()) urls_in_context.emplace_back(entry.GetString());
        if (entry.IsObject()) inline_terms = &entry;
    }
    EXPECT_EQ(urls_in_context,
              (std::vector<std::string>{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1",
                                        "https://w3id.org/security/data-integrity/v1",
                                        "https://w3id.org/security/multikey/v1"}));
    ASSERT_NE(inline_terms, nullptr);
    ASSERT_TRUE(inline_terms->HasMember("assertionMethod"));
    EXPECT_STREQ((*inline_terms)["assertionMethod"]["@id"].GetString(), "https://w3id.org/security#assertionMethod");
    EXPECT_STREQ((*inline_terms)["assertionMethod"]["@type"].GetString(), "@id");
}

TEST_F(ActorAssertionMethod, TheInstanceActorAdvertisesItsKeyToo) {
    core::Account instance;
    instance.username = "art.example";
    instance.actor_type = "Application";
    instance.uri = urls.instance_actor();
    std::vector<core::KeyPair> instance_keys = {
        {12, 2, core::KeyType::ed25519, urls.instance_actor() + "#ed25519-key", ed_pem.public_pem, ""}};
    auto doc = parse_document(render_local_actor(instance, instance_keys, urls));
    ASSERT_TRUE(doc.HasMember("assertionMethod"));
    EXPECT_STREQ(doc["assertionMethod"][0]["id"].GetString(), "https://art.example/actor#ed25519-key");
    EXPECT_STREQ(doc["assertionMethod"][0]["controller"].GetString(), "https://art.example/actor");
}

TEST_F(ActorAssertionMethod, WithoutAnEd25519KeyThereIsNoAssertionMethod) {
    auto doc = parse_document(render_local_actor(alice, {keys[0]}, urls));
    EXPECT_FALSE(doc.HasMember("assertionMethod"));
    EXPECT_TRUE(doc.HasMember("publicKey"));
}

TEST_F(ActorAssertionMethod, ADamagedStoredKeyIsLeftOutRatherThanBreakingTheActor) {
    keys[1].public_pem = "-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n";
    std::string json;
    ASSERT_NO_THROW(json = render_local_actor(alice, keys, urls));
    auto doc = parse_document(json);
    EXPECT_FALSE(doc.HasMember("assertionMethod"));
    EXPECT_TRUE(doc.HasMember("publicKey"));
}

}  // namespace
}  // namespace gesso::activitypub
