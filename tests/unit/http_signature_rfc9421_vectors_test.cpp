// activitypub/signatures/rfc9421 against the RFC's own vectors: Appendix B.1 keys and the B.2 test request;
// B.2.1 and B.2.3 (RSA-PSS, randomised) verified, B.2.6 (Ed25519) and the §4.3 proxy signature (rsa-v1_5-sha256)
// reproduced byte for byte, B.2.2 refused (it needs @query-param). Also derived components and header parsing.
// Fixtures: tests/fixtures/signatures/rfc9421_*. Round trips and failures: http_signature_rfc9421_test.cpp.
#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "activitypub/signatures/encoding.hpp"
#include "activitypub/signatures/rfc9421.hpp"
#include "activitypub/signatures/signing_keys.hpp"
#include "core/error.hpp"
#include "support/expect_error.hpp"
#include "support/fixtures.hpp"
#include "support/http_signature_helpers.hpp"

namespace gesso::activitypub {
namespace {

using namespace std::chrono_literals;

using test::at;
using test::covering;
using test::expect_failure;
using test::failure;
using test::read_fixture;
using test::read_request;
using test::read_sections;
using test::set_header;

// The signature labelled `label` among the request's signatures.
Rfc9421Signature labelled(const SignedRequest& r, const std::string& label) {
    for (auto& sig : parse_rfc9421_signatures(r)) {
        if (sig.label == label) return sig;
    }
    throw std::runtime_error("no signature " + label);
}

// --- the RFC's own vectors ---

class Rfc9421Vectors : public ::testing::Test {
protected:
    SignedRequest request = read_request("rfc9421_b2_test_request.http");
    std::string pss_public = read_fixture("signatures", "rfc9421_b1_2_test_key_rsa_pss_public.pem");
    std::string ed_public = read_fixture("signatures", "rfc9421_b1_4_test_key_ed25519_public.pem");
    std::string ed_private = read_fixture("signatures", "rfc9421_b1_4_test_key_ed25519_private.pem");

    // The B.2 request carrying the Signature-Input and Signature of vector file `name`.
    SignedRequest with_vector(const std::map<std::string, std::string>& v, SignedRequest r) {
        r.headers.push_back({"Signature-Input", v.at("signature-input")});
        r.headers.push_back({"Signature", v.at("signature")});
        return r;
    }
};

TEST_F(Rfc9421Vectors, B21MinimalRsaPssSignatureVerifies) {
    auto v = read_sections("signatures", "rfc9421_b2_1_minimal_rsa_pss.txt");
    SignedRequest r = with_vector(v, request);
    Rfc9421Signature sig = labelled(r, "sig-b21");
    EXPECT_EQ(rfc9421_signature_base(r, sig), v.at("signature-base"));
    EXPECT_NO_THROW(verify_rfc9421_signature_value(r, sig, pss_public, SignatureAlgorithm::rsa_pss_sha512));
    // No alg parameter and an rsaEncryption key: only the key's registered algorithm says "PSS".
    expect_failure([&] { verify_rfc9421_signature_value(r, sig, pss_public); }, core::Errc::unauthorized, "does not verify");
    // It covers nothing, so it can never authenticate a request to us.
    expect_failure([&] { verify_rfc9421(r, sig, pss_public, at(1618884473), 1h, SignatureAlgorithm::rsa_pss_sha512); },
                   core::Errc::unauthorized, "@method is not covered");
}

TEST_F(Rfc9421Vectors, B23FullCoverageRsaPssPassesFullVerification) {
    auto v = read_sections("signatures", "rfc9421_b2_3_full_coverage_rsa_pss.txt");
    SignedRequest r = with_vector(v, request);
    Rfc9421Signature sig = labelled(r, "sig-b23");
    EXPECT_EQ(rfc9421_signature_base(r, sig), v.at("signature-base"));
    EXPECT_NO_THROW(verify_rfc9421(r, sig, pss_public, at(1618884473), 1h, SignatureAlgorithm::rsa_pss_sha512));
    r.body = R"({"hello": "World"})";
    expect_failure([&] { verify_rfc9421(r, sig, pss_public, at(1618884473), 1h, SignatureAlgorithm::rsa_pss_sha512); },
                   core::Errc::unauthorized, "Content-Digest sha-512 does not match the request body");
}

TEST_F(Rfc9421Vectors, B26Ed25519SignatureIsReproducedExactly) {
    auto v = read_sections("signatures", "rfc9421_b2_6_ed25519.txt");
    SignedRequest r = with_vector(v, request);
    Rfc9421Signature sig = labelled(r, "sig-b26");
    EXPECT_EQ(sig.key_id, "test-key-ed25519");
    EXPECT_EQ(sig.created, 1618884473);
    EXPECT_EQ(sig.signature_params,
              R"(("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;)"
              R"(keyid="test-key-ed25519")");
    std::string base = rfc9421_signature_base(r, sig);
    EXPECT_EQ(base, v.at("signature-base"));
    EXPECT_EQ(base64_encode(sign_message(SignatureAlgorithm::ed25519, ed_private, base)), base64_encode(sig.signature));
    EXPECT_NO_THROW(verify_rfc9421_signature_value(r, sig, ed_public));  // no alg: an Ed25519 key means ed25519
    // The body is not covered, which our policy requires.
    expect_failure([&] { verify_rfc9421(r, sig, ed_public, at(1618884473), 1h); }, core::Errc::unauthorized,
                   "content-digest is not signed");
}

TEST_F(Rfc9421Vectors, Section43ProxyRsaV15SignatureIsReproducedExactly) {
    auto v = read_sections("signatures", "rfc9421_4_3_proxy_rsa_v1_5.txt");
    SignedRequest r = with_vector(v, read_request("rfc9421_4_3_proxied_request.http"));
    std::vector<Rfc9421Signature> all = parse_rfc9421_signatures(r);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].label, "sig1");
    EXPECT_EQ(all[1].label, "proxy_sig");
    const Rfc9421Signature& sig = all[1];
    EXPECT_EQ(sig.alg, "rsa-v1_5-sha256");
    EXPECT_EQ(sig.expires, 1618884540);
    std::string base = rfc9421_signature_base(r, sig);
    EXPECT_EQ(base, v.at("signature-base"));
    std::string rsa_private = read_fixture("signatures", "rfc9421_b1_1_test_key_rsa_private.pem");
    std::string rsa_public = read_fixture("signatures", "rfc9421_b1_1_test_key_rsa_public.pem");  // PKCS#1, as printed
    EXPECT_EQ(base64_encode(sign_message(SignatureAlgorithm::rsa_v1_5_sha256, rsa_private, base)),
              base64_encode(sig.signature));
    EXPECT_NO_THROW(verify_rfc9421(r, sig, rsa_public, at(1618884500), 1h));
    expect_failure([&] { verify_rfc9421(r, sig, rsa_public, at(1618884541), 1h); }, core::Errc::unauthorized,
                   "the signature has expired");
}

TEST_F(Rfc9421Vectors, B22QueryParamComponentIsRefusedNotMisread) {
    auto v = read_sections("signatures", "rfc9421_b2_2_selective_rsa_pss.txt");
    SignedRequest r = with_vector(v, request);
    Rfc9421Signature sig = labelled(r, "sig-b22");
    expect_failure([&] { rfc9421_signature_base(r, sig); }, core::Errc::unauthorized,
                   R"(component parameters are not supported ("@query-param";name="Pet"))");
}

// --- components and parsing ---

TEST(Rfc9421Components, DerivedComponentValues) {
    SignedRequest r{"GET", "/path?param=value&foo=bar", "WWW.Example.com:443", "https", {{"Host", "www.example.com"}}, ""};
    EXPECT_EQ(rfc9421_signature_base(r, covering({"@method", "@target-uri", "@authority", "@scheme", "@request-target",
                                                  "@path", "@query"})),
              "\"@method\": GET\n"
              "\"@target-uri\": https://www.example.com/path?param=value&foo=bar\n"
              "\"@authority\": www.example.com\n"
              "\"@scheme\": https\n"
              "\"@request-target\": /path?param=value&foo=bar\n"
              "\"@path\": /path\n"
              "\"@query\": ?param=value&foo=bar\n"
              "\"@signature-params\": (\"@method\" \"@target-uri\" \"@authority\" \"@scheme\" \"@request-target\" "
              "\"@path\" \"@query\")");
    r.target = "/path";
    r.scheme = "http";
    r.authority = "";
    EXPECT_EQ(rfc9421_signature_base(r, covering({"@query", "@target-uri"})),
              "\"@query\": ?\n\"@target-uri\": http://www.example.com/path\n\"@signature-params\": (\"@query\" \"@target-uri\")");
}

TEST(Rfc9421Components, HeaderValuesAreTrimmedAndJoined) {
    SignedRequest r{"GET", "/", "a.test", "https", {{"Cache-Control", " max-age=60 "}, {"cache-control", "must-revalidate"}}, ""};
    EXPECT_EQ(rfc9421_signature_base(r, covering({"cache-control"})),
              "\"cache-control\": max-age=60, must-revalidate\n\"@signature-params\": (\"cache-control\")");
}

TEST(Rfc9421Components, RejectsBadIdentifiers) {
    SignedRequest r{"GET", "/", "a.test", "https", {{"Date", "x"}}, ""};
    expect_failure([&] { rfc9421_signature_base(r, covering({"Date"})); }, core::Errc::bad_request, "not lowercase");
    expect_failure([&] { rfc9421_signature_base(r, covering({"date", "date"})); }, core::Errc::bad_request,
                   "covered twice");
    expect_failure([&] { rfc9421_signature_base(r, covering({"@status"})); }, core::Errc::unauthorized,
                   "unsupported derived component @status");
    expect_failure([&] { rfc9421_signature_base(r, covering({"digest"})); }, core::Errc::unauthorized,
                   "covered header 'digest' is missing from the request");
}

TEST(Rfc9421Parse, RejectsMissingMismatchedAndMalformedHeaders) {
    SignedRequest r{"POST", "/", "a.test", "https", {}, ""};
    expect_failure([&] { parse_rfc9421_signatures(r); }, core::Errc::unauthorized, "no signature-input header");
    set_header(r, "Signature-Input", R"(sig1=("@method");created=1)");
    expect_failure([&] { parse_rfc9421_signatures(r); }, core::Errc::unauthorized, "no signature header");
    set_header(r, "Signature", "sig2=:AAEC:");
    expect_failure([&] { parse_rfc9421_signatures(r); }, core::Errc::unauthorized, "no label appears in both");
    const std::pair<const char*, const char*> malformed[] = {
        {R"(sig1="@method")", "sig1=:AAEC:"},                   // not an inner list
        {R"(sig1=("@method"))", "sig1=\"AAEC\""},               // not a byte sequence
        {R"(sig1=(@method))", "sig1=:AAEC:"},                   // a token, not a string
        {R"(sig1=("@method");created="1")", "sig1=:AAEC:"},     // created is not an integer
        {R"(sig1=("@method");keyid=k)", "sig1=:AAEC:"},         // keyid is not a string
        {R"(sig1=("@method"),)", "sig1=:AAEC:"},                // not a dictionary
        {R"(sig1=("@method"))", "sig1=::"},                     // empty signature
    };
    for (const auto& [input, signature] : malformed) {
        set_header(r, "Signature-Input", input);
        set_header(r, "Signature", signature);
        EXPECT_EQ(failure([&] { parse_rfc9421_signatures(r); }).first, core::Errc::bad_request) << input << " " << signature;
    }
    set_header(r, "Signature", "sig1=:" + std::string(9000, 'A') + ":");
    EXPECT_EQ(failure([&] { parse_rfc9421_signatures(r); }).first, core::Errc::bad_request);
}

}  // namespace
}  // namespace gesso::activitypub
