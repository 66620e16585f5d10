// Type confusion sweep: every value at every depth of every valid fixture is replaced, one at a time, by each of a
// set of hostile values (wrong JSON types, empty and non-http strings, nested containers), and the document is read
// again. The readers must either accept it or refuse it with core::Error; any other exception, crash or sanitizer
// report is a bug. This reaches every branch where a reader meets a shape it did not expect.
#include <gtest/gtest.h>

#include <exception>
#include <functional>
#include <string>
#include <vector>

#include "activitypub/as2/activity.hpp"
#include "activitypub/as2/actor.hpp"
#include "activitypub/as2/object.hpp"
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "support/as2_fixtures.hpp"

namespace gesso::activitypub::as2 {
namespace {

using test::load_as2;

const char* const kReplacements[] = {
    "null",
    "0",
    "-1",
    "1.5e308",
    "true",
    "\"\"",
    "\"javascript:alert(1)\"",
    "\"as:Public\"",
    "[]",
    "{}",
    "[[]]",
    "{\"id\": 5}",
    "[\"https://h.example/x\", 7, null, {}]",
    "{\"type\": [1, \"Note\"]}",
};

// Reads `doc` as the inbox would; true when accepted. Exceptions other than core::Error propagate.
using Reader = std::function<void(const rapidjson::Value&)>;

void read_activity_deeply(const rapidjson::Value& doc) {
    ParsedActivity a = parse_activity(doc);
    if (!a.object) return;
    auto embedded = embedded_document(*a.object);
    try {
        if (is_post_type(a.object->type))
            parse_object(embedded, "https://h.example/followers");
        else if (is_actor_type(a.object->type))
            parse_actor(embedded);
        else
            parse_activity(embedded, IdRule::optional);
    } catch (const core::Error&) {
    }
}

struct Sweep {
    rapidjson::Document& doc;
    const Reader& read;
    std::string fixture;
    int accepted = 0;
    int refused = 0;

    void run_once(const std::string& where) {
        try {
            read(doc);
            ++accepted;
        } catch (const core::Error&) {
            ++refused;
        } catch (const std::exception& e) {
            ADD_FAILURE() << fixture << " at " << where << ": " << e.what();
        }
    }

    void visit(rapidjson::Value& v, const std::string& where) {
        auto& alloc = doc.GetAllocator();
        for (const char* replacement : kReplacements) {
            rapidjson::Document r;
            r.Parse(replacement);
            rapidjson::Value original(v, alloc);
            v.CopyFrom(r, alloc);
            run_once(where + " = " + replacement);
            v = std::move(original);
        }
        if (v.IsObject()) {
            for (auto& m : v.GetObject()) visit(m.value, where + "/" + m.name.GetString());
        } else if (v.IsArray()) {
            for (rapidjson::SizeType i = 0; i < v.Size(); ++i) visit(v[i], where + "/" + std::to_string(i));
        }
    }
};

void sweep(const std::string& fixture, const Reader& read) {
    rapidjson::Document doc = load_as2(fixture);
    ASSERT_NO_THROW(read(doc)) << fixture << " must be accepted as it is";
    Sweep s{doc, read, fixture};
    s.visit(doc, "");
    EXPECT_GT(s.accepted, 0) << fixture;
    EXPECT_GT(s.refused, 0) << fixture;
}

TEST(As2Robustness, Actors) {
    Reader read = [](const rapidjson::Value& d) { parse_actor(d); };
    for (const char* f : {"mastodon_actor", "gotosocial_actor", "misskey_actor", "fedify_actor"}) sweep(f, read);
}

TEST(As2Robustness, Objects) {
    Reader read = [](const rapidjson::Value& d) { parse_object(d, "https://h.example/followers"); };
    for (const char* f : {"misskey_note_quote", "question", "article", "fep5e53_noai_note"}) sweep(f, read);
}

TEST(As2Robustness, Activities) {
    Reader read = read_activity_deeply;
    for (const char* f :
         {"mastodon_create_note", "gotosocial_create_note", "pixelfed_create_image_post", "snac_create_note",
          "mastodon_announce", "mastodon_undo_follow", "mastodon_delete_tombstone", "misskey_like_reaction",
          "fedify_follow", "accept_with_embedded_follow", "accept_with_follow_id"}) {
        sweep(f, read);
    }
}

}  // namespace
}  // namespace gesso::activitypub::as2
