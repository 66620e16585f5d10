// The shape comparison the golden API tests rely on: it must report each way an answer can differ from a
// documented entity (missing key, wrong type, unexpected null, time or URL format, nested entities, arrays) and
// accept what the docs allow (optional keys, nullable keys, extra keys).
#include "support/json_shape.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "support/json.hpp"
#include "support/temp_dir.hpp"

namespace gesso::test {
namespace {

class JsonShape : public ::testing::Test {
protected:
    JsonShape() {
        write("Thing",
              R"({"example":{"id":"1","name":"a","count":3,"ratio":0.5,"ok":true,"at":"2019-12-08T03:48:33.901Z",
                        "day":"2019-11-17","url":"https://x.example/a","maybe":null,"extra":false,
                        "hash":{"inner":"x","deep":null},"list":[{"k":1}],"owner":{"$entity":"Owner"},
                        "owners":[{"$entity":"Owner"}]},
             "nullable":{"maybe":"string","hash.deep":"integer","owner":"Owner"},
             "optional":["extra"],
             "entities":{"owner":"Owner","owners":"Owner"}})");
        write("Owner", R"({"example":{"id":"9","acct":"a@b"}})");
    }
    void write(const std::string& name, const std::string& json) {
        std::ofstream(dir.path() / (name + ".json")) << json;
    }
    std::string check(const std::string& json) {
        ShapeCatalog catalog(dir.path());
        return catalog.compare(parse_document(json), "Thing");
    }
    static std::string good() {
        return R"({"id":"5","name":"b","count":7,"ratio":1,"ok":false,"at":"2024-01-02T03:04:05.678Z","day":"2024-01-02",
                   "url":"http://127.0.0.1:8080/x","maybe":"s","hash":{"inner":"y","deep":4},"list":[{"k":2},{"k":3}],
                   "owner":null,"owners":[{"id":"1","acct":"x"}],"gesso":{"anything":1}})";
    }
    // good() with `from` replaced by `to`.
    std::string with(const std::string& from, const std::string& to) {
        auto s = good();
        auto at = s.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        return s.replace(at, from.size(), to);
    }
    TempDir dir;
};

TEST_F(JsonShape, AcceptsTheDocumentedShapeWithNullsOptionalsAndExtraKeys) { EXPECT_EQ(check(good()), ""); }

TEST_F(JsonShape, ReportsMissingKeysWrongTypesAndUnexpectedNulls) {
    EXPECT_NE(check(with(R"("name":"b",)", "")).find(".name: missing"), std::string::npos);
    EXPECT_NE(check(with(R"("id":"5")", R"("id":5)")).find(".id: expected id"), std::string::npos);
    EXPECT_NE(check(with(R"("count":7)", R"("count":7.5)")).find(".count: expected integer"), std::string::npos);
    EXPECT_NE(check(with(R"("ok":false)", R"("ok":"false")")).find(".ok: expected boolean"), std::string::npos);
    EXPECT_NE(check(with(R"("name":"b")", R"("name":null)")).find(".name: null"), std::string::npos);
    EXPECT_NE(check(with(R"("maybe":"s")", R"("maybe":3)")).find(".maybe: expected string"), std::string::npos);
}

TEST_F(JsonShape, ChecksTimesDatesAndUrls) {
    EXPECT_NE(check(with("2024-01-02T03:04:05.678Z", "2024-01-02T03:04:05Z")).find(".at: expected datetime"),
              std::string::npos);
    EXPECT_NE(check(with("2024-01-02T03:04:05.678Z", "2024-01-02T03:04:05.678+00:00")).find(".at"), std::string::npos);
    EXPECT_NE(check(with(R"("day":"2024-01-02")", R"("day":"2024-01-02T00:00:00.000Z")")).find(".day: expected date"),
              std::string::npos);
    EXPECT_NE(check(with("http://127.0.0.1:8080/x", "/x")).find(".url: expected url"), std::string::npos);
}

TEST_F(JsonShape, ChecksNestedHashesArraysAndEntities) {
    EXPECT_NE(check(with(R"("inner":"y",)", "")).find(".hash.inner: missing"), std::string::npos);
    EXPECT_NE(check(with(R"("deep":4)", R"("deep":"4")")).find(".hash.deep: expected integer"), std::string::npos);
    EXPECT_NE(check(with(R"({"k":3})", R"({"k":"3"})")).find(".list[1].k: expected integer"), std::string::npos);
    EXPECT_NE(check(with(R"("owner":null)", R"("owner":{"id":"1"})")).find(".owner.acct: missing"), std::string::npos);
    EXPECT_NE(check(with(R"([{"id":"1","acct":"x"}])", R"([{"id":"1","acct":"x"},{"id":2,"acct":"y"}])"))
                  .find(".owners[1].id"),
              std::string::npos);
    EXPECT_NE(check(with(R"("owners":[)", R"("owners":7,"o":[)")).find(".owners: expected Owner"), std::string::npos);
}

TEST_F(JsonShape, RefusesAnUnreadableShapeFile) {
    write("Broken", "{\"no_example\":1}");
    EXPECT_THROW({ ShapeCatalog broken(dir.path()); }, std::runtime_error);
}

}  // namespace
}  // namespace gesso::test
