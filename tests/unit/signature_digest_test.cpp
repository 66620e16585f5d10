// activitypub/signatures/digest: Digest (RFC 3230) and Content-Digest (RFC 9530). The values for
// {"hello": "world"} are RFC 9530's own examples (also used by RFC 9421 Appendix B.2 and draft-cavage Appendix C).
#include <gtest/gtest.h>

#include <string>

#include "activitypub/signatures/digest.hpp"
#include "activitypub/signatures/signature_limits.hpp"
#include "core/error.hpp"
#include "support/expect_error.hpp"

namespace gesso::activitypub {
namespace {

constexpr const char* kBody = R"({"hello": "world"})";
constexpr const char* kSha256 = "X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=";
constexpr const char* kSha512 = "WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==";

using test::failure;

TEST(DigestHeader, ProducesSha256OfTheBody) {
    EXPECT_EQ(digest_header(kBody), std::string("SHA-256=") + kSha256);
    EXPECT_EQ(digest_header(""), "SHA-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
}

TEST(DigestHeader, AcceptsSha256AndSha512InAnyCase) {
    EXPECT_NO_THROW(check_digest_header(std::string("SHA-256=") + kSha256, kBody));
    EXPECT_NO_THROW(check_digest_header(std::string("sha-256=") + kSha256, kBody));
    EXPECT_NO_THROW(check_digest_header(std::string("Sha-512=") + kSha512, kBody));
    EXPECT_NO_THROW(check_digest_header(std::string("MD5=abc=, SHA-256=") + kSha256, kBody)) << "unknown skipped";
    EXPECT_NO_THROW(check_digest_header(std::string("SHA-256=") + kSha256 + " , SHA-512=" + kSha512, kBody));
}

TEST(DigestHeader, RejectsATamperedBody) {
    auto [code, message] = failure([] { check_digest_header(std::string("SHA-256=") + kSha256, R"({"hello": "World"})"); });
    EXPECT_EQ(code, core::Errc::unauthorized);
    EXPECT_NE(message.find("does not match the request body"), std::string::npos) << message;
    // One understood digest that matches does not excuse another that does not.
    EXPECT_EQ(failure([] { check_digest_header(std::string("SHA-256=") + kSha256 + ",SHA-512=" + kSha256, kBody); }).first,
              core::Errc::unauthorized);
}

TEST(DigestHeader, RejectsUnsupportedAlgorithmsOnly) {
    auto [code, message] = failure([] { check_digest_header("MD5=XrY7u+Ae7tCTyyK7j1rNww==", "hello world"); });
    EXPECT_EQ(code, core::Errc::unauthorized);
    EXPECT_NE(message.find("no supported algorithm"), std::string::npos) << message;
    EXPECT_EQ(failure([] { check_digest_header("SHA=qvTGHdzF6KLavt4PO0gs2a6pQ00=", "hello world"); }).first,
              core::Errc::unauthorized);
}

TEST(DigestHeader, RejectsMalformedValues) {
    for (const char* bad : {"", "SHA-256", "=abc", "SHA-256=not base64!", "SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE"}) {
        EXPECT_EQ(failure([&] { check_digest_header(bad, kBody); }).first, core::Errc::bad_request) << bad;
    }
    std::string huge = "SHA-256=" + std::string(signature_limits::kMaxSignatureHeaderBytes, 'A');
    EXPECT_EQ(failure([&] { check_digest_header(huge, kBody); }).first, core::Errc::bad_request);
}

TEST(ContentDigest, ProducesRfc9530Sha256) {
    EXPECT_EQ(content_digest_header(kBody), std::string("sha-256=:") + kSha256 + ":");
}

TEST(ContentDigest, AcceptsRfc9530Examples) {
    EXPECT_NO_THROW(check_content_digest_header(std::string("sha-256=:") + kSha256 + ":", kBody));
    EXPECT_NO_THROW(check_content_digest_header(std::string("sha-512=:") + kSha512 + ":", kBody));
    EXPECT_NO_THROW(check_content_digest_header(std::string("sha-512=:") + kSha512 + ":, sha-256=:" + kSha256 + ":", kBody));
    EXPECT_NO_THROW(check_content_digest_header(std::string("md5=:AAAA:, sha-256=:") + kSha256 + ":", kBody));
}

TEST(ContentDigest, RejectsATamperedBodyAndUnsupportedAlgorithms) {
    EXPECT_EQ(failure([] { check_content_digest_header(std::string("sha-256=:") + kSha256 + ":", "{}"); }).first,
              core::Errc::unauthorized);
    EXPECT_EQ(failure([] { check_content_digest_header("md5=:XrY7u+Ae7tCTyyK7j1rNww==:", "hello world"); }).first,
              core::Errc::unauthorized);
    // Algorithm names in a structured-field dictionary are lowercase keys: "SHA-256" is not one.
    EXPECT_EQ(failure([] { check_content_digest_header(std::string("SHA-256=:") + kSha256 + ":", kBody); }).first,
              core::Errc::bad_request);
}

TEST(ContentDigest, RejectsMalformedValues) {
    for (const char* bad : {"sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=", "sha-256=:not base64!:",
                            "sha-256=:X48E:,", "sha-256=\"X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=\""}) {
        EXPECT_EQ(failure([&] { check_content_digest_header(bad, kBody); }).first, core::Errc::bad_request) << bad;
    }
}

}  // namespace
}  // namespace gesso::activitypub
