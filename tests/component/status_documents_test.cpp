// Individual Note documents and the instance actor's endpoints.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "activitypub/outbox.hpp"
#include "support/test_node.hpp"

namespace gesso::test {
namespace {

TEST(StatusDocuments, PublicAndUnlistedNotesAreServedWithContext) {
    TestNode node;
    auto alice = node.create_account("alice");
    for (auto visibility : {core::Visibility::public_, core::Visibility::unlisted}) {
        core::Status status = node.insert_status(alice, "a sketch", visibility);
        std::string path = status.uri.substr(node.base().size());
        auto res = node.get_activity(path);
        ASSERT_EQ(res.status, 200) << path;
        EXPECT_EQ(res.header("content-type").rfind("application/activity+json", 0), 0u);
        rapidjson::Document doc;
        doc.Parse(res.body.c_str());
        ASSERT_TRUE(doc.IsObject());
        EXPECT_TRUE(doc.HasMember("@context"));
        EXPECT_EQ(std::string(doc["id"].GetString()), status.uri);
        EXPECT_EQ(std::string(doc["type"].GetString()), "Note");
        EXPECT_EQ(std::string(doc["attributedTo"].GetString()), node.base() + "/users/alice");
        EXPECT_EQ(std::string(doc["content"].GetString()), "<p>a sketch</p>");
        // Browsers go to the profile until status pages exist.
        auto html = node.get(path, "text/html");
        EXPECT_EQ(html.status, 302);
    }
}

TEST(StatusDocuments, PrivateDeletedForeignAndUnknownStatusesAre404) {
    TestNode node;
    auto alice = node.create_account("alice");
    auto bob = node.create_account("bob");
    core::Status secret = node.insert_status(alice, "followers only", core::Visibility::followers);
    core::Status dm = node.insert_status(alice, "direct", core::Visibility::direct);
    core::Status gone = activitypub::publish_note(node.ctx(), alice, "<p>soon gone</p>");
    activitypub::delete_local_status(node.ctx(), alice, gone.id);
    core::Status bobs = node.insert_status(bob, "bob's");
    for (const auto& path : {secret.uri.substr(node.base().size()), dm.uri.substr(node.base().size()),
                             gone.uri.substr(node.base().size()),
                             "/users/alice/statuses/" + std::to_string(bobs.id), std::string("/users/alice/statuses/1"),
                             std::string("/users/alice/statuses/not-a-number")}) {
        auto res = node.get_activity(path);
        EXPECT_EQ(res.status, 404) << path;
        EXPECT_EQ(res.body.rfind("{\"error\":", 0), 0u) << path;
    }
}

TEST(StatusDocuments, InstanceActorOutboxIsAnEmptyCollection) {
    TestNode node;
    auto res = node.get_activity("/actor/outbox");
    ASSERT_EQ(res.status, 200);
    rapidjson::Document doc;
    doc.Parse(res.body.c_str());
    EXPECT_EQ(std::string(doc["type"].GetString()), "OrderedCollection");
    EXPECT_EQ(doc["totalItems"].GetInt(), 0);
}

}  // namespace
}  // namespace gesso::test
