// Object integrity proof benchmark: eddsa-jcs-2022 proofs (FEP-8b32) made and verified per second on one
// thread, for a Create of a Note shaped like what Gesso sends (our @context, addressing, HTML content), and
// the JCS canonicalisation alone. Reported beside `openssl speed ed25519` sign/s and verify/s measured in the
// same run, the ceiling for the signature alone on this machine (the rest is JCS, SHA-256, JSON copies and
// reading the PEM key on each call).
//
//   gesso_bench_proofs [iterations=20000]
#include <rapidjson/document.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "activitypub/keys.hpp"
#include "activitypub/signatures/jcs.hpp"
#include "activitypub/signatures/object_proof.hpp"
#include "activitypub/signatures/signing_keys.hpp"
#include "activitypub/vocabulary.hpp"
#include "core/json.hpp"
#include "core/json_parse.hpp"
#include "openssl_speed.hpp"

namespace {

using namespace gesso;
using Clock = std::chrono::steady_clock;

std::string create_json(const std::string& actor) {
    std::string id = actor + "/statuses/1";
    core::JsonWriter w;
    w.begin_object();
    activitypub::write_context(w);
    w.field("id", id + "/activity").field("type", "Create").field("actor", actor);
    w.key("to").begin_array().value(activitypub::kPublic).end_array();
    w.key("cc").begin_array().value(actor + "/followers").end_array();
    w.key("object").begin_object().field("id", id).field("type", "Note").field("attributedTo", actor);
    w.field("content", "<p>A new painting: ink and watercolour on paper, 30 × 40 cm. #art #ink</p>");
    w.field("published", "2026-01-31T12:00:00Z").field("sensitive", false);
    w.key("to").begin_array().value(activitypub::kPublic).end_array().end_object();
    w.end_object();
    return w.str();
}

template <class F>
double per_second(int iterations, F&& f) {
    auto start = Clock::now();
    for (int i = 0; i < iterations; ++i) f();
    std::chrono::duration<double> took = Clock::now() - start;
    return iterations / took.count();
}

}  // namespace

int main(int argc, char** argv) {
    int iterations = argc > 1 ? std::atoi(argv[1]) : 20000;
    if (iterations <= 0) {
        std::fprintf(stderr, "usage: gesso_bench_proofs [iterations]\n");
        return 2;
    }
    const std::string actor = "https://art.example/users/alice";
    activitypub::PemKeyPair key = activitypub::generate_ed25519_key();
    const std::string unsigned_json = create_json(actor);
    const core::TimePoint now = core::from_unix_ms(1769860800000);

    rapidjson::Document signed_doc = core::parse_json(unsigned_json);
    activitypub::add_proof(signed_doc, actor + "#ed25519-key", key.private_pem, now);
    activitypub::verify_proof(signed_doc, key.public_pem);  // sanity: throws if the bench would measure failures

    std::size_t sink = 0;
    double jcs = per_second(iterations, [&] { sink += activitypub::jcs_canonicalize(signed_doc).size(); });
    double sign = per_second(iterations, [&] {
        rapidjson::Document doc = core::parse_json(unsigned_json);
        activitypub::add_proof(doc, actor + "#ed25519-key", key.private_pem, now);
        sink += doc.MemberCount();
    });
    double verify = per_second(iterations, [&] { activitypub::verify_proof(signed_doc, key.public_pem); });
    // The signature alone through the same code path (cached key, one EVP context per call).
    const std::string message(64, 'x');
    const std::string signature =
        activitypub::sign_message(activitypub::SignatureAlgorithm::ed25519, key.private_pem, message);
    double raw_verify = per_second(iterations, [&] {
        sink +=
            activitypub::verify_message(activitypub::SignatureAlgorithm::ed25519, key.public_pem, message, signature);
    });
    bench::Ed25519Speed openssl = bench::openssl_ed25519_speed();

    std::printf("activity: %zu bytes unsigned\n", unsigned_json.size());
    std::printf("JCS canonicalisation of the signed activity: %.0f/s\n", jcs);
    std::printf("proofs made (parse + JCS + SHA-256 + Ed25519 sign):  %.0f/s  (openssl speed ed25519 sign:   %.0f/s)\n",
                sign, openssl.sign_per_second);
    std::printf("proofs verified (copy + JCS + SHA-256 + Ed25519):    %.0f/s  (openssl speed ed25519 verify: %.0f/s)\n",
                verify, openssl.verify_per_second);
    std::printf("Ed25519 verify of 64 bytes through verify_message: %.0f/s\n", raw_verify);
    if (openssl.verify_per_second > 0) {
        std::printf("verify ratio to openssl: %.2f\n", verify / openssl.verify_per_second);
    }
    return sink == 0 ? 1 : 0;
}
