// Object integrity proofs against Fedify (npm @fedify/fedify, tests/interop/check-proofs.mjs), both ways:
// Fedify reads our actor's assertionMethod Multikey and verifies the proof Gesso puts on an activity (and
// refuses it once tampered); Gesso verifies a proof Fedify made with signObject (and refuses it once
// tampered). Skipped when Node.js or the interop packages (tests/interop/install.sh) are missing.
#include <gtest/gtest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "activitypub/actor_document.hpp"
#include "activitypub/keys.hpp"
#include "activitypub/signatures/multikey.hpp"
#include "activitypub/signatures/object_proof.hpp"
#include "activitypub/vocabulary.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/json_parse.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

namespace gesso::test {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_file(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

TEST(FedifyProofs, BothImplementationsVerifyEachOthersProofs) {
    fs::path interop = fs::path(GESSO_SOURCE_DIR) / "tests" / "interop";
    ProcessResult which = run_process({"/bin/sh", "-c", "command -v node"});
    std::string node_binary = which.out.substr(0, which.out.find('\n'));
    if (which.exit_code != 0 || node_binary.empty() || !fs::exists(interop / "node_modules" / "@fedify" / "fedify")) {
        GTEST_SKIP() << "needs node and tests/interop/install.sh";
    }
    TempDir dir;
    activitypub::NodeUrls urls{"https", "art.example"};
    core::Account alice;
    alice.username = "alice";
    alice.uri = urls.actor("alice");
    alice.display_name = "Alice";
    activitypub::PemKeyPair ed = activitypub::generate_ed25519_key();
    std::vector<core::KeyPair> keys = {
        {1, 1, core::KeyType::ed25519, urls.ed25519_key_id("alice"), ed.public_pem, ed.private_pem}};
    write_file(dir.path() / "actor.json", activitypub::render_local_actor(alice, keys, urls));

    core::JsonWriter w;
    w.begin_object();
    activitypub::write_context(w);
    w.field("id", alice.uri + "/statuses/1/activity").field("type", "Create").field("actor", alice.uri);
    w.key("to").begin_array().value(activitypub::kPublic).end_array();
    w.key("object").begin_object().field("id", alice.uri + "/statuses/1").field("type", "Note");
    w.field("attributedTo", alice.uri).field("content", "<p>ink \"and\" café 🎨 1.5</p>").end_object();
    w.end_object();
    rapidjson::Document activity = core::parse_json(w.str());
    activitypub::add_proof(activity, keys[0].key_id, ed.private_pem, core::from_unix_ms(1769860800000));
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    activity.Accept(writer);
    write_file(dir.path() / "signed.json", buffer.GetString());

    ProcessResult node = run_process({node_binary, (interop / "check-proofs.mjs").string(), dir.path().string()});
    EXPECT_EQ(node.exit_code, 0) << node.out << node.err;
    for (const char* check :
         {"actor-assertion-method", "gesso-proof-verifies", "gesso-proof-tampered-fails", "fedify-signs"}) {
        EXPECT_NE(node.out.find(std::string("ok ") + check + "\n"), std::string::npos) << check << "\n" << node.out;
    }
    if (!fs::exists(dir.path() / "fedify-signed.json")) return;

    // Fedify's proof, verified by Gesso with the key Fedify exported.
    std::string fedify_pem = activitypub::ed25519_pem_from_multibase(read_file(dir.path() / "fedify-key.txt"));
    rapidjson::Document fedify = core::parse_json(read_file(dir.path() / "fedify-signed.json"));
    ASSERT_TRUE(fedify.HasMember("proof")) << read_file(dir.path() / "fedify-signed.json");
    EXPECT_STREQ(fedify["proof"]["cryptosuite"].GetString(), "eddsa-jcs-2022");
    EXPECT_NO_THROW(activitypub::verify_proof(fedify, fedify_pem));
    ASSERT_TRUE(fedify["object"].IsObject());
    fedify["object"]["content"].SetString("<p>edited</p>");
    EXPECT_THROW(activitypub::verify_proof(fedify, fedify_pem), core::Error);
}

}  // namespace
}  // namespace gesso::test
