#include "activitypub/personal_filters.hpp"

#include "activitypub/relationships.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "storage/mutes.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;

void mute_account(Context& ctx, const core::Account& local, core::Id target_id, bool notifications,
                  std::optional<std::chrono::seconds> duration) {
    if (target_id == local.id) throw Error(Errc::unprocessable, "Validation failed: you cannot mute yourself");
    if (duration && (duration->count() < 0 || duration->count() > core::limits::kMaxMuteDurationSeconds)) {
        throw Error(Errc::unprocessable, "Validation failed: duration is out of range");
    }
    auto now = ctx.clock.now();
    ctx.db.write([&](storage::Connection& conn) {
        auto target = storage::find_account(conn, target_id);
        if (!target) throw Error(Errc::not_found, "Record not found");
        storage::Mute m;
        m.id = ctx.ids.next();
        m.account_id = local.id;
        m.target_account_id = target_id;
        m.notifications = notifications;
        if (duration && duration->count() > 0) m.expires_at = now + *duration;
        m.created_at = now;
        storage::upsert_mute(conn, m);
    });
}

bool unmute_account(Context& ctx, const core::Account& local, core::Id target_id) {
    return ctx.db.write([&](storage::Connection& conn) {
        if (!storage::find_account(conn, target_id)) throw Error(Errc::not_found, "Record not found");
        return storage::delete_mute(conn, local.id, target_id);
    });
}

std::string normalize_user_domain(const std::string& domain) {
    std::string d = core::to_lower_ascii(domain);
    while (!d.empty() && d.back() == '.') d.pop_back();
    bool ok = !d.empty() && d.size() <= core::limits::kMaxDomainLength && d.front() != '.' && d.front() != '-';
    for (char c : d) {
        bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':';
        if (!allowed) ok = false;
    }
    if (!ok) throw Error(Errc::unprocessable, "Validation failed: Domain is not a domain name");
    return d;
}

bool block_domain_for(Context& ctx, const core::Account& local, const std::string& domain) {
    std::string d = normalize_user_domain(domain);
    if (d == core::to_lower_ascii(ctx.urls.domain)) {
        throw Error(Errc::unprocessable, "Validation failed: Domain cannot be this server");
    }
    return ctx.db.write([&](storage::Connection& conn) {
        if (storage::account_blocks_domain(conn, local.id, d)) return false;
        if (storage::count_account_domain_blocks(conn, local.id) >= core::limits::kMaxAccountDomainBlocks) {
            throw Error(Errc::unprocessable, "Validation failed: too many blocked domains");
        }
        storage::insert_account_domain_block(conn, ctx.ids.next(), local.id, d, ctx.clock.now());
        // Followers and requests from there go, each told as a refused follow.
        for (const auto& f : storage::follows_from_domain(conn, local.id, d)) {
            auto follower = storage::find_account(conn, f.account_id);
            storage::delete_follow(conn, f.id);
            if (follower) answer_follow(ctx, conn, local, f, *follower, false);
        }
        return true;
    });
}

bool unblock_domain_for(Context& ctx, const core::Account& local, const std::string& domain) {
    std::string d = normalize_user_domain(domain);
    return ctx.db.write(
        [&](storage::Connection& conn) { return storage::delete_account_domain_block(conn, local.id, d); });
}

}  // namespace gesso::activitypub
