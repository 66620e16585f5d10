// PATCH /api/v1/accounts/update_credentials over real HTTP: text fields, flags, profile fields, posting
// defaults (returned in `source` by verify_credentials too), avatar and header through the safe image
// intake (cropped and resized), refusals that change nothing, and the Update(Person) queued for followers.
#include <gtest/gtest.h>

#include "core/limits.hpp"
#include "support/http_client.hpp"
#include "support/json.hpp"
#include "support/test_node.hpp"
#include "unit/media_fixtures.hpp"

namespace gesso::test {
namespace {

namespace fx = gesso::test::media;
constexpr const char* kBoundary = "profileBoundary42";

struct Part {
    std::string name, value, filename;
};

std::string form(const std::vector<Part>& parts) {
    std::string body;
    for (const auto& p : parts) {
        body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
        if (!p.filename.empty()) body += "; filename=\"" + p.filename + "\"\r\nContent-Type: image/jpeg";
        body += "\r\n\r\n" + p.value + "\r\n";
    }
    return body + "--" + kBoundary + "--\r\n";
}

class UpdateCredentials : public ::testing::Test {
protected:
    UpdateCredentials() {
        alice = node.create_account("alice");
        follower = node.insert_remote_follower(alice, "fan");
        auto app = parse_document(call(http::verb::post, "/api/v1/apps",
                                       R"({"client_name":"t","redirect_uris":"urn:ietf:wg:oauth:2.0:oob","scopes":"read write"})")
                                      .body);
        auto res = call(http::verb::post, "/oauth/token",
                        std::string("grant_type=password&username=alice&password=correct+horse+battery&client_id=") +
                            app["client_id"].GetString() + "&client_secret=" + app["client_secret"].GetString() +
                            "&scope=read+write",
                        "application/x-www-form-urlencoded");
        token = parse_document(res.body)["access_token"].GetString();
    }
    HttpResult call(http::verb method, const std::string& target, const std::string& body = "",
                    const std::string& type = "application/json") {
        HttpCall c{method, target, {}, body};
        if (!body.empty()) c.headers.emplace_back("Content-Type", type);
        if (!token.empty()) c.headers.emplace_back("Authorization", "Bearer " + token);
        return http_request(node.port(), c);
    }
    HttpResult patch(const std::vector<Part>& parts) {
        return call(http::verb::patch, "/api/v1/accounts/update_credentials", form(parts),
                    std::string("multipart/form-data; boundary=") + kBoundary);
    }
    std::int64_t queued_updates() {
        return node.db().read([](storage::Connection& c) {
            auto s = c.prepare("SELECT count(*) FROM outbox_jobs WHERE payload LIKE '%\"Update\"%'");
            s.step();
            return s.int64(0);
        });
    }

    TestNode node;
    core::Account alice, follower;
    std::string token;
};

TEST_F(UpdateCredentials, EditsTheProfileAndImagesAndTellsFollowers) {
    auto res = patch({{"display_name", "Alice Painter", ""},
                      {"note", "Oils & <b>ink</b>\nCommissions open", ""},
                      {"locked", "true", ""},
                      {"bot", "0", ""},
                      {"discoverable", "True", ""},
                      {"indexable", "false", ""},
                      {"hide_collections", "1", ""},
                      {"fields_attributes[0][name]", "Shop", ""},
                      {"fields_attributes[0][value]", "https://shop.example", ""},
                      {"fields_attributes[1][name]", "Pronouns", ""},
                      {"fields_attributes[1][value]", "she/her", ""},
                      {"source[privacy]", "private", ""},
                      {"source[sensitive]", "true", ""},
                      {"source[language]", "fr", ""},
                      {"avatar", fx::encode(fx::picture(900, 600, 2), ".jpg"), "me.jpg"},
                      {"header", fx::encode(fx::picture(3000, 1400, 3), ".png"), "banner.png"}});
    ASSERT_EQ(res.status, 200) << res.body;
    auto a = parse_document(res.body);
    EXPECT_STREQ(a["display_name"].GetString(), "Alice Painter");
    std::string note = a["note"].GetString();
    EXPECT_NE(note.find("&lt;b&gt;ink&lt;/b&gt;"), std::string::npos) << note;  // plain text, escaped into HTML
    EXPECT_NE(note.find("Oils &amp; "), std::string::npos) << note;
    EXPECT_TRUE(a["locked"].GetBool());
    EXPECT_FALSE(a["bot"].GetBool());
    EXPECT_TRUE(a["discoverable"].GetBool());
    EXPECT_FALSE(a["indexable"].GetBool());
    ASSERT_EQ(a["fields"].Size(), 2u);
    EXPECT_STREQ(a["fields"][1]["name"].GetString(), "Pronouns");
    EXPECT_STREQ(a["source"]["privacy"].GetString(), "private");
    EXPECT_TRUE(a["source"]["sensitive"].GetBool());
    EXPECT_STREQ(a["source"]["language"].GetString(), "fr");
    EXPECT_STREQ(a["source"]["note"].GetString(), "Oils & <b>ink</b>\nCommissions open");

    auto fetch = [&](const char* key) {
        std::string url = a[key].GetString();
        EXPECT_EQ(url.rfind(node.base() + "/media/", 0), 0u) << url;
        auto r = node.get(url.substr(node.base().size()));
        EXPECT_EQ(r.status, 200);
        EXPECT_EQ(r.header("x-robots-tag"), "noai, noimageai");
        return fx::decode(r.body);
    };
    cv::Mat avatar = fetch("avatar");
    EXPECT_EQ(avatar.cols, core::limits::kAvatarEdge);
    EXPECT_EQ(avatar.rows, core::limits::kAvatarEdge);
    cv::Mat header = fetch("header");
    EXPECT_EQ(header.cols, core::limits::kHeaderWidth);
    EXPECT_EQ(header.rows, core::limits::kHeaderHeight);

    auto verified = parse_document(call(http::verb::get, "/api/v1/accounts/verify_credentials").body);
    EXPECT_STREQ(verified["source"]["privacy"].GetString(), "private");
    EXPECT_STREQ(verified["source"]["language"].GetString(), "fr");
    EXPECT_STREQ(verified["avatar"].GetString(), a["avatar"].GetString());
    EXPECT_EQ(verified["source"]["fields"].Size(), 2u);
    EXPECT_EQ(queued_updates(), 1);

    // JSON bodies work too, and only what is sent changes.
    auto json = call(http::verb::patch, "/api/v1/accounts/update_credentials",
                     R"({"display_name":"A. P.","fields_attributes":[{"name":"Site","value":"https://alice.example"}]})");
    ASSERT_EQ(json.status, 200) << json.body;
    auto j = parse_document(json.body);
    EXPECT_STREQ(j["display_name"].GetString(), "A. P.");
    EXPECT_TRUE(j["locked"].GetBool());
    ASSERT_EQ(j["fields"].Size(), 1u);
    EXPECT_STREQ(j["fields"][0]["name"].GetString(), "Site");
    EXPECT_EQ(queued_updates(), 2);
}

TEST_F(UpdateCredentials, RefusalsChangeNothing) {
    std::vector<std::vector<Part>> bad = {
        {{"display_name", "x", ""}, {"avatar", "not an image at all", "a.jpg"}},
        {{"display_name", "x", ""}, {"source[privacy]", "everyone", ""}},
        {{"display_name", std::string(core::limits::kMaxDisplayNameLength + 1, 'n'), ""}},
        {{"display_name", "x", ""}, {"fields_attributes[4][name]", "fifth", ""}, {"fields_attributes[4][value]", "v", ""}},
        {{"display_name", "x", ""}, {"locked", "maybe", ""}},
        {{"display_name", "x", ""}, {"source[language]", "french", ""}},
    };
    std::string before = parse_document(call(http::verb::get, "/api/v1/accounts/verify_credentials").body)["display_name"].GetString();
    for (const auto& parts : bad) {
        auto res = patch(parts);
        EXPECT_EQ(res.status, 422) << res.body;
        EXPECT_TRUE(parse_document(res.body).HasMember("error"));
    }
    auto me = parse_document(call(http::verb::get, "/api/v1/accounts/verify_credentials").body);
    EXPECT_EQ(me["display_name"].GetString(), before);
    EXPECT_STREQ(me["source"]["privacy"].GetString(), "public");
    EXPECT_EQ(queued_updates(), 0);
    EXPECT_TRUE(std::filesystem::is_empty(node.data_dir() / "media" / "files"));
    token.clear();
    EXPECT_EQ(patch({{"display_name", "anon", ""}}).status, 401);
}

}  // namespace
}  // namespace gesso::test
