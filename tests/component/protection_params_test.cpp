// The two helpers update_credentials will call (web/noai/protection_params.hpp), driven over real HTTP through a
// tiny route on a real server that shares a TestNode's database: the route reads the params, applies them to the
// account named in the path, and answers the account's `source.gesso` as written by write_protection_source.
#include <gtest/gtest.h>

#include "activitypub/actors.hpp"
#include "activitypub/protection.hpp"
#include "storage/accounts.hpp"
#include "support/json.hpp"
#include "support/test_node.hpp"
#include "web/noai/protection_params.hpp"
#include "web/server.hpp"

namespace gesso::test {
namespace {

class ProtectionParams : public ::testing::Test {
protected:
    ProtectionParams() {
        alice = node.create_account("alice");
        router.add(http::verb::post, "/test/protection/:username", [this](const web::Request& req) {
            core::Account account = activitypub::visible_local_account(node.ctx(), req.param("username"));
            auto settings = web::noai::apply_protection_params(node.ctx(), account, web::Params::from(req));
            core::JsonWriter w;
            w.begin_object().key("source").begin_object();
            web::noai::write_protection_source(w, settings);
            w.end_object().end_object();
            return web::json_response(w.str());
        });
        web::ServerOptions options;
        options.access_log = false;
        options.io_threads = 1;
        options.worker_threads = 1;
        server = std::make_unique<web::HttpServer>(options, router);
        server->start();
    }
    ~ProtectionParams() override { server->stop(std::chrono::seconds(5)); }

    HttpResult post(const std::string& body, const std::string& content_type) {
        HttpCall call;
        call.method = http::verb::post;
        call.target = "/test/protection/alice";
        call.headers.push_back({"Content-Type", content_type});
        call.body = body;
        return http_request(server->port(), call);
    }
    core::Account reload() {
        return *node.db().read([&](storage::Connection& c) { return storage::find_account(c, alice.id); });
    }

    TestNode node;
    core::Account alice;
    web::Router router;
    std::unique_ptr<web::HttpServer> server;
};

TEST_F(ProtectionParams, AJsonUpdateSetsEveryFieldAndTheSourceShowsThem) {
    auto res = post(R"({"gesso": {"license": "cc-by-nc-4.0", "cloak_level": "low", "ai_training_reserved": false,
                       "watermark": {"text": "© alice", "position": "top-left", "opacity": 0.3},
                       "allow_original_download": true}, "indexable": true, "discoverable": true})",
                    "application/json");
    ASSERT_EQ(res.status, 200) << res.body;
    rapidjson::Document doc = parse_document(res.body);
    const auto& g = doc["source"]["gesso"];
    EXPECT_FALSE(g["ai_training_reserved"].GetBool());
    EXPECT_EQ(std::string(g["data_mining"].GetString()), "DMI-ALLOWED");
    EXPECT_EQ(std::string(g["x_robots_tag"].GetString()), "all");
    EXPECT_EQ(std::string(g["license"].GetString()), "https://creativecommons.org/licenses/by-nc/4.0/");
    EXPECT_EQ(std::string(g["cloak_level"].GetString()), "low");
    EXPECT_EQ(std::string(g["watermark"]["text"].GetString()), "© alice");
    EXPECT_EQ(std::string(g["watermark"]["position"].GetString()), "top-left");
    EXPECT_DOUBLE_EQ(g["watermark"]["opacity"].GetDouble(), 0.3);
    EXPECT_TRUE(g["allow_original_download"].GetBool());
    EXPECT_TRUE(reload().indexable);
    EXPECT_TRUE(reload().discoverable);
    // Stored, not just echoed.
    auto stored = activitypub::protection_settings(node.ctx(), alice.id);
    EXPECT_EQ(stored.data_mining, "DMI-ALLOWED");
    EXPECT_EQ(stored.cloak_level, "low");
}

TEST_F(ProtectionParams, FormParamsWorkAndUnsentFieldsKeepTheirValues) {
    ASSERT_EQ(post("gesso[license]=cc-by-4.0", "application/x-www-form-urlencoded").status, 200);
    auto res = post("gesso[data_mining]=DMI-PROHIBITED-GENAIMLTRAINING", "application/x-www-form-urlencoded");
    ASSERT_EQ(res.status, 200) << res.body;
    rapidjson::Document doc = parse_document(res.body);
    const auto& g = doc["source"]["gesso"];
    EXPECT_EQ(std::string(g["license"].GetString()), "https://creativecommons.org/licenses/by/4.0/");
    EXPECT_TRUE(g["ai_training_reserved"].GetBool());
    EXPECT_EQ(std::string(g["x_robots_tag"].GetString()), "noai, noimageai");
    EXPECT_FALSE(reload().indexable);
}

TEST_F(ProtectionParams, DefaultsShowWhenNothingIsSent) {
    auto res = post("", "application/x-www-form-urlencoded");
    ASSERT_EQ(res.status, 200) << res.body;
    rapidjson::Document doc = parse_document(res.body);
    const auto& g = doc["source"]["gesso"];
    EXPECT_TRUE(g["ai_training_reserved"].GetBool());
    EXPECT_EQ(std::string(g["data_mining"].GetString()), "DMI-PROHIBITED-AIMLTRAINING");
    EXPECT_TRUE(g["license"].IsNull());
    EXPECT_EQ(std::string(g["cloak_level"].GetString()), "off");
    EXPECT_FALSE(g["allow_original_download"].GetBool());
}

TEST_F(ProtectionParams, AnyInvalidValueRefusesTheWholeUpdate) {
    const char* bad[] = {
        "gesso[license]=cc-by-4.0&gesso[cloak_level]=maximum",
        "gesso[license]=cc-by-4.0&gesso[watermark][opacity]=7",
        "gesso[license]=cc-by-4.0&gesso[watermark][opacity]=lots",
        "gesso[license]=gpl-3.0",
        "gesso[license]=cc-by-4.0&gesso[data_mining]=DMI-MAYBE",
        "gesso[license]=cc-by-4.0&gesso[watermark][position]=middle",
        "gesso[license]=cc-by-4.0&gesso[ai_training_reserved]=perhaps",
        "gesso[license]=cc-by-4.0&gesso[ai_training_reserved]=true&gesso[data_mining]=DMI-ALLOWED",
        "gesso[license]=cc-by-4.0&gesso[watermark][text]=a%0Ab",
        "gesso[license]=cc-by-4.0&indexable=yes-please",
    };
    for (const char* body : bad) {
        auto res = post(body, "application/x-www-form-urlencoded");
        EXPECT_EQ(res.status, 422) << body << " -> " << res.body;
        EXPECT_TRUE(parse_document(res.body)["error"].IsString()) << body;
    }
    std::string long_text = "gesso[watermark][text]=" + std::string(101, 'w');
    EXPECT_EQ(post(long_text, "application/x-www-form-urlencoded").status, 422);
    // Nothing was written by any of them.
    auto stored = activitypub::protection_settings(node.ctx(), alice.id);
    EXPECT_EQ(stored.license, "");
    EXPECT_EQ(stored.cloak_level, "off");
    EXPECT_FALSE(reload().indexable);
}

}  // namespace
}  // namespace gesso::test
