// activitypub/signatures/cavage: what sign_cavage sends (Mastodon's shape), that verify_cavage accepts it, and one
// test per way verification must fail. The draft's own vectors are in http_signature_cavage_vectors_test.cpp.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "activitypub/keys.hpp"
#include "activitypub/signatures/cavage.hpp"
#include "activitypub/signatures/digest.hpp"
#include "activitypub/signatures/encoding.hpp"
#include "activitypub/signatures/signing_keys.hpp"
#include "core/error.hpp"
#include "support/expect_error.hpp"
#include "support/http_signature_helpers.hpp"

namespace gesso::activitypub {
namespace {

using namespace std::chrono_literals;

using test::expect_failure;
using test::failure;
using test::make_request;

// --- signing and verifying our own requests ---

// Signs with test::SigningKeys' `rsa`, `other` and `ed`.
class CavageRoundTrip : public test::SigningKeys {
protected:
    core::TimePoint now = core::from_unix_ms(1700000000000);
    OutgoingRequest post = make_request("POST", "https://b.test/users/bob/inbox", {{"Content-Type", "application/activity+json"}},
                         R"({"type":"Follow"})");

    SignedRequest signed_post(const PemKeyPair& key = *rsa) {
        OutgoingRequest r = post;
        sign_cavage(r, "https://a.test/users/alice#main-key", key.private_pem, now);
        return signed_request_from(r);
    }
    // A request signed over `headers` (and `created`/`expires` when given) in a way sign_cavage never would.
    SignedRequest custom(const std::string& headers, std::optional<std::int64_t> created = std::nullopt,
                         std::optional<std::int64_t> expires = std::nullopt) {
        OutgoingRequest r = post;
        sign_cavage(r, "k", rsa->private_pem, now);  // for Host, Date, Digest
        SignedRequest in = signed_request_from(r);
        std::erase_if(in.headers, [](const HttpHeader& h) { return h.name == "Signature"; });
        CavageSignature sig{"k", "hs2019", {}, created, expires, {}};
        for (std::size_t pos = 0; pos < headers.size();) {
            std::size_t space = headers.find(' ', pos);
            sig.headers.push_back(headers.substr(pos, space == std::string::npos ? space : space - pos));
            pos = space == std::string::npos ? headers.size() : space + 1;
        }
        std::string value = base64_encode(sign_message(SignatureAlgorithm::rsa_v1_5_sha256, rsa->private_pem,
                                                       cavage_signing_string(in, sig)));
        std::string params = R"(keyId="k",algorithm="hs2019",headers=")" + headers + "\"";
        if (created) params += ",created=" + std::to_string(*created);
        if (expires) params += ",expires=" + std::to_string(*expires);
        in.headers.push_back({"Signature", params + ",signature=\"" + value + "\""});
        return in;
    }
    static void replace_header(SignedRequest& r, const std::string& name, const std::string& value) {
        for (auto& h : r.headers) {
            if (h.name == name) h.value = value;
        }
    }
};

TEST_F(CavageRoundTrip, SignsPostsLikeMastodon) {
    OutgoingRequest r = post;
    r.url = "https://b.test:8443/users/bob/inbox?x=1";
    sign_cavage(r, "https://a.test/users/alice#main-key", rsa->private_pem, now);
    EXPECT_EQ(r.header("Host"), "b.test:8443");
    EXPECT_EQ(r.header("Date"), "Tue, 14 Nov 2023 22:13:20 GMT");
    EXPECT_EQ(r.header("Digest"), digest_header(post.body));
    CavageSignature sig = parse_cavage_signature(*r.header("Signature"));
    EXPECT_EQ(sig.key_id, "https://a.test/users/alice#main-key");
    EXPECT_EQ(sig.algorithm, "rsa-sha256");
    EXPECT_EQ(sig.headers, (std::vector<std::string>{"(request-target)", "host", "date", "digest", "content-type"}));
    EXPECT_EQ(r.header("Signature")->rfind(R"(keyId="https://a.test/users/alice#main-key",algorithm="rsa-sha256",)"
                                           R"(headers="(request-target) host date digest content-type",signature=")", 0),
              0u);
    EXPECT_NO_THROW(verify_cavage(signed_request_from(r), rsa->public_pem, now, 1h));
}

TEST_F(CavageRoundTrip, SignsGetsWithAcceptWhenPresent) {
    OutgoingRequest get = make_request("GET", "https://b.test/users/bob", {{"Accept", "application/activity+json"}}, "");
    sign_cavage(get, "k", rsa->private_pem, now);
    EXPECT_FALSE(get.header("Digest"));
    EXPECT_EQ(parse_cavage_signature(*get.header("Signature")).headers,
              (std::vector<std::string>{"(request-target)", "host", "date", "accept"}));
    EXPECT_NO_THROW(verify_cavage(signed_request_from(get), rsa->public_pem, now, 1h));

    OutgoingRequest bare = make_request("GET", "https://b.test/users/bob", {}, "");
    sign_cavage(bare, "k", rsa->private_pem, now);
    EXPECT_EQ(parse_cavage_signature(*bare.header("Signature")).headers,
              (std::vector<std::string>{"(request-target)", "host", "date"}));
    EXPECT_NO_THROW(verify_cavage(signed_request_from(bare), rsa->public_pem, now, 1h));
}

TEST_F(CavageRoundTrip, AcceptsATargetSignedWithoutItsQueryAsFedifyDoes) {
    // Fedify 1.5 signs "get /path" for a request to /path?page=true.
    OutgoingRequest paged = make_request("GET", "https://b.test/users/bob/outbox", {}, "");
    sign_cavage(paged, "k", rsa->private_pem, now);
    SignedRequest received = signed_request_from(paged);
    received.target += "?page=true";
    EXPECT_NO_THROW(verify_cavage(received, rsa->public_pem, now, 1h));
    // Only the query may be missing: another path still fails, and a query signed with another value too.
    received.target = "/users/bob/followers?page=true";
    expect_failure([&] { verify_cavage(received, rsa->public_pem, now, 1h); }, core::Errc::unauthorized, "does not verify");
    OutgoingRequest with_query = make_request("GET", "https://b.test/users/bob/outbox?page=1", {}, "");
    sign_cavage(with_query, "k", rsa->private_pem, now);
    SignedRequest changed = signed_request_from(with_query);
    changed.target = "/users/bob/outbox?page=2";
    expect_failure([&] { verify_cavage(changed, rsa->public_pem, now, 1h); }, core::Errc::unauthorized, "does not verify");
}

TEST_F(CavageRoundTrip, EmptyPostStillCarriesADigest) {
    post.body.clear();
    post.headers.clear();
    SignedRequest in = signed_post();
    EXPECT_EQ(in.header("digest"), digest_header(""));
    EXPECT_EQ(parse_cavage_signature(*in.header("signature")).headers,
              (std::vector<std::string>{"(request-target)", "host", "date", "digest"}));
    EXPECT_NO_THROW(verify_cavage(in, rsa->public_pem, now, 1h));
}

TEST_F(CavageRoundTrip, Ed25519KeysSignAsHs2019) {
    SignedRequest in = signed_post(*ed);
    EXPECT_EQ(parse_cavage_signature(*in.header("signature")).algorithm, "hs2019");
    EXPECT_NO_THROW(verify_cavage(in, ed->public_pem, now, 1h));
}

TEST_F(CavageRoundTrip, Hs2019WithAnRsaKeyMeansRsaSha256) {
    EXPECT_NO_THROW(verify_cavage(custom("(request-target) host date digest"), rsa->public_pem, now, 1h));
}

TEST_F(CavageRoundTrip, CreatedMayStandInForDate) {
    std::int64_t t = 1700000000;
    EXPECT_NO_THROW(verify_cavage(custom("(request-target) (created) host digest", t, t + 300), rsa->public_pem, now, 1h));
}

TEST_F(CavageRoundTrip, ToleratesSkewInEitherDirection) {
    SignedRequest in = signed_post();
    EXPECT_NO_THROW(verify_cavage(in, rsa->public_pem, now + 59min, 1h));
    EXPECT_NO_THROW(verify_cavage(in, rsa->public_pem, now - 59min, 1h));
}

// --- every way verification must fail ---

TEST_F(CavageRoundTrip, RejectsATamperedBody) {
    SignedRequest in = signed_post();
    in.body = R"({"type":"Block"})";
    expect_failure([&] { verify_cavage(in, rsa->public_pem, now, 1h); }, core::Errc::unauthorized,
                   "Digest sha-256 does not match the request body");
}

TEST_F(CavageRoundTrip, RejectsATamperedBodyWithARecomputedDigest) {
    SignedRequest in = signed_post();
    in.body = R"({"type":"Block"})";
    replace_header(in, "Digest", digest_header(in.body));
    expect_failure([&] { verify_cavage(in, rsa->public_pem, now, 1h); }, core::Errc::unauthorized,
                   "signature does not verify");
}

TEST_F(CavageRoundTrip, RejectsATamperedSignedHeader) {
    SignedRequest in = signed_post();
    replace_header(in, "Content-Type", "text/plain");
    expect_failure([&] { verify_cavage(in, rsa->public_pem, now, 1h); }, core::Errc::unauthorized,
                   "signature does not verify");
    SignedRequest moved = signed_post();
    moved.target = "/users/carol/inbox";
    expect_failure([&] { verify_cavage(moved, rsa->public_pem, now, 1h); }, core::Errc::unauthorized,
                   "signature does not verify");
}

TEST_F(CavageRoundTrip, RejectsTheWrongKey) {
    expect_failure([&] { verify_cavage(signed_post(), other->public_pem, now, 1h); }, core::Errc::unauthorized,
                   "signature does not verify");
    expect_failure([&] { verify_cavage(signed_post(), ed->public_pem, now, 1h); }, core::Errc::unauthorized,
                   "does not match the signer's key type");
}

TEST_F(CavageRoundTrip, RejectsOldFutureAndExpiredSignatures) {
    SignedRequest in = signed_post();
    expect_failure([&] { verify_cavage(in, rsa->public_pem, now + 61min, 1h); }, core::Errc::unauthorized,
                   "Date is too old");
    expect_failure([&] { verify_cavage(in, rsa->public_pem, now - 61min, 1h); }, core::Errc::unauthorized,
                   "Date is in the future");
    std::int64_t t = 1700000000;
    SignedRequest created = custom("(request-target) (created) host digest", t - 7200);
    expect_failure([&] { verify_cavage(created, rsa->public_pem, now, 1h); }, core::Errc::unauthorized,
                   "created is too old");
    SignedRequest future = custom("(request-target) (created) host digest", t + 7200);
    expect_failure([&] { verify_cavage(future, rsa->public_pem, now, 1h); }, core::Errc::unauthorized,
                   "created is in the future");
    SignedRequest expired = custom("(request-target) date host digest", t - 60, t - 1);
    expect_failure([&] { verify_cavage(expired, rsa->public_pem, now, 1h); }, core::Errc::unauthorized, "expired");
}

TEST_F(CavageRoundTrip, RejectsMissingRequiredComponents) {
    expect_failure([&] { verify_cavage(custom("host date digest"), rsa->public_pem, now, 1h); },
                   core::Errc::unauthorized, "(request-target) is not signed");
    expect_failure([&] { verify_cavage(custom("(request-target) host digest"), rsa->public_pem, now, 1h); },
                   core::Errc::unauthorized, "neither date nor (created) is signed");
    expect_failure([&] { verify_cavage(custom("(request-target) host date"), rsa->public_pem, now, 1h); },
                   core::Errc::unauthorized, "digest is not signed");
    expect_failure([&] { verify_cavage(custom("(request-target) date digest"), rsa->public_pem, now, 1h); },
                   core::Errc::unauthorized, "host is not signed");
}

TEST_F(CavageRoundTrip, RejectsASignedHeaderTheRequestLacks) {
    SignedRequest in = signed_post();
    std::erase_if(in.headers, [](const HttpHeader& h) { return h.name == "Content-Type"; });
    expect_failure([&] { verify_cavage(in, rsa->public_pem, now, 1h); }, core::Errc::unauthorized,
                   "signed header 'content-type' is missing from the request");
    SignedRequest no_digest = signed_post();
    std::erase_if(no_digest.headers, [](const HttpHeader& h) { return h.name == "Digest"; });
    expect_failure([&] { verify_cavage(no_digest, rsa->public_pem, now, 1h); }, core::Errc::unauthorized,
                   "'digest' is missing");
    SignedRequest unsigned_request = signed_post();
    std::erase_if(unsigned_request.headers, [](const HttpHeader& h) { return h.name == "Signature"; });
    expect_failure([&] { verify_cavage(unsigned_request, rsa->public_pem, now, 1h); }, core::Errc::unauthorized,
                   "no Signature header");
}

TEST_F(CavageRoundTrip, RejectsMalformedHeaders) {
    SignedRequest in = signed_post();
    replace_header(in, "Signature", R"(keyId="k",headers="(request-target) date digest",signature="@@")");
    expect_failure([&] { verify_cavage(in, rsa->public_pem, now, 1h); }, core::Errc::bad_request, "not base64");
    SignedRequest bad_date = signed_post();
    replace_header(bad_date, "Date", "yesterday");
    expect_failure([&] { verify_cavage(bad_date, rsa->public_pem, now, 1h); }, core::Errc::bad_request,
                   "Date header is not an HTTP date");
}

TEST_F(CavageRoundTrip, RejectsUnknownAlgorithms) {
    SignedRequest in = signed_post();
    std::string value = *in.header("signature");
    value.replace(value.find("rsa-sha256"), 10, "rsa-sha512");
    replace_header(in, "Signature", value);
    expect_failure([&] { verify_cavage(in, rsa->public_pem, now, 1h); }, core::Errc::unauthorized,
                   "unsupported algorithm 'rsa-sha512'");
}

TEST_F(CavageRoundTrip, RefusesKeyIdsThatCannotBeQuoted) {
    OutgoingRequest r = post;
    EXPECT_EQ(failure([&] { sign_cavage(r, "bad\"id", rsa->private_pem, now); }).first, core::Errc::internal);
}

}  // namespace
}  // namespace gesso::activitypub
