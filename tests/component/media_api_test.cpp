// Uploading, reading, editing and serving images over real HTTP: POST /api/v1/media and /api/v2/media with
// multipart bodies built here, GET/PUT /api/v1/media/:id, the Mastodon attachment shape with Gesso's `gesso`
// object, the served derivatives and their headers, refusals (type decided by the bytes, corrupt files,
// multipart limits, path traversal), attaching to statuses, and near-duplicate lookup of the stored hashes.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "core/limits.hpp"
#include "storage/media.hpp"
#include "client_api_fixture.hpp"
#include "support/multipart.hpp"
#include "unit/media_fixtures.hpp"

namespace gesso::test {
namespace {

namespace fx = gesso::test::media;

std::size_t files_in(const std::filesystem::path& dir) {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) n += e.is_regular_file() ? 1 : 0;
    return n;
}

// The path part of an absolute URL of the node.
std::string target_of(const std::string& url, const std::string& base) {
    EXPECT_EQ(url.rfind(base, 0), 0u) << url;
    return url.substr(base.size());
}

class MediaApi : public ClientApi {
protected:
    HttpResult upload(const std::string& token, const std::vector<FormPart>& parts, const std::string& path = "/api/v1/media") {
        return call(http::verb::post, path, token, multipart(parts), multipart_type());
    }
    std::string upload_id(const std::string& bytes) {
        auto res = upload(alice_token, {{"file", bytes, "a.jpg", "image/jpeg"}});
        EXPECT_EQ(res.status, 200) << res.body;
        return parse_document(res.body)["id"].GetString();
    }
    std::size_t media_rows() {
        return node.db().read([](storage::Connection& c) {
            auto s = c.prepare("SELECT count(*) FROM media");
            s.step();
            return static_cast<std::size_t>(s.int64(0));
        });
    }
};

// An A1111-style PNG: generation parameters in a tEXt chunk, as PROTECTION.md describes.
std::string a1111_png(int width, int height) {
    std::string png = fx::encode(fx::picture(width, height, 3), ".png");
    return fx::with_chunk(png, fx::text_chunk("parameters", "a castle\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1"));
}

TEST_F(MediaApi, UploadAnswersTheMastodonAttachmentWithGessoProtection) {
    auto res = upload(alice_token, {{"file", a1111_png(1200, 800), "castle.png", "image/png"},
                                    {"description", "A castle at dusk"},
                                    {"focus", "0.5,-0.25"},
                                    {"cloak", "medium"},
                                    {"watermark", "true"},
                                    {"licence", "https://creativecommons.org/licenses/by-nc-nd/4.0/"}});
    ASSERT_EQ(res.status, 200) << res.body;
    auto m = parse_document(res.body);
    // Mastodon's documented MediaAttachment fields.
    for (const char* field : {"id", "type", "url", "preview_url", "remote_url", "meta", "description", "blurhash"}) {
        EXPECT_TRUE(m.HasMember(field)) << field;
    }
    EXPECT_STREQ(m["type"].GetString(), "image");
    EXPECT_TRUE(m["remote_url"].IsNull());
    EXPECT_STREQ(m["description"].GetString(), "A castle at dusk");
    EXPECT_GT(m["blurhash"].GetStringLength(), 6u);
    const auto& meta = m["meta"];
    EXPECT_EQ(meta["original"]["width"].GetInt(), 1200);
    EXPECT_EQ(meta["original"]["height"].GetInt(), 800);
    EXPECT_STREQ(meta["original"]["size"].GetString(), "1200x800");
    EXPECT_DOUBLE_EQ(meta["original"]["aspect"].GetDouble(), 1.5);
    EXPECT_EQ(meta["small"]["width"].GetInt(), core::limits::kPreviewLongEdge);
    EXPECT_NEAR(meta["small"]["aspect"].GetDouble(), 1.5, 0.01);
    EXPECT_DOUBLE_EQ(meta["focus"]["x"].GetDouble(), 0.5);
    EXPECT_DOUBLE_EQ(meta["focus"]["y"].GetDouble(), -0.25);
    // Issue 5's object.
    const auto& g = m["gesso"];
    EXPECT_STREQ(g["ai"]["verdict"].GetString(), "declared");
    ASSERT_GE(g["ai"]["evidence"].Size(), 1u);
    EXPECT_TRUE(g["ai"]["evidence"][0]["marker"].IsString());
    EXPECT_NE(std::string(g["ai"]["evidence"][0]["where"].GetString()).find("parameters"), std::string::npos);
    EXPECT_TRUE(g["cloaked"].GetBool());
    EXPECT_STREQ(g["data_mining"].GetString(), "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING");
    EXPECT_STREQ(g["licence"].GetString(), "https://creativecommons.org/licenses/by-nc-nd/4.0/");
    EXPECT_TRUE(std::regex_match(std::string(g["pdq"].GetString()), std::regex("[0-9a-f]{64}")));

    // The served full derivative: the right type, length and headers, and the picture itself.
    auto full = node.get(target_of(m["url"].GetString(), node.base()));
    ASSERT_EQ(full.status, 200);
    EXPECT_EQ(full.header("content-type"), "image/png");
    EXPECT_EQ(full.header("content-length"), std::to_string(full.body.size()));
    EXPECT_NE(full.header("cache-control").find("public"), std::string::npos);
    EXPECT_NE(full.header("cache-control").find("immutable"), std::string::npos);
    EXPECT_NE(full.header("cache-control").find("max-age="), std::string::npos);
    EXPECT_EQ(full.header("x-robots-tag"), "noai, noimageai");
    EXPECT_EQ(full.header("tdm-reservation"), "1");
    ASSERT_FALSE(full.header("etag").empty());
    cv::Mat served = fx::decode(full.body);
    EXPECT_EQ(served.cols, 1200);
    EXPECT_EQ(served.rows, 800);
    // The generation parameters do not survive into what is served.
    EXPECT_EQ(full.body.find("Sampler"), std::string::npos);
    EXPECT_NE(full.body.find("DMI-PROHIBITED-AIMLTRAINING"), std::string::npos);

    auto small = node.get(target_of(m["preview_url"].GetString(), node.base()));
    ASSERT_EQ(small.status, 200);
    EXPECT_EQ(fx::decode(small.body).cols, meta["small"]["width"].GetInt());

    HttpCall again{http::verb::get, target_of(m["url"].GetString(), node.base()), {{"If-None-Match", full.header("etag")}}, ""};
    auto cached = http_request(node.port(), again);
    EXPECT_EQ(cached.status, 304);
    EXPECT_TRUE(cached.body.empty());
}

TEST_F(MediaApi, TheArtistsProtectionSettingsAreTheUploadDefaults) {
    auto set = call(http::verb::patch, "/api/v1/accounts/update_credentials", alice_token,
                    "gesso[cloak_level]=high&gesso[license]=cc-by-4.0&gesso[data_mining]=DMI-PROHIBITED",
                    "application/x-www-form-urlencoded");
    ASSERT_EQ(set.status, 200) << set.body;
    auto account = parse_document(set.body);
    ASSERT_TRUE(account["source"].IsObject());
    ASSERT_TRUE(account["source"]["gesso"].IsObject()) << set.body;
    EXPECT_STREQ(account["source"]["gesso"]["cloak_level"].GetString(), "high");

    // Nothing said at upload: the settings decide.
    auto res = upload(alice_token, {{"file", fx::encode(fx::picture(900, 600, 7), ".png"), "p.png", "image/png"}});
    ASSERT_EQ(res.status, 200) << res.body;
    auto g = parse_document(res.body);
    ASSERT_TRUE(g["gesso"].IsObject());
    EXPECT_TRUE(g["gesso"]["cloaked"].GetBool());
    EXPECT_EQ(std::string(g["gesso"]["licence"].GetString()).rfind("https://creativecommons.org/licenses/by/4.0", 0), 0u)
        << g["gesso"]["licence"].GetString();
    EXPECT_STREQ(g["gesso"]["data_mining"].GetString(), "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED");
    auto served = node.get(target_of(g["url"].GetString(), node.base()));
    ASSERT_EQ(served.status, 200);
    EXPECT_NE(served.body.find("DMI-PROHIBITED"), std::string::npos);
    EXPECT_EQ(served.body.find("DMI-PROHIBITED-AIMLTRAINING"), std::string::npos);

    // What the upload says wins; bob's defaults are his own.
    auto off = upload(alice_token, {{"file", fx::encode(fx::picture(900, 600, 8), ".png"), "p.png", "image/png"},
                                    {"cloak", "off"}});
    ASSERT_EQ(off.status, 200) << off.body;
    EXPECT_FALSE(parse_document(off.body)["gesso"]["cloaked"].GetBool());
    auto bobs = upload(bob_token, {{"file", fx::encode(fx::picture(900, 600, 9), ".png"), "p.png", "image/png"}});
    ASSERT_EQ(bobs.status, 200) << bobs.body;
    auto b = parse_document(bobs.body);
    EXPECT_FALSE(b["gesso"]["cloaked"].GetBool());
    EXPECT_STREQ(b["gesso"]["data_mining"].GetString(), "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING");
}

TEST_F(MediaApi, OriginalsStayPrivate) {
    std::string jpeg = fx::encode(fx::picture(900, 600, 5), ".jpg");
    auto res = upload(alice_token, {{"file", jpeg, "p.jpg", "image/jpeg"}});
    ASSERT_EQ(res.status, 200) << res.body;
    auto m = parse_document(res.body);
    auto originals = node.data_dir() / "media" / "originals";
    ASSERT_EQ(files_in(originals), 1u);
    std::string original_name = std::filesystem::directory_iterator(originals)->path().filename().string();
    // The original is kept byte for byte, and no URL reaches it.
    std::string url = target_of(m["url"].GetString(), node.base());
    EXPECT_NE(url.find(original_name.substr(0, original_name.find('.'))), std::string::npos);
    for (const std::string& target : {"/media/" + original_name, "/media/originals/" + original_name,
                                      "/originals/" + original_name}) {
        auto r = node.get(target);
        EXPECT_EQ(r.status, 404) << target;
        EXPECT_EQ(r.body.find(jpeg.substr(0, 64)), std::string::npos);
    }
}

TEST_F(MediaApi, V2UploadAndOwnerOnlyGetAndPut) {
    auto res = upload(alice_token, {{"file", fx::encode(fx::picture(500, 400, 7), ".jpg"), "x.bin", "application/octet-stream"}},
                      "/api/v2/media");
    ASSERT_EQ(res.status, 200) << res.body;  // processed within the request: never 202
    auto m = parse_document(res.body);
    ASSERT_TRUE(m["url"].IsString());
    EXPECT_TRUE(m["description"].IsNull());
    EXPECT_STREQ(m["gesso"]["ai"]["verdict"].GetString(), "unknown");
    EXPECT_EQ(m["gesso"]["ai"]["evidence"].Size(), 0u);
    EXPECT_FALSE(m["gesso"]["cloaked"].GetBool());
    EXPECT_TRUE(m["gesso"]["licence"].IsNull());
    std::string id = m["id"].GetString();

    auto mine = call(http::verb::get, "/api/v1/media/" + id, alice_token);
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_EQ(parse_document(mine.body)["url"], m["url"]);
    EXPECT_EQ(call(http::verb::get, "/api/v1/media/" + id, bob_token).status, 404);
    EXPECT_EQ(call(http::verb::get, "/api/v1/media/" + id, "").status, 401);
    EXPECT_EQ(call(http::verb::get, "/api/v1/media/12345", alice_token).status, 404);

    auto edited = call(http::verb::put, "/api/v1/media/" + id, alice_token, R"({"description":"Now described","focus":"-1,1"})");
    ASSERT_EQ(edited.status, 200) << edited.body;
    auto e = parse_document(edited.body);
    EXPECT_STREQ(e["description"].GetString(), "Now described");
    EXPECT_DOUBLE_EQ(e["meta"]["focus"]["x"].GetDouble(), -1.0);
    EXPECT_DOUBLE_EQ(e["meta"]["focus"]["y"].GetDouble(), 1.0);
    EXPECT_STREQ(parse_document(call(http::verb::get, "/api/v1/media/" + id, alice_token).body)["description"].GetString(),
                 "Now described");
    EXPECT_EQ(call(http::verb::put, "/api/v1/media/" + id, bob_token, R"({"description":"mine now"})").status, 404);
    EXPECT_EQ(call(http::verb::put, "/api/v1/media/" + id, alice_token, R"({"focus":"2,0"})").status, 422);
}

TEST_F(MediaApi, TheBytesDecideAndBadFilesLeaveNothingBehind) {
    auto files = node.data_dir() / "media" / "files";
    auto originals = node.data_dir() / "media" / "originals";
    std::string jpeg = fx::encode(fx::picture(300, 200, 9), ".jpg");
    std::vector<std::pair<std::string, std::string>> bad = {
        {"text named .png", "this is not an image at all, whatever the name says"},
        {"truncated jpeg", jpeg.substr(0, jpeg.size() / 3)},
        {"html", "<html><script>alert(1)</script></html>"},
    };
    // A PNG header declaring 50000 x 50000 pixels: refused from the header, before any decoding.
    std::string png = fx::encode(fx::picture(16, 16, 1), ".png");
    std::string giant = png;
    for (int i = 0; i < 2; ++i) {
        std::string v;
        fx::put_be(v, 50000, 4);
        giant.replace(16 + 4 * i, 4, v);
    }
    bad.emplace_back("giant dimensions", giant);
    for (const auto& [what, bytes] : bad) {
        auto res = upload(alice_token, {{"file", bytes, "picture.png", "image/png"}});
        EXPECT_TRUE(res.status == 422 || res.status == 413) << what << ": " << res.status << " " << res.body;
        EXPECT_TRUE(parse_document(res.body).HasMember("error")) << what;
    }
    EXPECT_EQ(files_in(files), 0u);
    EXPECT_EQ(files_in(originals), 0u);
    EXPECT_EQ(media_rows(), 0u);

    // Bad parameters are refused before anything is stored.
    EXPECT_EQ(upload(alice_token, {{"file", jpeg, "a.jpg"}, {"cloak", "maximum"}}).status, 422);
    EXPECT_EQ(upload(alice_token, {{"file", jpeg, "a.jpg"}, {"focus", "0.5"}}).status, 422);
    EXPECT_EQ(upload(alice_token, {{"file", jpeg, "a.jpg"}, {"licence", "javascript:alert(1)"}}).status, 422);
    EXPECT_EQ(upload(alice_token, {{"file", jpeg, "a.jpg"}, {"description", std::string(1501, 'x')}}).status, 422);
    EXPECT_EQ(upload(alice_token, {{"description", "no file"}}).status, 422);
    EXPECT_EQ(call(http::verb::post, "/api/v1/media", alice_token, R"({"description":"json"})").status, 422);
    EXPECT_EQ(upload("", {{"file", jpeg, "a.jpg"}}).status, 401);
    EXPECT_EQ(media_rows(), 0u);
    EXPECT_EQ(files_in(files), 0u);
}

TEST_F(MediaApi, MultipartLimitsAndMalformedBodies) {
    std::vector<FormPart> many;
    for (std::size_t i = 0; i <= core::limits::kMaxMultipartParts; ++i) {
        std::string name = "f";
        name += std::to_string(i);
        many.emplace_back(name, "v");
    }
    EXPECT_EQ(upload(alice_token, many).status, 413);
    std::string type = multipart_type();
    std::string unterminated = std::string("--") + kMultipartBoundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nxyz";
    EXPECT_EQ(call(http::verb::post, "/api/v1/media", alice_token, unterminated, type).status, 400);
    std::string no_disposition = std::string("--") + kMultipartBoundary + "\r\nContent-Type: image/png\r\n\r\nxyz\r\n--" + kMultipartBoundary + "--";
    EXPECT_EQ(call(http::verb::post, "/api/v1/media", alice_token, no_disposition, type).status, 400);
    EXPECT_EQ(call(http::verb::post, "/api/v1/media", alice_token, "x", "multipart/form-data").status, 400);
    std::string huge_header = std::string("--") + kMultipartBoundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: " +
                              std::string(core::limits::kMaxMultipartPartHeaderBytes, 'p') + "\r\n\r\nv\r\n--" + kMultipartBoundary + "--";
    EXPECT_EQ(call(http::verb::post, "/api/v1/media", alice_token, huge_header, type).status, 413);
    // A body over the route's limit is refused from its Content-Length.
    std::string too_big = "POST /api/v1/media HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + alice_token +
                          "\r\nContent-Type: " + type + "\r\nContent-Length: " +
                          std::to_string(core::limits::kMaxUploadBodyBytes + 1) + "\r\n\r\n";
    EXPECT_EQ(raw_status(raw_exchange(node.port(), too_big)), 413);
    EXPECT_EQ(media_rows(), 0u);
}

TEST_F(MediaApi, ServingRefusesTraversalAndUnknownNames) {
    std::string id = upload_id(fx::encode(fx::picture(300, 300, 11), ".jpg"));
    ASSERT_FALSE(id.empty());
    for (const char* target : {"/media/../gesso.db", "/media/%2e%2e/gesso.db", "/media/%2E%2E%2Fgesso.db", "/media/..%2fgesso.db",
                               "/media//etc/passwd", "/media/%2Fetc%2Fpasswd", "/media/originals", "/media/files",
                               "/media/1-0123456789abcdef.jpg", "/media/" "x.jpg", "/media/%00.jpg"}) {
        auto res = node.get(target);
        EXPECT_TRUE(res.status == 404 || res.status == 400) << target << " " << res.status;
        EXPECT_EQ(res.body.find("SQLite format"), std::string::npos) << target;
        EXPECT_EQ(res.body.find("root:"), std::string::npos) << target;
    }
    auto unknown = node.get("/media/1-0123456789abcdef.jpg");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_TRUE(parse_document(unknown.body).HasMember("error"));
}

TEST_F(MediaApi, PostingAttachesOwnMediaOnlyAndAtMostFour) {
    std::vector<std::string> ids;
    for (int i = 0; i < 5; ++i) ids.push_back(upload_id(fx::encode(fx::picture(200, 150, 20 + i), ".jpg")));
    auto json_ids = [](const std::vector<std::string>& v) {
        std::string s = "[";
        for (const auto& id : v) {
            if (s.size() > 1) s += ',';
            s += '"';
            s += id;
            s += '"';
        }
        s += ']';
        return s;
    };
    EXPECT_EQ(call(http::verb::post, "/api/v1/statuses", alice_token, R"({"status":"five","media_ids":)" + json_ids(ids) + "}").status,
              422);
    EXPECT_EQ(call(http::verb::post, "/api/v1/statuses", bob_token, R"({"status":"not mine","media_ids":)" + json_ids({ids[0]}) + "}").status,
              422);
    std::vector<std::string> four(ids.begin(), ids.begin() + 4);
    auto res = call(http::verb::post, "/api/v1/statuses", alice_token, R"({"status":"four","media_ids":)" + json_ids(four) + "}");
    ASSERT_EQ(res.status, 200) << res.body;
    auto s = parse_document(res.body);
    ASSERT_EQ(s["media_attachments"].Size(), 4u);
    for (rapidjson::SizeType i = 0; i < 4; ++i) {
        EXPECT_EQ(std::string(s["media_attachments"][i]["id"].GetString()), four[i]);
        EXPECT_TRUE(s["media_attachments"][i]["gesso"]["pdq"].IsString());
        EXPECT_EQ(node.get(target_of(s["media_attachments"][i]["url"].GetString(), node.base())).status, 200);
    }
    // Attached media are no longer the uploader's to read or edit through /media/:id, nor attachable again.
    EXPECT_EQ(call(http::verb::get, "/api/v1/media/" + four[0], alice_token).status, 404);
    EXPECT_EQ(call(http::verb::post, "/api/v1/statuses", alice_token, R"({"status":"again","media_ids":)" + json_ids({four[0]}) + "}").status,
              422);
}

TEST_F(MediaApi, StoredHashesFindReposts) {
    cv::Mat art = fx::picture(800, 600, 31);
    std::string first = upload_id(fx::encode(art, ".png"));
    upload_id(fx::encode(fx::picture(800, 600, 32), ".png"));  // a different picture
    cv::Mat smaller;
    cv::resize(art, smaller, cv::Size(400, 300), 0, 0, cv::INTER_AREA);
    auto res = upload(bob_token, {{"file", fx::encode(smaller, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 70}), "repost.jpg"}});
    ASSERT_EQ(res.status, 200) << res.body;
    std::string repost_pdq = parse_document(res.body)["gesso"]["pdq"].GetString();
    std::string repost_id = parse_document(res.body)["id"].GetString();
    auto found = node.db().read([&](storage::Connection& c) {
        return storage::find_near_duplicates(c, repost_pdq, core::limits::kPdqMatchDistance);
    });
    ASSERT_EQ(found.size(), 2u);  // the repost itself and the work it copies, nothing else
    std::vector<std::string> ids{std::to_string(found[0].media_id), std::to_string(found[1].media_id)};
    EXPECT_EQ(ids[0], repost_id);
    EXPECT_EQ(found[0].distance, 0);
    EXPECT_EQ(ids[1], first);
    EXPECT_LE(found[1].distance, core::limits::kPdqMatchDistance);
}

}  // namespace
}  // namespace gesso::test
