#pragma once
// A node with local accounts alice and bob logged in through a real OAuth app (ApiSession), and helpers to call
// the client API over real HTTP. Remote authors and their posts are stored directly (as the inbox would store them).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "storage/post_details.hpp"
#include "storage/statuses.hpp"
#include "support/api_session.hpp"
#include "support/http_client.hpp"
#include "support/json.hpp"
#include "support/manual_clock.hpp"
#include "support/test_node.hpp"

namespace gesso::test {

class ClientApi : public ::testing::Test {
protected:
    explicit ClientApi(TestNodeOptions options = {}) : node(options) {
        alice = node.create_account("alice");
        bob = node.create_account("bob");
        alice_token = login("alice");
        bob_token = login("bob");
    }

    HttpResult call(http::verb method, const std::string& target, const std::string& token, const std::string& body = "",
                    const std::string& type = "application/json", std::vector<std::pair<std::string, std::string>> extra = {}) {
        HttpCall c{method, target, std::move(extra), body};
        if (!body.empty()) c.headers.emplace_back("Content-Type", type);
        if (!token.empty()) c.headers.emplace_back("Authorization", "Bearer " + token);
        return http_request(node.port(), c);
    }
    // The parsed JSON body of a call that must answer 200.
    rapidjson::Document ok(http::verb method, const std::string& target, const std::string& token, const std::string& body = "") {
        auto res = call(method, target, token, body);
        EXPECT_EQ(res.status, 200) << target << ": " << res.body;
        return parse_document(res.body);
    }
    // A token for `user` from the fixture's OAuth app (support/api_session.hpp).
    std::string login(const std::string& user, const std::string& scope = "read write follow") {
        return session.login(user, scope);
    }
    std::string post_status(const std::string& token, const std::string& json) {
        auto res = call(http::verb::post, "/api/v1/statuses", token, json);
        EXPECT_EQ(res.status, 200) << res.body;
        return parse_document(res.body)["id"].GetString();
    }
    // An accepted follow, stored directly (following is another route group's).
    void follow(core::Id follower, core::Id target) {
        node.db().write([&](storage::Connection& c) {
            core::Follow f;
            f.id = node.ctx().ids.next();
            f.account_id = follower;
            f.target_account_id = target;
            f.uri = "urn:test:follow:" + std::to_string(f.id);
            f.accepted = true;
            f.created_at = node.ctx().clock.now();
            storage::insert_follow(c, f);
        });
    }
    core::Account remote_account(const std::string& name, const std::string& host) {
        core::Account a;
        a.id = node.ctx().ids.next();
        a.username = name;
        a.domain = host;
        a.uri = "https://" + host + "/users/" + name;
        a.inbox_url = a.uri + "/inbox";
        a.created_at = a.updated_at = node.ctx().clock.now();
        node.db().write([&](storage::Connection& c) { storage::insert_account(c, a); });
        return a;
    }
    // A remote public post with hashtags, as the inbox stores one.
    std::string remote_post(const core::Account& author, const std::string& html, const std::vector<std::string>& tags = {}) {
        core::Status s;
        s.id = node.ctx().ids.next();
        s.account_id = author.id;
        s.uri = author.uri + "/statuses/" + std::to_string(s.id);
        s.content = html;
        s.local = false;
        s.created_at = node.ctx().clock.now();
        node.db().write([&](storage::Connection& c) {
            storage::insert_status(c, s);
            storage::replace_tags(c, s.id, tags);
        });
        return std::to_string(s.id);
    }
    static std::vector<std::string> ids_of(const rapidjson::Value& array) {
        std::vector<std::string> out;
        for (const auto& v : array.GetArray()) out.emplace_back(v["id"].GetString());
        return out;
    }

    TestNode node;
    ApiSession session{node};  // registers the OAuth app
    core::Account alice, bob;
    std::string alice_token, bob_token;
};

// A ClientApi whose node runs on a ManualClock (one per fixture class `Self`, reachable before the node exists).
template <class Self>
class ClockedClientApi : public ClientApi {
protected:
    ClockedClientApi() : ClientApi(options()) {}
    static ManualClock& clock() {
        static ManualClock c;
        return c;
    }

private:
    static TestNodeOptions options() {
        TestNodeOptions o;
        o.clock = &clock();
        return o;
    }
};

}  // namespace gesso::test
