// activitypub/signatures: byte encodings, hashes, HTTP dates, request views and key handling shared by every
// signature scheme. Vectors: RFC 4648 §10 (base64), FIPS 180-2 "abc" (SHA), draft-msporny-base58 §5 (base58btc).
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "activitypub/keys.hpp"
#include "activitypub/signatures/encoding.hpp"
#include "activitypub/signatures/signed_request.hpp"
#include "activitypub/signatures/signing_keys.hpp"
#include "core/error.hpp"
#include "support/expect_error.hpp"
#include "support/http_signature_helpers.hpp"

namespace gesso::activitypub {
namespace {

using test::error_code;
using test::make_request;

std::string hex(const std::string& bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xf]);
    }
    return out;
}

// --- base64 ---

TEST(SignatureEncoding, Base64MatchesRfc4648Vectors) {
    const std::pair<std::string, std::string> vectors[] = {{"", ""},         {"f", "Zg=="},     {"fo", "Zm8="},
                                                           {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
                                                           {"foobar", "Zm9vYmFy"}};
    for (const auto& [plain, encoded] : vectors) {
        EXPECT_EQ(base64_encode(plain), encoded);
        EXPECT_EQ(base64_decode(encoded), plain) << encoded;
    }
}

TEST(SignatureEncoding, Base64RoundTripsBinary) {
    std::string bytes;
    for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
    for (std::size_t n = 0; n <= bytes.size(); n += 37) {
        EXPECT_EQ(base64_decode(base64_encode(bytes.substr(0, n))), bytes.substr(0, n));
    }
}

TEST(SignatureEncoding, Base64RejectsMalformedInput) {
    for (const char* bad : {"Zg=", "Zg", "Z", "Zm9v!", "Zm 9v", "Zg==Zg==", "Zm9v\n", "=Zm9", "Z===", "Zm9vY==="}) {
        EXPECT_FALSE(base64_decode(bad)) << bad;
    }
    EXPECT_FALSE(base64_decode("Zm8==")) << "padding longer than the final group";
}

TEST(SignatureEncoding, Base64AcceptsMissingPaddingOnlyWhenAsked) {
    EXPECT_FALSE(base64_decode("Zm8"));
    EXPECT_EQ(base64_decode("Zm8", true), "fo");
    EXPECT_EQ(base64_decode("Zg", true), "f");
    EXPECT_FALSE(base64_decode("Z", true)) << "one leftover character encodes nothing";
}

// --- SHA ---

TEST(SignatureEncoding, ShaMatchesFipsAbcVectors) {
    EXPECT_EQ(hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(hex(sha512("abc")),
              "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
              "454d4423643ce80e2a9ac94fa54ca49f");
}

// --- base58btc ---

TEST(SignatureEncoding, Base58MatchesDraftVectors) {
    EXPECT_EQ(base58btc_encode("Hello World!"), "2NEpo7TZRRrLZSi2U");
    EXPECT_EQ(base58btc_encode("The quick brown fox jumps over the lazy dog."),
              "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z");
    EXPECT_EQ(base58btc_encode(std::string("\x00\x00\x28\x7f\xb4\xcd", 6)), "11233QC4");
    EXPECT_EQ(base58btc_decode("11233QC4"), std::string("\x00\x00\x28\x7f\xb4\xcd", 6));
    EXPECT_EQ(base58btc_decode("2NEpo7TZRRrLZSi2U"), "Hello World!");
}

TEST(SignatureEncoding, Base58EdgeCases) {
    EXPECT_EQ(base58btc_encode(""), "");
    EXPECT_EQ(base58btc_decode(""), "");
    EXPECT_EQ(base58btc_encode(std::string(3, '\0')), "111");
    EXPECT_EQ(base58btc_decode("111"), std::string(3, '\0'));
    EXPECT_EQ(base58btc_encode("\xff"), "5Q");
    std::string bytes;
    for (int i = 0; i < 100; ++i) bytes.push_back(static_cast<char>(i * 37 + 11));
    EXPECT_EQ(base58btc_decode(base58btc_encode(bytes)), bytes);
}

TEST(SignatureEncoding, Base58RejectsLettersOutsideTheAlphabetAndOverlongInput) {
    for (const char* bad : {"0", "O", "I", "l", "2NEpo7TZ+RrLZSi2U", "abc def"}) {
        EXPECT_FALSE(base58btc_decode(bad)) << bad;
    }
    EXPECT_FALSE(base58btc_decode(std::string(257, '2')));
}

// --- HTTP dates ---

TEST(SignatureHttpDate, ParsesImfFixdateAndRoundTripsFormatting) {
    auto t = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT");
    ASSERT_TRUE(t);
    EXPECT_EQ(std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count(), 784111777);
    auto now = core::from_unix_ms(1618884475000);
    EXPECT_EQ(parse_http_date(core::format_http_date(now)), now);
}

TEST(SignatureHttpDate, RejectsOtherFormsAndImpossibleDates) {
    for (const char* bad : {"Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Sun, 06 Nov 1994 08:49:37 UTC",
                            "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT",
                            "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 0a Nov 1994 08:49:37 GMT", ""}) {
        EXPECT_FALSE(parse_http_date(bad)) << bad;
    }
}

// --- request views and URLs ---

TEST(SignatureSignedRequest, HeaderLookupIsCaseInsensitiveTrimsAndJoinsRepeats) {
    SignedRequest r;
    r.headers = {{"Accept", " application/activity+json "}, {"X-Other", "1"}, {"accept", "application/ld+json\t"}};
    EXPECT_EQ(r.header("ACCEPT"), "application/activity+json, application/ld+json");
    EXPECT_EQ(r.header("x-other"), "1");
    EXPECT_FALSE(r.header("missing"));
}

TEST(SignatureUrl, SplitsAndNormalisesAuthority) {
    auto p = split_url("HTTPS://Example.COM:443/users/alice?page=1#frag");
    EXPECT_EQ(p.scheme, "https");
    EXPECT_EQ(p.authority, "example.com");
    EXPECT_EQ(p.target, "/users/alice?page=1");
    EXPECT_EQ(split_url("http://b.test:8080").target, "/");
    EXPECT_EQ(split_url("http://b.test:8080").authority, "b.test:8080");
    EXPECT_EQ(split_url("http://b.test:80?x=1").authority, "b.test");
    EXPECT_EQ(split_url("http://b.test?x=1").target, "/?x=1");
    EXPECT_EQ(split_url("https://[::1]:8443/inbox").authority, "[::1]:8443");
    EXPECT_EQ(normalize_authority("A.Test:443", "https"), "a.test");
    EXPECT_EQ(normalize_authority("a.test:443", "http"), "a.test:443");
}

TEST(SignatureUrl, RejectsRelativeOtherSchemesAndUserInfo) {
    for (const char* bad : {"/inbox", "ftp://a.test/x", "https://", "https://:443/x", "https://user@a.test/"}) {
        EXPECT_EQ(error_code([&] { split_url(bad); }), core::Errc::bad_request) << bad;
    }
}

TEST(SignatureSignedRequest, BuiltFromAnOutgoingRequest) {
    OutgoingRequest out = make_request("POST", "https://b.test/users/bob/inbox?x=1", {{"Host", "b.test"}}, "{}");
    SignedRequest in = signed_request_from(out);
    EXPECT_EQ(in.method, "POST");
    EXPECT_EQ(in.scheme, "https");
    EXPECT_EQ(in.authority, "b.test");
    EXPECT_EQ(in.target, "/users/bob/inbox?x=1");
    EXPECT_EQ(in.body, "{}");
}

// --- keys ---

TEST(SignatureKeys, SignsAndVerifiesWithEachAlgorithm) {
    PemKeyPair rsa = generate_rsa_key();
    PemKeyPair ed = generate_ed25519_key();
    EXPECT_EQ(public_key_type(rsa.public_pem), KeyType::rsa);
    EXPECT_EQ(public_key_type(ed.public_pem), KeyType::ed25519);
    EXPECT_EQ(private_key_type(ed.private_pem), KeyType::ed25519);
    struct Case {
        SignatureAlgorithm algorithm;
        const PemKeyPair& key;
    };
    for (const auto& c : {Case{SignatureAlgorithm::rsa_v1_5_sha256, rsa}, Case{SignatureAlgorithm::rsa_pss_sha512, rsa},
                          Case{SignatureAlgorithm::ed25519, ed}}) {
        std::string sig = sign_message(c.algorithm, c.key.private_pem, "message");
        EXPECT_TRUE(verify_message(c.algorithm, c.key.public_pem, "message", sig));
        EXPECT_FALSE(verify_message(c.algorithm, c.key.public_pem, "messagE", sig));
        sig[sig.size() / 2] ^= 1;
        EXPECT_FALSE(verify_message(c.algorithm, c.key.public_pem, "message", sig));
    }
}

TEST(SignatureKeys, RefusesKeysThatDoNotFitTheAlgorithm) {
    PemKeyPair rsa = generate_rsa_key();
    PemKeyPair ed = generate_ed25519_key();
    std::string sig = sign_message(SignatureAlgorithm::ed25519, ed.private_pem, "m");
    EXPECT_EQ(error_code([&] { verify_message(SignatureAlgorithm::rsa_v1_5_sha256, ed.public_pem, "m", sig); }),
              core::Errc::unauthorized);
    EXPECT_EQ(error_code([&] { verify_message(SignatureAlgorithm::ed25519, rsa.public_pem, "m", sig); }),
              core::Errc::unauthorized);
    EXPECT_EQ(error_code([&] { verify_message(SignatureAlgorithm::ed25519, "not a key", "m", sig); }),
              core::Errc::unauthorized);
    EXPECT_EQ(error_code([&] { sign_message(SignatureAlgorithm::ed25519, rsa.private_pem, "m"); }),
              core::Errc::internal);
    EXPECT_EQ(error_code([&] { public_key_type("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"); }),
              core::Errc::unauthorized);
}

}  // namespace
}  // namespace gesso::activitypub
