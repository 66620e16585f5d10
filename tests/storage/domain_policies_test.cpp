// storage/domain_blocks as policies: subdomain coverage, silence, reject media, the allowlist and the one
// federation_refused() answer; and the per-account "hide collections" flag in storage/accounts.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "storage/accounts.hpp"
#include "storage/domain_blocks.hpp"
#include "storage_fixture.hpp"

namespace gesso::test {
namespace {

using core::DomainSeverity;
using storage::Connection;
using storage::FederationMode;

class DomainPolicies : public MigratedDatabase {
protected:
    void block(const std::string& domain, DomainSeverity severity, bool reject_media = false) {
        core::DomainBlock b;
        b.id = next_id();
        b.domain = domain;
        b.severity = severity;
        b.reject_media = reject_media;
        b.created_at = fixed_now();
        db.write([&](Connection& conn) { storage::upsert_domain_block(conn, b); });
    }
    bool allow(const std::string& domain) {
        return db.write([&](Connection& conn) { return storage::allow_domain(conn, domain, fixed_now()); });
    }
    template <class F>
    auto ask(F f) {
        return db.read([&](Connection& conn) { return f(conn); });
    }
    bool suspended(const std::string& host) {
        return ask([&](Connection& c) { return storage::domain_suspended(c, host); });
    }
    bool silenced(const std::string& host) {
        return ask([&](Connection& c) { return storage::domain_silenced(c, host); });
    }
    bool rejects_media(const std::string& host) {
        return ask([&](Connection& c) { return storage::domain_rejects_media(c, host); });
    }
    bool refused(const std::string& host, FederationMode mode) {
        return ask([&](Connection& c) { return storage::federation_refused(c, host, mode); });
    }
};

TEST(PolicyDomains, MostSpecificFirstWithThePortAndWithout) {
    EXPECT_EQ(storage::policy_domains_for("Sub.Example.COM:8443"),
              (std::vector<std::string>{"sub.example.com:8443", "sub.example.com", "example.com", "com"}));
    EXPECT_EQ(storage::policy_domains_for("example.com."), (std::vector<std::string>{"example.com", "com"}));
    EXPECT_EQ(storage::policy_domains_for("127.0.0.1:8080"), (std::vector<std::string>{"127.0.0.1:8080", "127.0.0.1"}));
    EXPECT_EQ(storage::policy_domains_for("[::1]:443"), (std::vector<std::string>{"[::1]:443", "[::1]"}));
    EXPECT_TRUE(storage::policy_domains_for("").empty());
    EXPECT_TRUE(storage::policy_domains_for(std::string(400, 'a')).empty());
}

TEST_F(DomainPolicies, ASuspensionCoversSubdomainsButNotLookalikes) {
    block("example.com", DomainSeverity::suspend);
    EXPECT_TRUE(suspended("example.com"));
    EXPECT_TRUE(suspended("EXAMPLE.com"));
    EXPECT_TRUE(suspended("sub.example.com"));
    EXPECT_TRUE(suspended("a.b.example.com:8443"));
    EXPECT_FALSE(suspended("badexample.com"));
    EXPECT_FALSE(suspended("example.com.evil.test"));
    EXPECT_FALSE(suspended("com"));
    EXPECT_FALSE(suspended(""));
}

TEST_F(DomainPolicies, TheMostSpecificPolicyWins) {
    block("example.com", DomainSeverity::suspend);
    block("friendly.example.com", DomainSeverity::silence);
    EXPECT_FALSE(suspended("friendly.example.com"));
    EXPECT_TRUE(silenced("friendly.example.com"));
    EXPECT_TRUE(silenced("www.friendly.example.com"));
    EXPECT_TRUE(suspended("other.example.com"));
    auto policy = ask([](Connection& c) { return storage::find_domain_policy(c, "x.friendly.example.com"); });
    ASSERT_TRUE(policy);
    EXPECT_EQ(policy->domain, "friendly.example.com");
}

TEST_F(DomainPolicies, AnEntryWithAPortMatchesOnlyThatPort) {
    block("a.test:8443", DomainSeverity::suspend);
    EXPECT_TRUE(suspended("a.test:8443"));
    EXPECT_FALSE(suspended("a.test"));
    EXPECT_FALSE(suspended("a.test:443"));
}

TEST_F(DomainPolicies, SilenceIsNotSuspensionAndIsAskedPerAccount) {
    block("loud.example", DomainSeverity::silence);
    EXPECT_TRUE(silenced("loud.example"));
    EXPECT_FALSE(suspended("loud.example"));
    EXPECT_FALSE(refused("loud.example", FederationMode::open));
    EXPECT_FALSE(rejects_media("loud.example"));
    core::Account shouty = insert_remote("shouty", "sub.loud.example");
    core::Account calm = insert_remote("calm", "calm.example");
    core::Account local = insert_local_user("alice");
    EXPECT_TRUE(ask([&](Connection& c) { return storage::account_silenced(c, shouty.id); }));
    EXPECT_FALSE(ask([&](Connection& c) { return storage::account_silenced(c, calm.id); }));
    EXPECT_FALSE(ask([&](Connection& c) { return storage::account_silenced(c, local.id); }));
    EXPECT_FALSE(ask([&](Connection& c) { return storage::account_silenced(c, 424242); }));
    // Lifting the silence is seen at once: nothing was copied onto the accounts.
    db.write([](Connection& c) { storage::delete_domain_block(c, "loud.example"); });
    EXPECT_FALSE(ask([&](Connection& c) { return storage::account_silenced(c, shouty.id); }));
}

TEST_F(DomainPolicies, RejectMediaAloneOrWithASeverity) {
    block("pics.example", DomainSeverity::none, true);
    block("noisy.example", DomainSeverity::silence, true);
    block("gone.example", DomainSeverity::suspend);
    EXPECT_TRUE(rejects_media("pics.example"));
    EXPECT_TRUE(rejects_media("cdn.pics.example"));
    EXPECT_FALSE(silenced("pics.example"));
    EXPECT_FALSE(refused("pics.example", FederationMode::open));
    EXPECT_TRUE(rejects_media("noisy.example"));
    EXPECT_TRUE(silenced("noisy.example"));
    EXPECT_TRUE(rejects_media("gone.example"));  // nothing at all comes from a suspended domain
    EXPECT_FALSE(rejects_media("fine.example"));
    auto stored = ask([](Connection& c) { return storage::find_domain_block(c, "pics.example"); });
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->severity, DomainSeverity::none);
    EXPECT_TRUE(stored->reject_media);
    // Updating the block replaces the flag too.
    block("pics.example", DomainSeverity::silence, false);
    EXPECT_FALSE(rejects_media("pics.example"));
}

TEST_F(DomainPolicies, AllowlistModeRefusesEveryDomainNotListed) {
    EXPECT_FALSE(refused("anywhere.example", FederationMode::open));
    EXPECT_TRUE(refused("anywhere.example", FederationMode::allowlist));
    EXPECT_TRUE(allow("friends.example"));
    EXPECT_FALSE(allow("FRIENDS.example"));  // already there, case-insensitively
    EXPECT_FALSE(refused("friends.example", FederationMode::allowlist));
    EXPECT_FALSE(refused("art.friends.example:8443", FederationMode::allowlist));
    EXPECT_TRUE(refused("notfriends.example", FederationMode::allowlist));
    EXPECT_TRUE(refused("anywhere.example", FederationMode::allowlist));
}

TEST_F(DomainPolicies, ASuspensionWinsOverTheAllowlist) {
    allow("friends.example");
    block("bad.friends.example", DomainSeverity::suspend);
    EXPECT_TRUE(refused("bad.friends.example", FederationMode::allowlist));
    EXPECT_TRUE(refused("bad.friends.example", FederationMode::open));
    EXPECT_FALSE(refused("good.friends.example", FederationMode::allowlist));
}

TEST_F(DomainPolicies, DisallowAndList) {
    allow("b.example");
    allow("a.example");
    EXPECT_EQ(ask([](Connection& c) { return storage::list_allowed_domains(c); }),
              (std::vector<std::string>{"a.example", "b.example"}));
    EXPECT_TRUE(db.write([](Connection& c) { return storage::disallow_domain(c, "B.example"); }));
    EXPECT_FALSE(db.write([](Connection& c) { return storage::disallow_domain(c, "b.example"); }));
    EXPECT_EQ(ask([](Connection& c) { return storage::list_allowed_domains(c); }),
              (std::vector<std::string>{"a.example"}));
    EXPECT_TRUE(refused("b.example", FederationMode::allowlist));
}

TEST_F(DomainPolicies, TheSeverityCheckStillRefusesUnknownValues) {
    auto bad_insert = [](Connection& c) {
        c.exec("INSERT INTO domain_blocks (id, domain, severity, created_at) VALUES (1, 'x.example', 'harsh', 0)");
    };
    EXPECT_THROW(db.write(bad_insert), core::Error);
    EXPECT_EQ(count_rows("domain_blocks"), 0);
}

class HiddenCollections : public MigratedDatabase {};

TEST_F(HiddenCollections, OffByDefaultAndSetPerAccount) {
    core::Account alice = insert_local_user("alice");
    core::Account bob = insert_local_user("bob");
    auto hidden = [&](core::Id id) { return db.read([&](Connection& c) { return storage::collections_hidden(c, id); }); };
    EXPECT_FALSE(hidden(alice.id));
    EXPECT_TRUE(db.write([&](Connection& c) { return storage::set_collections_hidden(c, alice.id, true); }));
    EXPECT_TRUE(hidden(alice.id));
    EXPECT_FALSE(hidden(bob.id));
    EXPECT_TRUE(db.write([&](Connection& c) { return storage::set_collections_hidden(c, alice.id, false); }));
    EXPECT_FALSE(hidden(alice.id));
    EXPECT_FALSE(db.write([&](Connection& c) { return storage::set_collections_hidden(c, 424242, true); }));
    EXPECT_FALSE(hidden(424242));
}

}  // namespace
}  // namespace gesso::test
