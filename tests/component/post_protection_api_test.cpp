// Per-post protection over real HTTP (issues 5 and 6): a status's own AI-training reservation, licence and
// indexable (gesso[...] with POST and PUT /api/v1/statuses) shown in its entity, its source and its headers and
// written into its images; the original-size copy served only while the owner allows it; the TDMRep file
// listing opted-in accounts and posts; files of deleted posts and replaced avatars leaving the disk.
#include <gtest/gtest.h>

#include <set>

#include <filesystem>

#include "client_api_fixture.hpp"

#include "activitypub/federation.hpp"
#include "activitypub/media_cleanup.hpp"
#include "activitypub/media_intake.hpp"
#include "activitypub/profile_edit.hpp"
#include "activitypub/protection.hpp"
#include "core/limits.hpp"
#include "core/protection.hpp"
#include "media/store.hpp"
#include "storage/media.hpp"
#include "support/manual_clock.hpp"
#include "unit/media_fixtures.hpp"

namespace gesso::test {
namespace {

namespace fx = gesso::test::media;
using gesso::media::MediaStore;
using gesso::media::StoreArea;
using storage::Connection;

constexpr const char* kCcBy = "https://creativecommons.org/licenses/by/4.0/";
const std::string kAllowed = std::string(core::kPlusVocabulary) + "DMI-ALLOWED";
const std::string kProhibited = std::string(core::kPlusVocabulary) + "DMI-PROHIBITED-AIMLTRAINING";

struct WithClock {
    ManualClock clock;
    TestNodeOptions options() {
        TestNodeOptions o;
        o.clock = &clock;
        return o;
    }
};

class PostProtection : protected WithClock, public ClientApi {
protected:
    PostProtection() : ClientApi(options()) {}

    // A real upload of `account` with the account's defaults, as POST /api/v1/media makes it.
    core::MediaAttachment upload(const core::Account& account, int width = 900, int height = 600, int seed = 7) {
        auto options = activitypub::with_account_defaults(node.ctx(), account.id, std::nullopt, std::nullopt, std::nullopt);
        return activitypub::store_upload(node.ctx(), account, fx::encode(fx::picture(width, height, seed), ".jpg"), options);
    }
    HttpResult form(http::verb method, const std::string& target, const std::string& token, const std::string& body) {
        return call(method, target, token, body, "application/x-www-form-urlencoded");
    }
    rapidjson::Document ok_form(http::verb method, const std::string& target, const std::string& token,
                                const std::string& body) {
        auto res = form(method, target, token, body);
        EXPECT_EQ(res.status, 200) << target << ": " << res.body;
        return parse_document(res.body);
    }
    std::optional<core::MediaAttachment> media_row(core::Id id) {
        return node.db().read([&](Connection& c) { return storage::find_media(c, id); });
    }
    std::string path_of(const std::string& url) { return url.substr(node.base().size()); }
    std::filesystem::path file(const char* area, const std::string& name) { return node.data_dir() / "media" / area / name; }
    int statuses_count() {
        return node.db().read([](Connection& c) {
            auto s = c.prepare("SELECT count(*) FROM statuses");
            s.step();
            return static_cast<int>(s.int64(0));
        });
    }
    void allow_originals(const core::Account& account, bool allow) {
        activitypub::ProtectionUpdate u;
        u.allow_original_download = allow;
        activitypub::update_protection(node.ctx(), account.id, u);
    }
    void clean() {
        while (activitypub::clean_media(node.ctx(), 64) > 0) {
        }
    }
};

TEST_F(PostProtection, APostsOwnChoicesAreShownServedAndWrittenIntoItsImage) {
    core::MediaAttachment m = upload(alice);
    ASSERT_EQ(m.data_mining, kProhibited);
    const std::string old_name = m.file_path;
    auto status = ok_form(http::verb::post, "/api/v1/statuses", alice_token,
                          "status=free+to+learn&media_ids[]=" + std::to_string(m.id) +
                              "&gesso[data_mining]=DMI-ALLOWED&gesso[license]=cc-by-4.0&gesso[indexable]=true");
    const auto& g = status["gesso"];
    EXPECT_STREQ(g["x_robots_tag"].GetString(), "all");
    EXPECT_STREQ(g["license"].GetString(), kCcBy);
    EXPECT_TRUE(g["indexable"].GetBool()) << "alice's own flag is false; the post says true";
    EXPECT_STREQ(g["data_mining"].GetString(), "DMI-ALLOWED");
    ASSERT_EQ(status["media_attachments"].Size(), 1u);
    const auto& attachment = status["media_attachments"][0];
    EXPECT_EQ(attachment["gesso"]["data_mining"].GetString(), kAllowed);
    EXPECT_STREQ(attachment["gesso"]["licence"].GetString(), kCcBy);
    EXPECT_STREQ(attachment["gesso"]["x_robots_tag"].GetString(), "all");
    EXPECT_TRUE(attachment["gesso"]["original_url"].IsNull()) << "alice does not offer originals";

    // The image got new files carrying the post's marks; the old ones are queued and go with the next cleanup.
    auto row = media_row(m.id);
    ASSERT_TRUE(row);
    EXPECT_NE(row->file_path, old_name);
    std::string url = attachment["url"].GetString();
    EXPECT_EQ(path_of(url), "/media/" + row->file_path);
    auto served = node.get(path_of(url));
    ASSERT_EQ(served.status, 200);
    EXPECT_EQ(served.header("x-robots-tag"), "all");
    EXPECT_EQ(served.header("tdm-reservation"), "0");
    EXPECT_EQ(served.header("link"), std::string("<") + kCcBy + ">; rel=\"license\"");
    EXPECT_NE(served.body.find("DMI-ALLOWED"), std::string::npos);
    EXPECT_EQ(served.body.find("DMI-PROHIBITED"), std::string::npos);
    EXPECT_NE(served.body.find(kCcBy), std::string::npos);
    EXPECT_EQ(fx::decode(served.body).cols, 900) << "same pixels, new marks";
    auto preview = node.get(path_of(attachment["preview_url"].GetString()));
    ASSERT_EQ(preview.status, 200);
    EXPECT_NE(preview.body.find("DMI-ALLOWED"), std::string::npos);
    EXPECT_TRUE(std::filesystem::exists(file("files", old_name)));
    clean();
    EXPECT_FALSE(std::filesystem::exists(file("files", old_name)));
    EXPECT_FALSE(std::filesystem::exists(file("files", MediaStore::preview_name(old_name))));
    EXPECT_TRUE(std::filesystem::exists(file("files", row->file_path)));

    // The status answers with the post's reservation, and its source shows the post's own choices.
    std::string id = status["id"].GetString();
    auto shown = call(http::verb::get, "/api/v1/statuses/" + id, "");
    EXPECT_EQ(shown.header("x-robots-tag"), "all");
    EXPECT_EQ(shown.header("tdm-reservation"), "0");
    auto source = ok(http::verb::get, "/api/v1/statuses/" + id + "/source", alice_token);
    EXPECT_STREQ(source["gesso"]["data_mining"].GetString(), "DMI-ALLOWED");
    EXPECT_STREQ(source["gesso"]["license"].GetString(), kCcBy);
    EXPECT_TRUE(source["gesso"]["indexable"].GetBool());

    // An edit that returns the reservation to alice's default re-marks the image; the licence it did not send stays.
    auto edited = ok_form(http::verb::put, "/api/v1/statuses/" + id, alice_token,
                          "status=changed+my+mind&media_ids[]=" + std::to_string(m.id) + "&gesso[data_mining]=default");
    EXPECT_STREQ(edited["gesso"]["x_robots_tag"].GetString(), "noai, noimageai");
    EXPECT_STREQ(edited["gesso"]["license"].GetString(), kCcBy);
    EXPECT_EQ(edited["media_attachments"][0]["gesso"]["data_mining"].GetString(), kProhibited);
    auto reserved = node.get(path_of(edited["media_attachments"][0]["url"].GetString()));
    ASSERT_EQ(reserved.status, 200);
    EXPECT_EQ(reserved.header("x-robots-tag"), "noai, noimageai");
    EXPECT_EQ(reserved.header("tdm-reservation"), "1");
    EXPECT_NE(reserved.body.find("DMI-PROHIBITED-AIMLTRAINING"), std::string::npos);
    auto source2 = ok(http::verb::get, "/api/v1/statuses/" + id + "/source", alice_token);
    EXPECT_TRUE(source2["gesso"]["data_mining"].IsNull());
    EXPECT_STREQ(source2["gesso"]["license"].GetString(), kCcBy);
}

TEST_F(PostProtection, InvalidChoicesAreRefusedNamingTheParameterWithNothingPosted) {
    core::MediaAttachment m = upload(alice);
    int before = statuses_count();
    struct Case {
        std::string params, named;
    };
    for (const auto& c : {Case{"gesso[data_mining]=DMI-MAYBE", "gesso[data_mining]"},
                          Case{"gesso[license]=gpl-3.0", "gesso[license]"},
                          Case{"gesso[indexable]=perhaps", "gesso[indexable]"},
                          Case{"gesso[ai_training_reserved]=true&gesso[data_mining]=DMI-ALLOWED",
                               "gesso[ai_training_reserved]"}}) {
        auto res = form(http::verb::post, "/api/v1/statuses", alice_token,
                        "status=x&media_ids[]=" + std::to_string(m.id) + "&" + c.params);
        EXPECT_EQ(res.status, 422) << c.params << ": " << res.body;
        EXPECT_NE(res.body.find(c.named), std::string::npos) << res.body;
    }
    EXPECT_EQ(statuses_count(), before);
    EXPECT_EQ(media_row(m.id)->data_mining, kProhibited) << "the image was not re-marked";
    auto scheduled = form(http::verb::post, "/api/v1/statuses", alice_token,
                          "status=later&scheduled_at=2099-01-01T00:00:00Z&gesso[license]=cc-by-4.0");
    EXPECT_EQ(scheduled.status, 422) << scheduled.body;
}

TEST_F(PostProtection, TheOriginalSizeCopyIsServedOnlyWhileTheOwnerAllowsIt) {
    // Larger than the node's served "full" size (2048 px), so the copy is visibly the original's size.
    core::MediaAttachment m = upload(alice, 2600, 1300, 11);
    std::string id = post_status(alice_token, R"({"status":"big","media_ids":[")" + std::to_string(m.id) + R"("]})");
    const std::string copy = "/media/" + MediaStore::original_copy_name(m.file_path);
    EXPECT_EQ(node.get(copy).status, 404);
    EXPECT_FALSE(std::filesystem::exists(file("files", MediaStore::original_copy_name(m.file_path))));

    allow_originals(alice, true);
    auto status = ok(http::verb::get, "/api/v1/statuses/" + id, "");
    const auto& g = status["media_attachments"][0]["gesso"];
    ASSERT_TRUE(g["original_url"].IsString()) << "offered once allowed";
    EXPECT_EQ(path_of(g["original_url"].GetString()), copy);
    auto res = node.get(copy);
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.header("content-type"), "image/jpeg");
    EXPECT_EQ(res.header("x-robots-tag"), "noai, noimageai");
    cv::Mat pixels = fx::decode(res.body);
    EXPECT_EQ(pixels.cols, 2600);
    EXPECT_EQ(pixels.rows, 1300);
    EXPECT_NE(res.body.find("DMI-PROHIBITED-AIMLTRAINING"), std::string::npos) << "marked like every served file";
    auto original = node.media().read_original(m.original_path);
    ASSERT_TRUE(original);
    EXPECT_NE(res.body, *original) << "re-encoded, never the private file";
    EXPECT_TRUE(std::filesystem::exists(file("files", MediaStore::original_copy_name(m.file_path))));
    auto full = node.get(path_of(status["media_attachments"][0]["url"].GetString()));
    EXPECT_EQ(fx::decode(full.body).cols, core::limits::kDefaultFullLongEdge);

    allow_originals(alice, false);
    EXPECT_EQ(node.get(copy).status, 404);
    auto again = ok(http::verb::get, "/api/v1/statuses/" + id, "");
    EXPECT_TRUE(again["media_attachments"][0]["gesso"]["original_url"].IsNull());
    // The private original stays unreachable under every name.
    EXPECT_EQ(node.get("/media/" + m.original_path).status, 404);
}

TEST_F(PostProtection, TdmrepListsOptedInAccountsAndPostsMostSpecificFirst) {
    activitypub::ProtectionUpdate opt_in;
    opt_in.data_mining = "DMI-ALLOWED";
    activitypub::update_protection(node.ctx(), alice.id, opt_in);
    std::string alice_open = post_status(alice_token, R"({"status":"learn from this"})");
    std::string alice_closed = ok_form(http::verb::post, "/api/v1/statuses", alice_token,
                                       "status=not+this+one&gesso[ai_training_reserved]=true")["id"].GetString();
    core::MediaAttachment image = upload(bob);
    std::string bob_open = ok_form(http::verb::post, "/api/v1/statuses", bob_token,
                                   "status=just+this&media_ids[]=" + std::to_string(image.id) +
                                       "&gesso[data_mining]=DMI-ALLOWED")["id"].GetString();
    std::string bob_image = media_row(image.id)->file_path;

    auto res = node.get("/.well-known/tdmrep.json");
    ASSERT_EQ(res.status, 200);
    auto doc = parse_document(res.body);
    ASSERT_TRUE(doc.IsArray());
    ASSERT_LE(doc.Size(), core::limits::kMaxTdmrepEntries + 1);
    // TDMRep: robots-style patterns (a prefix, "*" any run, "$" the end), first match wins.
    auto matches = [](std::string_view pattern, std::string_view path) {
        bool anchored = pattern.ends_with('$');
        if (anchored) pattern.remove_suffix(1);
        if (pattern.ends_with('*')) {
            pattern.remove_suffix(1);
            return path.starts_with(pattern);
        }
        return anchored ? path == pattern : path.starts_with(pattern);
    };
    auto reservation = [&](const std::string& path) {
        for (const auto& e : doc.GetArray()) {
            if (matches(e["location"].GetString(), path)) {
                int value = e["tdm-reservation"].GetInt();
                if (value == 1) {
                    EXPECT_TRUE(e.HasMember("tdm-policy")) << path;
                }
                return value;
            }
        }
        ADD_FAILURE() << "nothing matches " << path;
        return -1;
    };
    EXPECT_EQ(reservation("/@alice"), 0);
    EXPECT_EQ(reservation("/@alice/" + alice_open), 0);
    EXPECT_EQ(reservation("/users/alice/statuses/" + alice_open), 0);
    EXPECT_EQ(reservation("/@alice/" + alice_closed), 1);
    EXPECT_EQ(reservation("/users/alice/statuses/" + alice_closed + "/activity"), 1);
    EXPECT_EQ(reservation("/@alicex"), 1) << "another account sharing the prefix";
    EXPECT_EQ(reservation("/@bob"), 1);
    EXPECT_EQ(reservation("/@bob/" + bob_open), 0);
    EXPECT_EQ(reservation("/media/" + bob_image), 0);
    EXPECT_EQ(reservation("/media/" + MediaStore::preview_name(bob_image)), 0);
    EXPECT_EQ(reservation("/@bob/1"), 1);
    EXPECT_EQ(reservation("/media/1-0123456789abcdef.jpg"), 1);
    EXPECT_STREQ(doc[doc.Size() - 1]["location"].GetString(), "/*");
}

TEST_F(PostProtection, FilesOfDeletedPostsAndReplacedAvatarsLeaveTheDisk) {
    core::MediaAttachment m = upload(alice);
    std::string id = post_status(alice_token, R"({"status":"soon gone","media_ids":[")" + std::to_string(m.id) + R"("]})");
    allow_originals(alice, true);
    ASSERT_EQ(node.get("/media/" + MediaStore::original_copy_name(m.file_path)).status, 200);
    const std::vector<std::filesystem::path> files{
        file("files", m.file_path), file("files", MediaStore::preview_name(m.file_path)),
        file("files", MediaStore::original_copy_name(m.file_path)), file("originals", m.original_path)};
    for (const auto& f : files) ASSERT_TRUE(std::filesystem::exists(f)) << f;

    ASSERT_EQ(call(http::verb::delete_, "/api/v1/statuses/" + id, alice_token).status, 200);
    clean();
    for (const auto& f : files) EXPECT_TRUE(std::filesystem::exists(f)) << "kept a day for a redraft: " << f;
    clock.advance(std::chrono::seconds(core::limits::kUnattachedMediaSeconds + 1));
    // The worker's pump does the cleanup: the stale upload's row goes, then its files.
    while (activitypub::pump_once(node.ctx()).total() > 0) {
    }
    EXPECT_FALSE(media_row(m.id));
    for (const auto& f : files) EXPECT_FALSE(std::filesystem::exists(f)) << f;
    EXPECT_EQ(node.get("/media/" + m.file_path).status, 404);

    // An avatar replaced by another: the first file goes once the change is in.
    const std::string first_avatar = fx::encode(fx::picture(300, 300, 1), ".png");
    const std::string second_avatar = fx::encode(fx::picture(300, 300, 2), ".png");
    activitypub::ProfileChanges change;
    change.avatar = first_avatar;
    core::Account updated = activitypub::update_credentials(node.ctx(), alice, change);
    std::string first_name = path_of(updated.avatar_url).substr(std::string("/media/").size());
    ASSERT_TRUE(std::filesystem::exists(file("files", first_name)));
    change.avatar = second_avatar;
    core::Account replaced = activitypub::update_credentials(node.ctx(), alice, change);
    ASSERT_NE(replaced.avatar_url, updated.avatar_url);
    EXPECT_TRUE(std::filesystem::exists(file("files", first_name))) << "not before the cleanup runs";
    clean();
    EXPECT_FALSE(std::filesystem::exists(file("files", first_name)));
    EXPECT_TRUE(std::filesystem::exists(file("files", path_of(replaced.avatar_url).substr(7))));

    // A change whose header is refused after its avatar was stored leaves no new file behind.
    auto files_now = [&] {
        std::set<std::string> names;
        for (const auto& e : std::filesystem::directory_iterator(node.data_dir() / "media" / "files")) {
            names.insert(e.path().filename().string());
        }
        return names;
    };
    auto before = files_now();
    const std::string third_avatar = fx::encode(fx::picture(300, 300, 3), ".png");  // the changes point into it
    const std::string not_an_image = "GIF89a but not an image at all";
    activitypub::ProfileChanges refused;
    refused.avatar = third_avatar;
    refused.header = not_an_image;
    EXPECT_THROW(activitypub::update_credentials(node.ctx(), alice, refused), core::Error);
    EXPECT_EQ(files_now(), before);
}

TEST_F(PostProtection, ACrashAfterTheCommitLeavesAQueuedNameThatTheNextRunClears) {
    core::MediaAttachment m = upload(alice);
    // The database change commits, then the process dies before any file is removed.
    node.db().write([&](Connection& c) { storage::discard_media(c, m.id); });
    EXPECT_FALSE(media_row(m.id)) << "no row left pointing at files";
    EXPECT_TRUE(std::filesystem::exists(file("files", m.file_path)));
    // Or it died after removing some files but before forgetting the name.
    std::filesystem::remove(file("files", m.file_path));
    clean();
    EXPECT_FALSE(std::filesystem::exists(file("files", MediaStore::preview_name(m.file_path))));
    EXPECT_FALSE(std::filesystem::exists(file("originals", m.original_path)));
    EXPECT_TRUE(node.db().read([](Connection& c) { return storage::list_media_garbage(c, 10); }).empty());
}

}  // namespace
}  // namespace gesso::test
