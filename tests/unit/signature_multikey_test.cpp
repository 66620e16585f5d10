// activitypub/signatures/multikey: Ed25519 publicKeyMultibase (FEP-521a). Vectors: FEP-521a's example key, its
// base64url form from the FEP that replaced the encoding, and the W3C vc-di-eddsa test key pair
// (tests/fixtures/signatures/multikey_examples.txt).
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "activitypub/keys.hpp"
#include "activitypub/signatures/encoding.hpp"
#include "activitypub/signatures/multikey.hpp"
#include "activitypub/signatures/signing_keys.hpp"
#include "core/error.hpp"
#include "support/expect_error.hpp"
#include "support/fixtures.hpp"

namespace gesso::activitypub {
namespace {

using test::error_code;
using test::read_sections;

class MultikeyExamples : public ::testing::Test {
protected:
    std::map<std::string, std::string> v = read_sections("signatures", "multikey_examples.txt");
};

TEST_F(MultikeyExamples, Fep521aExampleDecodesToTheSameBytesAsItsBase64urlForm) {
    // 'u' is multibase base64url without padding; turn it into padded standard base64 for the decoder.
    std::string b64 = v.at("fep-521a-base64url").substr(1);
    for (char& c : b64) c = c == '-' ? '+' : c == '_' ? '/' : c;
    auto expected = base64_decode(b64, /*allow_unpadded=*/true);
    ASSERT_TRUE(expected);
    EXPECT_EQ(base58btc_decode(v.at("fep-521a-multibase").substr(1)), *expected);
    EXPECT_EQ(expected->substr(0, 2), "\xed\x01");
}

TEST_F(MultikeyExamples, RoundTripsThePublishedKeyThroughPem) {
    std::string pem = ed25519_pem_from_multibase(v.at("fep-521a-multibase"));
    EXPECT_EQ(pem.rfind("-----BEGIN PUBLIC KEY-----", 0), 0u);
    EXPECT_EQ(public_key_type(pem), KeyType::ed25519);
    EXPECT_EQ(ed25519_public_multibase(pem), v.at("fep-521a-multibase"));
}

TEST_F(MultikeyExamples, PublishedSecretKeyMatchesThePublishedPublicKey) {
    std::string private_pem = ed25519_private_pem_from_multibase(v.at("vc-di-eddsa-secret-key-multibase"));
    std::string public_pem = ed25519_pem_from_multibase(v.at("fep-521a-multibase"));
    std::string sig = sign_message(SignatureAlgorithm::ed25519, private_pem, "proof of possession");
    EXPECT_TRUE(verify_message(SignatureAlgorithm::ed25519, public_pem, "proof of possession", sig));
}

TEST(Multikey, GeneratedKeysRoundTrip) {
    for (int i = 0; i < 8; ++i) {
        PemKeyPair key = generate_ed25519_key();
        std::string multibase = ed25519_public_multibase(key.public_pem);
        EXPECT_EQ(multibase.rfind("z6Mk", 0), 0u) << multibase;  // 0xed01 + 32 bytes always starts z6Mk
        EXPECT_EQ(multibase.size(), 48u);
        EXPECT_EQ(ed25519_pem_from_multibase(multibase), key.public_pem);
    }
}

TEST(Multikey, RejectsOtherKeysAndMalformedMultibase) {
    EXPECT_EQ(error_code([] { ed25519_public_multibase(generate_rsa_key().public_pem); }), core::Errc::bad_request);
    EXPECT_EQ(error_code([] { ed25519_public_multibase("garbage"); }), core::Errc::bad_request);
    const std::string valid = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
    std::string base64url_prefix = valid;
    base64url_prefix[0] = 'u';
    std::string too_long(301, '2');
    too_long[0] = 'z';
    for (const std::string& bad : {std::string(""), valid.substr(1), base64url_prefix, valid.substr(0, 40),
                                   valid + "2", std::string("z6Mk0OIl"), too_long}) {
        EXPECT_EQ(error_code([&] { ed25519_pem_from_multibase(bad); }), core::Errc::bad_request) << bad;
    }
    // A secret key is not a public key, and the other way round.
    EXPECT_EQ(error_code([] { ed25519_pem_from_multibase("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"); }),
              core::Errc::bad_request);
    EXPECT_EQ(error_code([&] { ed25519_private_pem_from_multibase(valid); }), core::Errc::bad_request);
}

}  // namespace
}  // namespace gesso::activitypub
