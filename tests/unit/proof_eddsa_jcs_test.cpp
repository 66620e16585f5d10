// activitypub/signatures/object_proof: FEP-8b32 object integrity proofs with eddsa-jcs-2022. FEP-8b32's own
// test vectors (two versions of fep-8b32.feature, tests/fixtures/signatures/fep8b32_*) are reproduced byte for
// byte and verified; then round trips and one test per way verification must fail.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "activitypub/keys.hpp"
#include "activitypub/signatures/encoding.hpp"
#include "activitypub/signatures/jcs.hpp"
#include "activitypub/signatures/multikey.hpp"
#include "activitypub/signatures/object_proof.hpp"
#include "activitypub/signatures/signing_keys.hpp"
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "support/expect_error.hpp"
#include "support/fixtures.hpp"
#include "support/json.hpp"

namespace gesso::activitypub {
namespace {

using test::expect_failure;
using test::failure;
using test::parse_document_exact;
using test::read_sections;

const core::TimePoint kCreated = core::from_unix_ms(1677281798000);  // 2023-02-24T23:36:38Z, the vectors' time

// --- FEP-8b32's test vectors ---

TEST(ProofFep8b32, SigningReproducesThePublishedDocument) {
    auto v = read_sections("signatures", "fep8b32_eddsa_jcs_2022.txt");
    std::string private_pem = ed25519_private_pem_from_multibase(v.at("secret-key-multibase"));
    rapidjson::Document doc = parse_document_exact(v.at("document"));
    add_proof(doc, v.at("verification-method"), private_pem, kCreated);
    rapidjson::Document expected = parse_document_exact(v.at("signed-document"));
    EXPECT_EQ(std::string(doc["proof"]["proofValue"].GetString()), expected["proof"]["proofValue"].GetString());
    EXPECT_TRUE(doc == expected) << "the whole signed document, proof fields included, matches";
}

TEST(ProofFep8b32, VerifyingThePublishedDocumentWithThePublishedKey) {
    auto v = read_sections("signatures", "fep8b32_eddsa_jcs_2022.txt");
    rapidjson::Document signed_doc = parse_document_exact(v.at("signed-document"));
    std::string public_pem = ed25519_pem_from_multibase(v.at("public-key-multibase"));
    EXPECT_EQ(proof_verification_method(signed_doc), "https://server.example/users/alice#ed25519-key");
    EXPECT_NO_THROW(verify_proof(signed_doc, public_pem));
}

TEST(ProofFep8b32, VerifiesTheVectorParsedTheWayTheInboxParses) {
    // core::parse_json does not ask RapidJSON for full precision; these decimals still parse exactly.
    auto v = read_sections("signatures", "fep8b32_eddsa_jcs_2022.txt");
    rapidjson::Document signed_doc = core::parse_json(v.at("signed-document"));
    EXPECT_NO_THROW(verify_proof(signed_doc, ed25519_pem_from_multibase(v.at("public-key-multibase"))));
}

TEST(ProofFep8b32, EarlierVectorWithDataIntegrityV1Context) {
    auto v = read_sections("signatures", "fep8b32_eddsa_jcs_2022_v1_context.txt");
    std::string private_pem = ed25519_private_pem_from_multibase(v.at("secret-key-multibase"));
    rapidjson::Document doc = parse_document_exact(v.at("document"));
    add_proof(doc, v.at("verification-method"), private_pem, kCreated);
    EXPECT_EQ(std::string(doc["proof"]["proofValue"].GetString()), v.at("proof-value"));
    EXPECT_EQ(std::string(doc["proof"]["created"].GetString()), v.at("created"));
}

// --- round trips and failures ---

class ProofEddsaJcs : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        key = new PemKeyPair(generate_ed25519_key());
        other = new PemKeyPair(generate_ed25519_key());
    }
    static void TearDownTestSuite() {
        delete key;
        delete other;
    }
    static inline PemKeyPair* key = nullptr;
    static inline PemKeyPair* other = nullptr;

    rapidjson::Document signed_note() {
        rapidjson::Document doc = parse_document_exact(R"({
            "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/data-integrity/v1"],
            "id": "https://a.test/activities/1", "type": "Create", "actor": "https://a.test/users/alice",
            "object": {"type": "Note", "content": "caf\u00e9 \ud83d\ude00", "tag": [], "sensitive": false,
                       "to": ["https://www.w3.org/ns/activitystreams#Public"], "location": {"latitude": 25.273962}}})");
        add_proof(doc, "https://a.test/users/alice#ed25519-key", key->private_pem, kCreated);
        return doc;
    }
    void verify(const rapidjson::Value& doc) { verify_proof(doc, key->public_pem); }
};

TEST_F(ProofEddsaJcs, RoundTripsAndCarriesTheExpectedFields) {
    rapidjson::Document doc = signed_note();
    const auto& proof = doc["proof"];
    EXPECT_STREQ(proof["type"].GetString(), "DataIntegrityProof");
    EXPECT_STREQ(proof["cryptosuite"].GetString(), "eddsa-jcs-2022");
    EXPECT_STREQ(proof["proofPurpose"].GetString(), "assertionMethod");
    EXPECT_STREQ(proof["created"].GetString(), "2023-02-24T23:36:38Z");
    EXPECT_TRUE(proof["@context"] == doc["@context"]);
    EXPECT_EQ(proof["proofValue"].GetString()[0], 'z');
    EXPECT_NO_THROW(verify(doc));
}

TEST_F(ProofEddsaJcs, DocumentsWithoutContextAreSignedToo) {
    rapidjson::Document doc = parse_document_exact(R"({"type": "Note", "content": "x"})");
    add_proof(doc, "k", key->private_pem, kCreated);
    EXPECT_FALSE(doc["proof"].HasMember("@context"));
    EXPECT_NO_THROW(verify(doc));
}

TEST_F(ProofEddsaJcs, AProofWithoutContextIsReadInTheDocumentsContext) {
    // vc-di-eddsa §3.3.5: the signed configuration carries the document's @context either way.
    rapidjson::Document doc = signed_note();
    doc["proof"].RemoveMember("@context");
    EXPECT_NO_THROW(verify(doc));
}

TEST_F(ProofEddsaJcs, RejectsATamperedDocument) {
    rapidjson::Document doc = signed_note();
    doc["object"]["content"].SetString("tampered");
    expect_failure([&] { verify(doc); }, core::Errc::unauthorized, "does not verify");
    rapidjson::Document added = signed_note();
    added.AddMember("cc", "https://a.test/followers", added.GetAllocator());
    expect_failure([&] { verify(added); }, core::Errc::unauthorized, "does not verify");
    rapidjson::Document number = signed_note();
    number["object"]["location"]["latitude"].SetDouble(25.273963);
    expect_failure([&] { verify(number); }, core::Errc::unauthorized, "does not verify");
}

TEST_F(ProofEddsaJcs, RejectsATamperedProof) {
    rapidjson::Document created = signed_note();
    created["proof"]["created"].SetString("2024-01-01T00:00:00Z");
    expect_failure([&] { verify(created); }, core::Errc::unauthorized, "does not verify");
    rapidjson::Document method = signed_note();
    method["proof"]["verificationMethod"].SetString("https://evil.test/users/mallory#key");
    expect_failure([&] { verify(method); }, core::Errc::unauthorized, "does not verify");
    rapidjson::Document value = signed_note();
    std::string altered = value["proof"]["proofValue"].GetString();
    altered[10] = altered[10] == '2' ? '3' : '2';
    value["proof"]["proofValue"].SetString(altered.c_str(), value.GetAllocator());
    auto [code, message] = failure([&] { verify(value); });
    EXPECT_TRUE(code == core::Errc::unauthorized || code == core::Errc::bad_request) << message;
}

TEST_F(ProofEddsaJcs, RejectsTheWrongKey) {
    rapidjson::Document doc = signed_note();
    expect_failure([&] { verify_proof(doc, other->public_pem); }, core::Errc::unauthorized, "does not verify");
    expect_failure([&] { verify_proof(doc, generate_rsa_key().public_pem); }, core::Errc::unauthorized,
                   "does not match the signer's key type");
}

TEST_F(ProofEddsaJcs, RejectsAContextThatIsNotAPrefixOfTheDocuments) {
    rapidjson::Document doc = signed_note();
    doc["proof"]["@context"].PushBack("https://w3id.org/security/multikey/v1", doc.GetAllocator());
    expect_failure([&] { verify(doc); }, core::Errc::unauthorized, "not a prefix");
    rapidjson::Document swapped = signed_note();
    swapped["@context"][0].SetString("https://evil.test/context");
    expect_failure([&] { verify(swapped); }, core::Errc::unauthorized, "not a prefix");
}

TEST_F(ProofEddsaJcs, RejectsOtherSuitesPurposesAndMissingProofs) {
    auto with = [&](const char* field, const char* value) {
        rapidjson::Document doc = signed_note();
        doc["proof"][field].SetString(rapidjson::StringRef(value));
        return doc;
    };
    expect_failure([&] { verify(with("cryptosuite", "eddsa-rdfc-2022")); }, core::Errc::unauthorized, "cryptosuite");
    expect_failure([&] { verify(with("type", "Ed25519Signature2020")); }, core::Errc::unauthorized, "type");
    expect_failure([&] { verify(with("proofPurpose", "authentication")); }, core::Errc::unauthorized, "proofPurpose");
    rapidjson::Document none = signed_note();
    none.RemoveMember("proof");
    expect_failure([&] { verify(none); }, core::Errc::unauthorized, "no proof");
    expect_failure([&] { proof_verification_method(none); }, core::Errc::unauthorized, "no proof");
    rapidjson::Document several = signed_note();
    rapidjson::Value list(rapidjson::kArrayType);
    list.PushBack(rapidjson::Value(several["proof"], several.GetAllocator()), several.GetAllocator());
    several["proof"] = list;
    expect_failure([&] { verify(several); }, core::Errc::unauthorized, "several proofs");
}

TEST_F(ProofEddsaJcs, RejectsMalformedProofs) {
    expect_failure([&] { verify(parse_document_exact("[]")); }, core::Errc::bad_request, "not a JSON object");
    rapidjson::Document not_object = signed_note();
    not_object["proof"].SetString("proof");
    expect_failure([&] { verify(not_object); }, core::Errc::bad_request, "proof is not an object");
    rapidjson::Document no_method = signed_note();
    no_method["proof"].RemoveMember("verificationMethod");
    expect_failure([&] { verify(no_method); }, core::Errc::bad_request, "verificationMethod is missing");
    rapidjson::Document base64 = signed_note();
    base64["proof"]["proofValue"].SetString("uAAAA");
    expect_failure([&] { verify(base64); }, core::Errc::bad_request, "proofValue");
    rapidjson::Document short_value = signed_note();
    short_value["proof"]["proofValue"].SetString("z2NEpo7TZRRrLZSi2U");
    expect_failure([&] { verify(short_value); }, core::Errc::bad_request, "proofValue");
    rapidjson::Document numeric = signed_note();
    numeric["proof"]["created"].SetInt(5);
    expect_failure([&] { verify(numeric); }, core::Errc::bad_request, "created is not a string");
}

// Signs a note with a proof holding `proof_json`'s fields, following vc-di-eddsa §3.3 step by step rather than
// through add_proof: an independent check of the algorithm, and a way to sign proofs add_proof never makes.
rapidjson::Document signed_by_hand(const std::string& private_pem, const std::string& proof_json) {
    rapidjson::Document doc =
        parse_document_exact(R"({"@context": "https://www.w3.org/ns/activitystreams", "type": "Note",
                                        "content": "by hand"})");
    rapidjson::Document proof = parse_document_exact(proof_json);
    rapidjson::Value config(proof, proof.GetAllocator());
    config.AddMember("@context", rapidjson::Value(doc["@context"], proof.GetAllocator()), proof.GetAllocator());
    std::string hash = sha256(jcs_canonicalize(config)) + sha256(jcs_canonicalize(doc));
    std::string value(1, 'z');
    value += base58btc_encode(sign_message(SignatureAlgorithm::ed25519, private_pem, hash));
    proof.AddMember("proofValue", rapidjson::Value(value.c_str(), proof.GetAllocator()), proof.GetAllocator());
    doc.AddMember("proof", rapidjson::Value(proof, doc.GetAllocator()), doc.GetAllocator());
    return doc;
}

std::string proof_with(const std::string& extra) {
    return R"({"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "verificationMethod": "k",
               "proofPurpose": "assertionMethod")" + extra + "}";
}

TEST_F(ProofEddsaJcs, AProofSignedByHandVerifies) {
    EXPECT_NO_THROW(verify(signed_by_hand(key->private_pem, proof_with(R"(, "created": "2023-02-24T23:36:38Z")"))));
}

TEST_F(ProofEddsaJcs, RejectsExpiredAndFutureProofsWhenGivenTheTime) {
    const core::TimePoint now = core::from_unix_ms(1700000000000);  // 2023-11-14T22:13:20Z
    auto expired = signed_by_hand(key->private_pem, proof_with(R"(, "expires": "2023-11-14T22:13:19Z")"));
    expect_failure([&] { verify_proof(expired, key->public_pem, now); }, core::Errc::unauthorized,
                   "the proof has expired");
    EXPECT_NO_THROW(verify_proof(expired, key->public_pem)) << "without a time, dates are not checked";
    auto offset = signed_by_hand(key->private_pem, proof_with(R"(, "expires": "2023-11-14T23:13:21+01:00")"));
    EXPECT_NO_THROW(verify_proof(offset, key->public_pem, now)) << "22:13:21Z: one second left";
    auto future = signed_by_hand(key->private_pem, proof_with(R"(, "created": "2023-11-15T00:13:21.5Z")"));
    expect_failure([&] { verify_proof(future, key->public_pem, now); }, core::Errc::unauthorized,
                   "created is in the future");
    EXPECT_NO_THROW(verify_proof(future, key->public_pem, now, std::chrono::hours(3)));
    auto malformed = signed_by_hand(key->private_pem, proof_with(R"(, "expires": "tomorrow")"));
    expect_failure([&] { verify_proof(malformed, key->public_pem, now); }, core::Errc::bad_request,
                   "expires is not a dateTime");
    auto no_zone = signed_by_hand(key->private_pem, proof_with(R"(, "created": "2023-11-14T22:13:20")"));
    expect_failure([&] { verify_proof(no_zone, key->public_pem, now); }, core::Errc::bad_request,
                   "created is not a dateTime");
}

TEST_F(ProofEddsaJcs, AddProofRefusesWhatItCannotSign) {
    rapidjson::Document doc = signed_note();
    EXPECT_EQ(failure([&] { add_proof(doc, "k", key->private_pem, kCreated); }).first, core::Errc::internal);
    rapidjson::Document plain = parse_document_exact(R"({"type": "Note"})");
    EXPECT_EQ(failure([&] { add_proof(plain, "k", generate_rsa_key().private_pem, kCreated); }).first,
              core::Errc::internal);
    rapidjson::Document array = parse_document_exact("[]");
    EXPECT_EQ(failure([&] { add_proof(array, "k", key->private_pem, kCreated); }).first, core::Errc::internal);
}

}  // namespace
}  // namespace gesso::activitypub
