// The admin pages over real HTTP with a real session: who may see them (admins; others get 404, signed-out
// visitors the sign-in page), the CSRF and origin checks on every form, and each action's effect in the database
// (accounts, domain policies, policy rules and held posts, reports, node settings), with the overview's federation
// health and the crawler list read from what the node holds.
#include <gtest/gtest.h>

#include "activitypub/accounts.hpp"
#include "activitypub/node_profile.hpp"
#include "activitypub/policy.hpp"
#include "storage/accounts.hpp"
#include "storage/domain_blocks.hpp"
#include "storage/federation_health.hpp"
#include "storage/notifications.hpp"
#include "storage/policy_rules.hpp"
#include "storage/queues.hpp"
#include "storage/web_sessions.hpp"
#include "support/api_session.hpp"
#include "support/json.hpp"
#include "support/page_browser.hpp"
#include "support/test_node.hpp"

namespace gesso::test {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class AdminPages : public ::testing::Test {
protected:
    AdminPages() : admin_browser(node), member_browser(node) {
        mod = node.create_account("mod", true);
        alice = node.create_account("alice");
        EXPECT_EQ(admin_browser.sign_in("mod").status, 303);
        EXPECT_EQ(member_browser.sign_in("alice").status, 303);
        token = form_encode(admin_browser.csrf());
    }

    // A POST by the signed-in admin with the session's CSRF token.
    HttpResult admin_post(const std::string& path, const std::string& fields = "") {
        std::string body = "csrf_token=" + token;
        if (!fields.empty()) body += "&" + fields;
        return admin_browser.post(path, body);
    }

    std::optional<storage::LocalUser> user(const std::string& login) {
        return node.db().read([&](storage::Connection& c) { return storage::find_local_user_by_login(c, login); });
    }

    core::Account pending(const std::string& name, const std::string& reason) {
        return activitypub::create_local_account(
            node.ctx(), {name, name + "@example.test", "correct horse battery", false, false, reason});
    }

    TestNode node;
    PageBrowser admin_browser;
    PageBrowser member_browser;
    core::Account mod, alice;
    std::string token;
};

TEST_F(AdminPages, OnlyAdminsSeeThem) {
    const char* pages[] = {"/admin", "/admin/accounts", "/admin/domains", "/admin/policy", "/admin/reports",
                           "/admin/crawlers", "/admin/settings"};
    PageBrowser anonymous(node);
    for (const char* page : pages) {
        auto signed_out = anonymous.get(page);
        EXPECT_EQ(signed_out.status, 303) << page;
        EXPECT_TRUE(signed_out.header("location").starts_with("/auth/sign_in")) << page << " " << signed_out.header("location");

        auto member = member_browser.get(page);
        EXPECT_EQ(member.status, 404) << page;
        EXPECT_FALSE(contains(member.body, "Administration")) << page << ": the 404 page must not reveal the admin pages";

        auto admin = admin_browser.get(page);
        EXPECT_EQ(admin.status, 200) << page;
        EXPECT_TRUE(contains(admin.header("cache-control"), "no-store")) << page;
        EXPECT_TRUE(contains(admin.body, "aria-label=\"Administration\"")) << page;
    }
    // The layout links the admin pages for admins only.
    EXPECT_TRUE(contains(admin_browser.get("/").body, "href=\"/admin\""));
    EXPECT_FALSE(contains(member_browser.get("/").body, "href=\"/admin\""));
}

TEST_F(AdminPages, NonAdminPostsAreNotFoundAndChangeNothing) {
    core::Account dana = pending("dana", "I paint herons");
    std::string member_token = form_encode(member_browser.csrf());
    auto r = member_browser.post("/admin/accounts/dana/approve", "csrf_token=" + member_token);
    EXPECT_EQ(r.status, 404);
    EXPECT_FALSE(user("dana")->user.approved);
    auto settings = member_browser.post("/admin/settings", "csrf_token=" + member_token +
                                                               "&title=Taken&registrations=open&description=&rules=");
    EXPECT_EQ(settings.status, 404);
    EXPECT_EQ(activitypub::node_profile(node.ctx()).title, node.ctx().settings.title);
}

TEST_F(AdminPages, FormsWithoutTheCsrfTokenOrFromAnotherSiteAreRefused) {
    pending("dana", "I paint herons");
    EXPECT_EQ(admin_browser.post("/admin/accounts/dana/approve", "").status, 403);
    EXPECT_EQ(admin_browser.post("/admin/accounts/dana/approve", "csrf_token=" + token + "x").status, 403);
    EXPECT_EQ(admin_browser.post("/admin/domains", "domain=spam.example&policy=suspend").status, 403);
    EXPECT_EQ(admin_browser.post("/admin/settings", "title=Hijacked&registrations=open").status, 403);
    PageBrowser elsewhere = admin_browser;
    elsewhere.set_origin("https://evil.example");
    EXPECT_EQ(elsewhere.post("/admin/accounts/dana/approve", "csrf_token=" + token).status, 403);

    EXPECT_FALSE(user("dana")->user.approved);
    EXPECT_FALSE(node.db().read([](storage::Connection& c) { return storage::find_domain_block(c, "spam.example"); }));
    EXPECT_EQ(activitypub::node_profile(node.ctx()).title, node.ctx().settings.title);
}

TEST_F(AdminPages, AccountsPendingFirstApproveRejectSuspend) {
    pending("dana", "I paint herons");
    pending("erin", "spam spam");
    auto list = admin_browser.get("/admin/accounts");
    ASSERT_EQ(list.status, 200);
    // Sign-ups waiting for approval come before older, active accounts, with their reason.
    auto dana_at = list.body.find("/admin/accounts/dana/approve");
    auto alice_at = list.body.find("@alice");
    ASSERT_NE(dana_at, std::string::npos) << list.body;
    ASSERT_NE(alice_at, std::string::npos);
    EXPECT_LT(dana_at, alice_at);
    EXPECT_TRUE(contains(list.body, "I paint herons"));
    // Search by name.
    auto searched = admin_browser.get("/admin/accounts?q=ERI");
    EXPECT_TRUE(contains(searched.body, "@erin"));
    EXPECT_FALSE(contains(searched.body, "@alice"));

    auto approved = admin_post("/admin/accounts/dana/approve");
    EXPECT_EQ(approved.status, 303);
    EXPECT_TRUE(approved.header("location").starts_with("/admin/accounts?done=approve"));
    EXPECT_TRUE(user("dana")->user.approved);
    PageBrowser dana(node);
    EXPECT_EQ(dana.sign_in("dana").status, 303) << "an approved account signs in";

    EXPECT_EQ(admin_post("/admin/accounts/erin/reject").status, 303);
    EXPECT_FALSE(user("erin")) << "a rejected sign-up is deleted";
    // Rejecting an account that is not waiting is refused on the page, and deletes nothing.
    auto refused = admin_post("/admin/accounts/alice/reject");
    EXPECT_EQ(refused.status, 422);
    EXPECT_TRUE(contains(refused.body, "not waiting for approval")) << refused.body;
    EXPECT_TRUE(user("alice"));

    // Suspension takes effect as the CLI's does: sessions end, tokens and sign-in are refused, pages answer 410.
    ApiSession api(node);
    std::string alice_token = api.login("alice");
    ASSERT_EQ(api.get("/api/v1/accounts/verify_credentials", alice_token).status, 200);
    EXPECT_EQ(admin_post("/admin/accounts/alice/suspend").status, 303);
    EXPECT_TRUE(user("alice")->account.is_suspended());
    EXPECT_EQ(node.db().read([&](storage::Connection& c) { return storage::count_account_web_sessions(c, alice.id); }), 0);
    EXPECT_EQ(member_browser.get("/settings/profile").status, 303) << "the suspended member's session ended";
    EXPECT_EQ(api.get("/api/v1/accounts/verify_credentials", alice_token).status, 401);
    EXPECT_NE(PageBrowser(node).sign_in("alice").status, 303);
    EXPECT_EQ(node.get("/@alice").status, 410);

    EXPECT_EQ(admin_post("/admin/accounts/alice/unsuspend").status, 303);
    EXPECT_FALSE(user("alice")->account.is_suspended());
    EXPECT_EQ(api.get("/api/v1/accounts/verify_credentials", alice_token).status, 200);
    EXPECT_EQ(node.get("/@alice").status, 200);

    // The admin cannot suspend themselves from here; an unknown account is an error on the page.
    EXPECT_EQ(admin_post("/admin/accounts/mod/suspend").status, 422);
    EXPECT_FALSE(user("mod")->account.is_suspended());
    EXPECT_EQ(admin_post("/admin/accounts/nobody/approve").status, 422);
}

TEST_F(AdminPages, DomainPoliciesAddAndRemove) {
    auto added = admin_post("/admin/domains", "domain=+Loud.Example+&policy=silence-reject-media&reason=bulk+spam");
    EXPECT_EQ(added.status, 303);
    auto block = node.db().read([](storage::Connection& c) { return storage::find_domain_block(c, "loud.example"); });
    ASSERT_TRUE(block);
    EXPECT_EQ(block->severity, core::DomainSeverity::silence);
    EXPECT_TRUE(block->reject_media);
    EXPECT_EQ(block->reason, "bulk spam");
    EXPECT_EQ(admin_post("/admin/domains", "domain=pics.example&policy=reject-media").status, 303);
    auto pics = node.db().read([](storage::Connection& c) { return storage::find_domain_block(c, "pics.example"); });
    ASSERT_TRUE(pics);
    EXPECT_EQ(pics->severity, core::DomainSeverity::none);
    EXPECT_EQ(admin_post("/admin/domains", "domain=friends.example&policy=allow").status, 303);
    auto allowed = node.db().read([](storage::Connection& c) { return storage::list_allowed_domains(c); });
    EXPECT_EQ(allowed, std::vector<std::string>{"friends.example"});

    auto page = admin_browser.get("/admin/domains");
    EXPECT_TRUE(contains(page.body, "silence,reject-media"));
    EXPECT_TRUE(contains(page.body, "bulk spam"));

    // Invalid input: the form again with the error next to its field, nothing stored.
    auto bad = admin_post("/admin/domains", "domain=https%3A%2F%2Fspam.example%2F&policy=suspend");
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(contains(bad.body, "id=\"domain-error\"")) << bad.body;
    EXPECT_TRUE(contains(bad.body, "aria-describedby=\"domain-hint domain-error\""));
    EXPECT_EQ(admin_post("/admin/domains", "domain=x.example&policy=obliterate").status, 422);
    auto blocks = node.db().read([](storage::Connection& c) { return storage::list_domain_blocks(c); });
    EXPECT_EQ(blocks.size(), 2u);

    EXPECT_EQ(admin_post("/admin/domains/remove", "domain=loud.example&list=block").status, 303);
    EXPECT_FALSE(node.db().read([](storage::Connection& c) { return storage::find_domain_block(c, "loud.example"); }));
    EXPECT_EQ(admin_post("/admin/domains/remove", "domain=friends.example&list=allow").status, 303);
    EXPECT_TRUE(node.db().read([](storage::Connection& c) { return storage::list_allowed_domains(c); }).empty());
    EXPECT_EQ(admin_post("/admin/domains/remove", "domain=never.example&list=block").status, 422);
}

TEST_F(AdminPages, PolicyRulesTheLogAndHeldPosts) {
    auto added = admin_post("/admin/policy/rules", "match=hashtag&value=%23AIart&action=reject&scope=remote&label=");
    EXPECT_EQ(added.status, 303);
    // The node ships with two rules (AI-marked images); the new one comes after them.
    auto rules = node.db().read([](storage::Connection& c) { return storage::list_policy_rules(c, false); });
    ASSERT_EQ(rules.size(), 3u);
    EXPECT_EQ(rules.back().match_kind, "hashtag");
    EXPECT_EQ(rules.back().match_value, "aiart");
    EXPECT_EQ(rules.back().scope, "remote");
    core::Id rule_id = rules.back().id;

    // A label rule without its label is refused next to the label field; nothing is stored.
    auto bad = admin_post("/admin/policy/rules", "match=keyword&value=crypto&action=label&scope=all&label=");
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(contains(bad.body, "id=\"label-error\"")) << bad.body;
    EXPECT_TRUE(contains(bad.body, "value=\"crypto\"")) << "the form keeps what was typed";
    EXPECT_EQ(node.db().read([](storage::Connection& c) { return storage::count_policy_rules(c); }), 3);

    // A decision the rule makes shows in the log on the page.
    activitypub::PostFacts facts;
    facts.subject = "https://remote.example/notes/1";
    facts.actor_uri = "https://remote.example/users/bot";
    facts.domain = "remote.example";
    facts.hashtags = {"AIart"};
    ASSERT_TRUE(activitypub::evaluate_post(node.ctx(), facts).reject);
    auto page = admin_browser.get("/admin/policy");
    EXPECT_TRUE(contains(page.body, "https://remote.example/notes/1")) << page.body;
    EXPECT_TRUE(contains(page.body, "/admin/policy/rules/" + std::to_string(rule_id) + "/disable"));

    EXPECT_EQ(admin_post("/admin/policy/rules/" + std::to_string(rule_id) + "/disable").status, 303);
    EXPECT_FALSE(node.db().read([&](storage::Connection& c) { return storage::find_policy_rule(c, rule_id); })->enabled);
    EXPECT_FALSE(activitypub::evaluate_post(node.ctx(), facts).reject) << "a disabled rule no longer matches";
    EXPECT_EQ(admin_post("/admin/policy/rules/" + std::to_string(rule_id) + "/enable").status, 303);
    EXPECT_TRUE(node.db().read([&](storage::Connection& c) { return storage::find_policy_rule(c, rule_id); })->enabled);
    EXPECT_EQ(admin_post("/admin/policy/rules/" + std::to_string(rule_id) + "/remove").status, 303);
    EXPECT_FALSE(node.db().read([&](storage::Connection& c) { return storage::find_policy_rule(c, rule_id); }));
    EXPECT_EQ(admin_post("/admin/policy/rules/" + std::to_string(rule_id) + "/remove").status, 404);

    // A held post is listed and dropped from the page.
    core::Id held_id = node.ctx().ids.next();
    node.db().write([&](storage::Connection& c) {
        storage::hold_post(c, {held_id, 0, "https://remote.example/users/bot", "https://remote.example/notes/2",
                               "{\"type\":\"Note\"}", node.ctx().clock.now()});
    });
    EXPECT_TRUE(contains(admin_browser.get("/admin/policy").body, "https://remote.example/notes/2"));
    EXPECT_EQ(admin_post("/admin/policy/held/" + std::to_string(held_id) + "/drop").status, 303);
    EXPECT_FALSE(node.db().read([&](storage::Connection& c) { return storage::find_held_post(c, held_id); }));
}

TEST_F(AdminPages, ReportsResolveReopenAndSuspendTheTarget) {
    core::Account carol = node.create_account("carol");
    core::Status post = node.insert_status(carol, "Selling stolen prints");
    core::Report report;
    report.id = node.ctx().ids.next();
    report.account_id = alice.id;
    report.target_account_id = carol.id;
    report.status_ids = {post.id};
    report.comment = "These are my prints, reposted without credit.";
    report.created_at = node.ctx().clock.now();
    node.db().write([&](storage::Connection& c) { storage::insert_report(c, report); });
    // A repost alert, filed by the node itself (the instance actor), as the repost detection does.
    core::Account instance = activitypub::ensure_instance_actor(node.ctx());
    core::Report alert = report;
    alert.id = node.ctx().ids.next();
    alert.account_id = instance.id;
    alert.comment = "Possible repost of @alice's work.";
    node.db().write([&](storage::Connection& c) { storage::insert_report(c, alert); });

    auto list = admin_browser.get("/admin/reports");
    ASSERT_EQ(list.status, 200);
    EXPECT_TRUE(contains(list.body, "/admin/reports/" + std::to_string(report.id)));
    EXPECT_TRUE(contains(list.body, "Repost alert"));
    std::string path = "/admin/reports/" + std::to_string(report.id);
    auto one = admin_browser.get(path);
    ASSERT_EQ(one.status, 200);
    EXPECT_TRUE(contains(one.body, "@alice@" + node.domain()));
    EXPECT_TRUE(contains(one.body, "@carol@" + node.domain()));
    EXPECT_TRUE(contains(one.body, "Selling stolen prints"));
    EXPECT_TRUE(contains(one.body, "reposted without credit"));
    EXPECT_EQ(admin_browser.get("/admin/reports/999999999").status, 404);

    auto resolved_at = [&](core::Id id) {
        return node.db().read([&](storage::Connection& c) { return storage::find_report(c, id); })->action_taken_at;
    };
    EXPECT_EQ(admin_post(path + "/resolve").status, 303);
    EXPECT_TRUE(resolved_at(report.id));
    EXPECT_FALSE(contains(admin_browser.get("/admin/reports").body, path + "\""));
    EXPECT_TRUE(contains(admin_browser.get("/admin/reports?resolved=1").body, path + "\""));
    EXPECT_EQ(admin_post(path + "/reopen").status, 303);
    EXPECT_FALSE(resolved_at(report.id));
    EXPECT_EQ(admin_post(path + "/suspend").status, 303);
    EXPECT_TRUE(resolved_at(report.id));
    EXPECT_TRUE(user("carol")->account.is_suspended());
    EXPECT_EQ(admin_post("/admin/reports/999999999/resolve").status, 404);
}

TEST_F(AdminPages, NodeSettingsAreStoredAndServed) {
    auto saved = admin_post("/admin/settings",
                            "title=Heron+Studio&description=Birds+in+watercolour.&contact_email=admin%40heron.example"
                            "&registrations=approval&rules=Credit+the+artist.%0D%0A%0D%0ANo+AI+training.%0D%0A");
    EXPECT_EQ(saved.status, 303);
    auto profile = activitypub::node_profile(node.ctx());
    EXPECT_EQ(profile.title, "Heron Studio");
    EXPECT_EQ(profile.registrations, activitypub::Registrations::approval);
    EXPECT_EQ(profile.rules, (std::vector<std::string>{"Credit the artist.", "No AI training."}));

    EXPECT_TRUE(contains(node.get("/").body, "Heron Studio")) << "the front page shows the new title";
    auto actor = node.db().read(
        [&](storage::Connection& c) { return storage::find_account_by_uri(c, node.ctx().urls.instance_actor()); });
    ASSERT_TRUE(actor);
    EXPECT_EQ(actor->display_name, "Heron Studio") << "the instance actor carries the node's name";
    auto actor_doc = parse_document(node.get("/actor", "application/activity+json").body);
    ASSERT_TRUE(actor_doc.IsObject() && actor_doc.HasMember("name"));
    EXPECT_STREQ(actor_doc["name"].GetString(), "Heron Studio");
    auto v2 = parse_document(node.get("/api/v2/instance").body);
    EXPECT_STREQ(v2["title"].GetString(), "Heron Studio");
    EXPECT_STREQ(v2["description"].GetString(), "Birds in watercolour.");
    EXPECT_STREQ(v2["contact"]["email"].GetString(), "admin@heron.example");
    EXPECT_TRUE(v2["registrations"]["approval_required"].GetBool());
    ASSERT_EQ(v2["rules"].Size(), 2u);
    EXPECT_STREQ(v2["rules"][1]["text"].GetString(), "No AI training.");
    auto nodeinfo = parse_document(node.get("/nodeinfo/2.1").body);
    EXPECT_STREQ(nodeinfo["metadata"]["nodeName"].GetString(), "Heron Studio");
    EXPECT_TRUE(nodeinfo["openRegistrations"].GetBool());
    // Sign-up follows the stored mode (the test node's configuration says closed).
    auto sign_up = PageBrowser(node).get("/auth/sign_up");
    EXPECT_EQ(sign_up.status, 200);
    EXPECT_TRUE(contains(sign_up.body, "approved by its admins"));
    EXPECT_TRUE(contains(sign_up.body, "<li>Credit the artist.</li><li>No AI training.</li>")) << sign_up.body;

    // A blank title is refused next to its field, and nothing of the form is stored.
    auto bad = admin_post("/admin/settings", "title=+&description=Changed&registrations=open&rules=");
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(contains(bad.body, "id=\"title-error\"")) << bad.body;
    EXPECT_TRUE(contains(bad.body, "Changed")) << "the form keeps what was typed";
    EXPECT_EQ(activitypub::node_profile(node.ctx()).description, "Birds in watercolour.");
    EXPECT_EQ(admin_post("/admin/settings", "title=T&registrations=sometimes").status, 422);
    EXPECT_EQ(activitypub::node_profile(node.ctx()).registrations, activitypub::Registrations::approval);
}

TEST_F(AdminPages, OverviewShowsQueueDepthFailingInstancesAndCounts) {
    pending("dana", "hello");
    core::TimePoint now = node.ctx().clock.now();
    node.db().write([&](storage::Connection& c) {
        storage::OutboxJob job{node.ctx().ids.next(), mod.id, "https://x/activity", "{}", "{}", 0};
        storage::enqueue_outbox_job(c, job, now);
        storage::insert_delivery(c, node.ctx().ids.next(), job.id, "https://down.example/inbox", "down.example", now);
        storage::insert_delivery(c, node.ctx().ids.next(), job.id, "https://up.example/inbox", "up.example", now);
        storage::record_instance_failure(c, "down.example", now, now + std::chrono::hours(1));
        storage::record_delivery_error(c, "down.example", "connection refused", false);
        storage::record_delivery_error(c, "down.example", "HTTP 410", true);
    });
    auto depth = node.db().read([](storage::Connection& c) { return storage::delivery_queue_depth(c); });
    EXPECT_EQ(depth.pending, 2);
    EXPECT_EQ(depth.dead, 1);
    auto page = admin_browser.get("/admin");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "<th scope=\"row\">down.example</th>")) << page.body;
    EXPECT_TRUE(contains(page.body, "HTTP 410"));
    EXPECT_FALSE(contains(page.body, "<th scope=\"row\">up.example</th>"));
    EXPECT_TRUE(contains(page.body, "<dt>Deliveries pending</dt><dd>2</dd>"));
    EXPECT_TRUE(contains(page.body, "<dt>Deliveries given up (dead)</dt><dd>1</dd>"));
    EXPECT_TRUE(contains(page.body, "Waiting for approval</a></dt><dd>1</dd>"));
}

TEST_F(AdminPages, CrawlerListIsReadOnly) {
    auto page = admin_browser.get("/admin/crawlers");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "<li>GPTBot"));
    EXPECT_TRUE(contains(page.body, "read-only"));
    EXPECT_FALSE(contains(page.body, "action=\"/admin/crawlers")) << "nothing to post: the list is configuration";
}

}  // namespace
}  // namespace gesso::test
