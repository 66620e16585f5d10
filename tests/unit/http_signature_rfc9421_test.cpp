// activitypub/signatures/rfc9421: what sign_rfc9421 sends (Fedify's shape), that verify_rfc9421 accepts it, and
// one test per way verification must fail; then the scheme dispatch of http_signatures.hpp. The RFC's own vectors
// are in http_signature_rfc9421_vectors_test.cpp.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "activitypub/keys.hpp"
#include "activitypub/signatures/digest.hpp"
#include "activitypub/signatures/http_signatures.hpp"
#include "activitypub/signatures/rfc9421.hpp"
#include "activitypub/signatures/signing_keys.hpp"
#include "core/error.hpp"
#include "support/expect_error.hpp"
#include "support/http_signature_helpers.hpp"

namespace gesso::activitypub {
namespace {

using namespace std::chrono_literals;

using test::expect_failure;
using test::make_request;
using test::set_header;

// --- signing and verifying our own requests ---

// Signs with test::SigningKeys' `rsa`, `other` and `ed`.
class Rfc9421RoundTrip : public test::SigningKeys {
protected:
    core::TimePoint now = test::at(1700000000);
    OutgoingRequest post = make_request("POST", "https://b.test/users/bob/inbox", {{"Content-Type", "application/activity+json"}},
                         R"({"type":"Follow"})");

    SignedRequest signed_post(const PemKeyPair& key = *rsa) {
        OutgoingRequest r = post;
        sign_rfc9421(r, "https://a.test/users/alice#main-key", key.private_pem, now);
        return signed_request_from(r);
    }
    // A request signed with the RSA key over `components` with the given parameters, as we never sign.
    SignedRequest custom(std::vector<std::string> components, sf::Parameters params) {
        SignedRequest r = signed_post();
        Rfc9421Signature sig = test::covering(std::move(components));
        sig.covered.params = std::move(params);
        sig.signature_params = sf::serialize_inner_list(sig.covered);
        std::string value = sign_message(SignatureAlgorithm::rsa_v1_5_sha256, rsa->private_pem, rfc9421_signature_base(r, sig));
        set_header(r, "Signature-Input", "sig1=" + sig.signature_params);
        set_header(r, "Signature", "sig1=" + sf::serialize_bare_item(sf::ByteSequence{value}));
        return r;
    }
    void verify(const SignedRequest& r, const std::string& pem) { verify_rfc9421(r, pem, now, 1h); }
};

TEST_F(Rfc9421RoundTrip, SignsLikeFedify) {
    OutgoingRequest r = post;
    sign_rfc9421(r, "https://a.test/users/alice#main-key", rsa->private_pem, now);
    EXPECT_EQ(r.header("Host"), "b.test");
    EXPECT_EQ(r.header("Date"), "Tue, 14 Nov 2023 22:13:20 GMT");
    EXPECT_EQ(r.header("Content-Digest"), content_digest_header(post.body));
    EXPECT_EQ(r.header("Signature-Input"),
              R"(sig1=("@method" "@target-uri" "@authority" "host" "date" "content-digest");alg="rsa-v1_5-sha256";)"
              R"(keyid="https://a.test/users/alice#main-key";created=1700000000)");
    EXPECT_EQ(r.header("Signature")->rfind("sig1=:", 0), 0u);
    EXPECT_NO_THROW(verify(signed_request_from(r), rsa->public_pem));
    EXPECT_EQ(http_signature_key_id(signed_request_from(r)), "https://a.test/users/alice#main-key");
}

TEST_F(Rfc9421RoundTrip, SignsWithEd25519AndSignsGetsWithoutDigest) {
    SignedRequest in = signed_post(*ed);
    EXPECT_EQ(parse_rfc9421_signatures(in).front().alg, "ed25519");
    EXPECT_NO_THROW(verify(in, ed->public_pem));

    OutgoingRequest get = make_request("GET", "https://b.test:8443/users/bob?page=2", {{"Accept", "application/activity+json"}}, "");
    sign_rfc9421(get, "k", rsa->private_pem, now);
    EXPECT_FALSE(get.header("Content-Digest"));
    EXPECT_EQ(get.header("Signature-Input"),
              R"(sig1=("@method" "@target-uri" "@authority" "host" "date");alg="rsa-v1_5-sha256";keyid="k";created=1700000000)");
    SignedRequest get_in = signed_request_from(get);
    EXPECT_EQ(get_in.authority, "b.test:8443");
    EXPECT_NO_THROW(verify(get_in, rsa->public_pem));
}

TEST_F(Rfc9421RoundTrip, AcceptsAuthorityAndPathInsteadOfTargetUri) {
    EXPECT_NO_THROW(verify(custom({"@method", "@authority", "@path", "content-digest"}, {{"created", 1700000000}}),
                           rsa->public_pem));
    EXPECT_NO_THROW(verify(custom({"@method", "@authority", "@request-target", "content-digest", "date"}, {}),
                           rsa->public_pem))
        << "a covered Date stands in for created";
}

// --- every way verification must fail ---

TEST_F(Rfc9421RoundTrip, RejectsATamperedBody) {
    SignedRequest in = signed_post();
    in.body = R"({"type":"Block"})";
    expect_failure([&] { verify(in, rsa->public_pem); }, core::Errc::unauthorized, "does not match the request body");
    set_header(in, "Content-Digest", content_digest_header(in.body));
    expect_failure([&] { verify(in, rsa->public_pem); }, core::Errc::unauthorized, "does not verify");
}

TEST_F(Rfc9421RoundTrip, RejectsTamperedCoveredComponents) {
    SignedRequest date = signed_post();
    set_header(date, "Date", core::format_http_date(now + 1s));
    expect_failure([&] { verify(date, rsa->public_pem); }, core::Errc::unauthorized, "does not verify");
    SignedRequest target = signed_post();
    target.target = "/users/carol/inbox";
    expect_failure([&] { verify(target, rsa->public_pem); }, core::Errc::unauthorized, "does not verify");
    SignedRequest method = signed_post();
    method.method = "PUT";
    expect_failure([&] { verify(method, rsa->public_pem); }, core::Errc::unauthorized, "does not verify");
    SignedRequest host = signed_post();
    host.authority = "c.test";
    expect_failure([&] { verify(host, rsa->public_pem); }, core::Errc::unauthorized, "does not verify");
}

TEST_F(Rfc9421RoundTrip, RejectsTheWrongKey) {
    expect_failure([&] { verify(signed_post(), other->public_pem); }, core::Errc::unauthorized, "does not verify");
    expect_failure([&] { verify(signed_post(), ed->public_pem); }, core::Errc::unauthorized,
                   "does not match the signer's key type");
}

TEST_F(Rfc9421RoundTrip, RejectsOldFutureAndExpiredSignatures) {
    SignedRequest in = signed_post();
    expect_failure([&] { verify_rfc9421(in, rsa->public_pem, now + 61min, 1h); }, core::Errc::unauthorized,
                   "created is too old");
    expect_failure([&] { verify_rfc9421(in, rsa->public_pem, now - 61min, 1h); }, core::Errc::unauthorized,
                   "created is in the future");
    SignedRequest expired = custom({"@method", "@target-uri", "content-digest"},
                                   {{"created", 1700000000 - 60}, {"expires", 1700000000 - 1}});
    expect_failure([&] { verify(expired, rsa->public_pem); }, core::Errc::unauthorized, "the signature has expired");
    SignedRequest stale_date = custom({"@method", "@target-uri", "content-digest", "date"}, {});
    set_header(stale_date, "Date", core::format_http_date(now - 2h));
    expect_failure([&] { verify(stale_date, rsa->public_pem); }, core::Errc::unauthorized, "Date is too old");
    SignedRequest timeless = custom({"@method", "@target-uri", "content-digest"}, {});
    expect_failure([&] { verify(timeless, rsa->public_pem); }, core::Errc::unauthorized, "no creation time");
}

TEST_F(Rfc9421RoundTrip, RejectsMissingRequiredComponents) {
    sf::Parameters created = {{"created", 1700000000}};
    expect_failure([&] { verify(custom({"@target-uri", "content-digest"}, created), rsa->public_pem); },
                   core::Errc::unauthorized, "@method is not covered");
    expect_failure([&] { verify(custom({"@method", "@authority", "content-digest"}, created), rsa->public_pem); },
                   core::Errc::unauthorized, "the target is not covered");
    expect_failure([&] { verify(custom({"@method", "@path", "content-digest"}, created), rsa->public_pem); },
                   core::Errc::unauthorized, "the target is not covered");
    expect_failure([&] { verify(custom({"@method", "@target-uri"}, created), rsa->public_pem); },
                   core::Errc::unauthorized, "content-digest is not signed");
}

TEST_F(Rfc9421RoundTrip, RejectsACoveredHeaderTheRequestLacks) {
    SignedRequest in = signed_post();
    std::erase_if(in.headers, [](const HttpHeader& h) { return h.name == "Date"; });
    expect_failure([&] { verify(in, rsa->public_pem); }, core::Errc::unauthorized, "covered header 'date' is missing");
    SignedRequest no_digest = signed_post();
    std::erase_if(no_digest.headers, [](const HttpHeader& h) { return h.name == "Content-Digest"; });
    expect_failure([&] { verify(no_digest, rsa->public_pem); }, core::Errc::unauthorized,
                   "'content-digest' is missing");
}

TEST_F(Rfc9421RoundTrip, RejectsMalformedHeaders) {
    SignedRequest in = signed_post();
    set_header(in, "Signature-Input", "sig1=(\"@method\" \"@target-uri\"");
    expect_failure([&] { verify(in, rsa->public_pem); }, core::Errc::bad_request,
                   "Signature-Input is not a valid structured field");
    SignedRequest bad_digest = signed_post();
    set_header(bad_digest, "Content-Digest", "sha-256=abc");
    expect_failure([&] { verify(bad_digest, rsa->public_pem); }, core::Errc::bad_request, "Content-Digest");
}

TEST_F(Rfc9421RoundTrip, RejectsUnknownOrContradictoryAlgorithms) {
    SignedRequest hmac = custom({"@method", "@target-uri", "content-digest"},
                                {{"created", 1700000000}, {"alg", std::string("hmac-sha256")}});
    expect_failure([&] { verify(hmac, rsa->public_pem); }, core::Errc::unauthorized, "unsupported alg 'hmac-sha256'");
    SignedRequest in = signed_post();
    expect_failure(
        [&] { verify_rfc9421(in, parse_rfc9421_signatures(in).front(), rsa->public_pem, now, 1h, SignatureAlgorithm::rsa_pss_sha512); },
        core::Errc::unauthorized, "alg does not match the algorithm of the key");
}

// --- one entry point for both schemes ---

TEST_F(Rfc9421RoundTrip, DispatchesOnTheSchemeTheRequestUses) {
    SignedRequest modern = signed_post();
    EXPECT_EQ(http_signature_scheme(modern), HttpSignatureScheme::rfc9421);
    EXPECT_NO_THROW(verify_http_signature(modern, rsa->public_pem, now));

    OutgoingRequest old = post;
    sign_cavage(old, "https://a.test/users/alice#main-key", rsa->private_pem, now);
    SignedRequest legacy = signed_request_from(old);
    EXPECT_EQ(http_signature_scheme(legacy), HttpSignatureScheme::cavage);
    EXPECT_EQ(http_signature_key_id(legacy), "https://a.test/users/alice#main-key");
    EXPECT_NO_THROW(verify_http_signature(legacy, rsa->public_pem, now));
    expect_failure([&] { verify_http_signature(legacy, other->public_pem, now); }, core::Errc::unauthorized,
                   "does not verify");

    SignedRequest none = signed_request_from(post);
    EXPECT_EQ(http_signature_scheme(none), HttpSignatureScheme::none);
    expect_failure([&] { verify_http_signature(none, rsa->public_pem, now); }, core::Errc::unauthorized, "not signed");
    expect_failure([&] { http_signature_key_id(none); }, core::Errc::unauthorized, "not signed");
}

}  // namespace
}  // namespace gesso::activitypub
