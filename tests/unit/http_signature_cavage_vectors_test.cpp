// activitypub/signatures/cavage against draft-cavage-http-signatures-12's own Appendix C (test key, request,
// C.1-C.3 signing strings and signatures, reproduced byte for byte) and Signature header parsing. Fixtures:
// tests/fixtures/signatures/cavage_c_*. Round trips and failures: http_signature_cavage_test.cpp.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "activitypub/signatures/cavage.hpp"
#include "activitypub/signatures/digest.hpp"
#include "activitypub/signatures/encoding.hpp"
#include "activitypub/signatures/signing_keys.hpp"
#include "core/error.hpp"
#include "support/expect_error.hpp"
#include "support/fixtures.hpp"
#include "support/http_signature_helpers.hpp"

namespace gesso::activitypub {
namespace {

using namespace std::chrono_literals;

using test::expect_failure;
using test::failure;
using test::read_fixture;
using test::read_request;
using test::read_sections;

// --- the published vectors ---

class CavageVectors : public ::testing::Test {
protected:
    SignedRequest request = read_request("cavage_c_test_request.http");
    std::map<std::string, std::string> vectors = read_sections("signatures", "cavage_c_vectors.txt");
    std::string public_pem = read_fixture("signatures", "cavage_c_test_key_public.pem");
    std::string private_pem = read_fixture("signatures", "cavage_c_test_key_private.pem");
    core::TimePoint now = *parse_http_date("Sun, 05 Jan 2014 21:31:40 GMT");
};

TEST_F(CavageVectors, ReproducesSigningStringsAndSignaturesOfAppendixC) {
    for (const std::string c : {"c1", "c2", "c3"}) {
        SCOPED_TRACE(c);
        CavageSignature sig = parse_cavage_signature(vectors.at(c + "-signature"));
        EXPECT_EQ(sig.key_id, "Test");
        EXPECT_EQ(cavage_signing_string(request, sig), vectors.at(c + "-signing-string"));
        // rsa-sha256 is deterministic: signing the string again gives the published bytes.
        std::string again = sign_message(SignatureAlgorithm::rsa_v1_5_sha256, private_pem,
                                         cavage_signing_string(request, sig));
        EXPECT_EQ(base64_encode(again), base64_encode(sig.signature));
        EXPECT_NO_THROW(verify_cavage_signature_value(request, sig, public_pem));
    }
}

TEST_F(CavageVectors, DefaultTestSignsOnlyDate) {
    EXPECT_EQ(parse_cavage_signature(vectors.at("c1-signature")).headers, std::vector<std::string>{"date"});
}

TEST_F(CavageVectors, AllHeadersTestPassesFullVerification) {
    request.headers.push_back({"Signature", vectors.at("c3-signature")});
    EXPECT_NO_THROW(verify_cavage(request, public_pem, now, 1h));
    EXPECT_NO_THROW(check_digest_header(*request.header("digest"), request.body));
}

TEST_F(CavageVectors, BasicTestFailsPolicyBecauseTheBodyIsNotCovered) {
    request.headers.push_back({"Signature", vectors.at("c2-signature")});
    expect_failure([&] { verify_cavage(request, public_pem, now, 1h); }, core::Errc::unauthorized, "digest is not signed");
}

TEST_F(CavageVectors, DefaultTestFailsPolicyBecauseTheTargetIsNotCovered) {
    request.headers.push_back({"Signature", vectors.at("c1-signature")});
    expect_failure([&] { verify_cavage(request, public_pem, now, 1h); }, core::Errc::unauthorized,
                   "(request-target) is not signed");
}

// --- parsing ---

TEST(CavageParse, ReadsQuotedValuesCommasInQuotesAndIgnoresUnknownParameters) {
    CavageSignature sig = parse_cavage_signature(
        R"(keyId="https://a.test/users/a,b#main-key", Algorithm="HS2019" ,headers="(request-target) Host date",)"
        R"(extra="x\"y",created=1402170695,expires="1402170699",signature="AAEC")");
    EXPECT_EQ(sig.key_id, "https://a.test/users/a,b#main-key");
    EXPECT_EQ(sig.algorithm, "hs2019");
    EXPECT_EQ(sig.headers, (std::vector<std::string>{"(request-target)", "host", "date"}));
    EXPECT_EQ(sig.created, 1402170695);
    EXPECT_EQ(sig.expires, 1402170699);
    EXPECT_EQ(sig.signature, std::string("\x00\x01\x02", 3));
}

TEST(CavageParse, RejectsMalformedHeaders) {
    for (const char* bad : {R"(signature="AAEC")", R"(keyId="k")", R"(keyId="k",signature="not base64!")",
                            R"(keyId="k,signature="AAEC")", R"(keyId="k" signature="AAEC")", R"(keyId="k",signature="")",
                            R"(keyId="k",keyId="j",signature="AAEC")", R"(keyId="k",headers="",signature="AAEC")",
                            R"(keyId="k",created=soon,signature="AAEC")", R"(keyId,signature="AAEC")", ""}) {
        EXPECT_EQ(failure([&] { parse_cavage_signature(bad); }).first, core::Errc::bad_request) << bad;
    }
    EXPECT_EQ(failure([] { parse_cavage_signature(std::string(9000, 'a')); }).first, core::Errc::bad_request);
}

}  // namespace
}  // namespace gesso::activitypub
