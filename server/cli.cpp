#include "server/cli.hpp"

#include <iomanip>
#include <iostream>

#include "activitypub/accounts.hpp"
#include "activitypub/domain_policies.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/log.hpp"
#include "core/random.hpp"
#include "core/text.hpp"
#include "core/version.hpp"
#include "server/cli_words.hpp"
#include "server/config.hpp"
#include "server/policy_cli.hpp"
#include "server/node.hpp"
#include "server/serve.hpp"
#include "storage/account_settings.hpp"
#include "storage/accounts.hpp"
#include "storage/migrations.hpp"

namespace gesso::server {

using core::Errc;
using core::Error;

namespace {

// One line per AI crawler the node turned away: AGENT TAB HITS TAB LAST-SEEN, most hits first.
int crawlers_verb(Node& node) {
    auto counts = node.database().read([](storage::Connection& conn) { return storage::list_crawler_counts(conn); });
    if (counts.empty()) std::cout << "# no AI crawler has been turned away yet\n";
    for (const auto& c : counts) {
        std::cout << c.agent << "\t" << c.hits << "\t" << core::format_iso8601_seconds(c.last_seen_at) << "\n";
    }
    return 0;
}

int config_check(const Config& c) {
    auto problems = validate(c);
    if (problems.empty()) {
        std::cout << "configuration ok: " << (c.insecure_http ? "http" : "https") << "://" << c.domain
                  << ", listening on " << c.listen << ", data in " << c.data_dir << "\n";
        if (c.insecure_http) std::cout << "warning: insecure_http is on: for development and tests only\n";
        if (c.allow_private_addresses) std::cout << "warning: allow_private_addresses is on: for tests only\n";
        return 0;
    }
    for (const auto& p : problems) std::cerr << "gesso: config: " << p << "\n";
    return 1;
}

int account_verb(Node& node, const Invocation& inv) {
    const Words& w = inv.words;
    const std::string& action = word(w, 2, "account action (create, list, approve, reject, suspend, unsuspend, reset-password)");
    auto& ctx = node.context();
    if (action == "create") {
        const std::string& name = word(w, 3, "username");
        expect_words(w, 4);
        if (inv.email.empty()) usage_error("--email is required");
        std::string password = inv.password.empty() ? core::random_password() : inv.password;
        activitypub::create_local_account(ctx, {name, inv.email, password, inv.admin, true});
        std::cout << "created " << (inv.admin ? "admin " : "") << "account " << name << " ("
                  << ctx.urls.actor(name) << ")\n";
        if (inv.password.empty()) std::cout << "password: " << password << "\n";
        return 0;
    }
    if (action == "list") {
        expect_words(w, 3);
        auto users = ctx.db.read([](storage::Connection& conn) { return storage::list_local_users(conn); });
        std::cout << std::left << std::setw(24) << "USERNAME" << std::setw(32) << "EMAIL" << "ROLE   STATE\n";
        for (const auto& u : users) {
            std::cout << std::setw(24) << u.account.username << std::setw(32) << u.user.email
                      << (u.user.admin ? "admin  " : "user   ")
                      << (u.account.is_suspended() ? "suspended" : !u.user.approved ? "pending" : "active")
                      << "\n";
        }
        return 0;
    }
    if (action == "approve") {
        const std::string& name = word(w, 3, "username");
        expect_words(w, 4);
        activitypub::approve_account(ctx, name);
        std::cout << "approved " << name << "\n";
        return 0;
    }
    if (action == "reject") {
        const std::string& name = word(w, 3, "username");
        expect_words(w, 4);
        activitypub::reject_account(ctx, name);
        std::cout << "rejected and deleted the sign-up of " << name << "\n";
        return 0;
    }
    if (action == "suspend" || action == "unsuspend") {
        const std::string& name = word(w, 3, "username");
        expect_words(w, 4);
        activitypub::set_account_suspended(ctx, name, action == "suspend");
        std::cout << action << "ed " << name << "\n";
        return 0;
    }
    if (action == "reset-password") {
        const std::string& name = word(w, 3, "username");
        expect_words(w, 4);
        std::string password = inv.password.empty() ? core::random_password() : inv.password;
        activitypub::reset_password(ctx, name, password);
        std::cout << "password of " << name << " reset\n";
        if (inv.password.empty()) std::cout << "password: " << password << "\n";
        return 0;
    }
    usage_error("unknown account action '" + action + "'");
}

int domain_list(Node& node, const Invocation& inv) {
    if (inv.config.federation_mode == "allowlist") {
        std::cout << "# federation_mode = allowlist: only domains marked allow (and their subdomains) federate\n";
    }
    // One line per domain, alphabetically: DOMAIN TAB POLICY TAB REASON.
    for (const auto& row : activitypub::list_domain_policies(node.context())) {
        std::cout << row.domain << "\t" << activitypub::domain_policy_words(row) << "\t"
                  << (row.block ? row.block->reason : "") << "\n";
    }
    return 0;
}

int domain_verb(Node& node, const Invocation& inv) {
    const Words& w = inv.words;
    const std::string& action = word(w, 2, "domain action (block, unblock, allow, disallow, list)");
    auto& ctx = node.context();
    if (action == "list") {
        expect_words(w, 3);
        return domain_list(node, inv);
    }
    if (action != "block" && action != "unblock" && action != "allow" && action != "disallow") {
        usage_error("unknown domain action '" + action + "'");
    }
    std::string domain = activitypub::normalise_domain(word(w, 3, "domain"));
    expect_words(w, 4);
    if (action == "block") {
        activitypub::DomainBlockInput block{domain, activitypub::parse_domain_severity(inv.severity), inv.reject_media,
                                            inv.reason};
        bool created = activitypub::block_domain(ctx, block);
        std::cout << (created ? "blocked " : "updated block of ") << domain << "\n";
        return 0;
    }
    if (action == "unblock") {
        activitypub::unblock_domain(ctx, domain);
        std::cout << "unblocked " << domain << "\n";
        return 0;
    }
    if (action == "allow") {
        bool added = activitypub::allow_domain(ctx, domain);
        std::cout << (added ? "allowed " : "already allowed: ") << domain << "\n";
        if (inv.config.federation_mode != "allowlist") {
            std::cout << "note: federation_mode is open, so the allowlist is not in force\n";
        }
        return 0;
    }
    activitypub::disallow_domain(ctx, domain);
    std::cout << "disallowed " << domain << "\n";
    return 0;
}

int run_verb(const Invocation& inv) {
    const Words& w = inv.words;
    const Config& config = inv.config;
    if (inv.help || w.empty()) {
        std::cout << usage();
        return w.empty() && !inv.help ? 2 : 0;
    }
    const std::string& verb = w[0];
    if (verb == "version") {
        std::cout << "gesso " << core::kVersion << "\n";
        return 0;
    }
    if (verb == "config") {
        if (word(w, 1, "config action (check)") != "check") usage_error("unknown config action '" + w[1] + "'");
        expect_words(w, 2);
        return config_check(config);
    }
    if (verb != "serve" && verb != "migrate" && verb != "admin") usage_error("unknown verb '" + verb + "'");
    auto problems = validate(config);
    if (!problems.empty()) throw Error(Errc::bad_request, "config: " + problems.front());
    core::LogLevel level;
    core::parse_log_level(config.log_level, level);
    core::set_log_level(level);

    if (verb == "serve") {
        expect_words(w, 1);
        return serve(config);
    }
    if (verb == "migrate") {
        expect_words(w, 1);
        Node node(config);
        std::cout << "schema at version " << storage::latest_schema_version() << " (" << node.migrations_applied()
                  << " migrations applied)\n";
        return 0;
    }
    const std::string& group = word(w, 1, "admin group (account, domain, policy, crawlers)");
    if (group != "account" && group != "domain" && group != "policy" && group != "crawlers") {
        usage_error("unknown admin group '" + group + "'");
    }
    Node node(config);
    if (group == "policy") return policy_verb(node, inv);
    if (group == "crawlers") {
        expect_words(w, 2);
        return crawlers_verb(node);
    }
    return group == "account" ? account_verb(node, inv) : domain_verb(node, inv);
}

}  // namespace

int run_cli(int argc, const char* const* argv) {
    try {
        return run_verb(parse_invocation(argc, argv));
    } catch (const Error& e) {
        std::cerr << "gesso: " << e.what() << "\n";
        if (!e.detail().empty()) GESSO_LOG(debug) << e.detail();
        return e.code() == Errc::bad_request ? 2 : 1;
    } catch (const std::exception& e) {
        std::cerr << "gesso: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace gesso::server
