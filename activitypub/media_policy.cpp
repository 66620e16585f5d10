#include "activitypub/media_policy.hpp"

#include <algorithm>
#include <map>

#include "activitypub/accounts.hpp"
#include "activitypub/notifications.hpp"
#include "activitypub/policy.hpp"
#include "activitypub/remote_actors.hpp"
#include "core/limits.hpp"
#include "core/log.hpp"
#include "storage/accounts.hpp"
#include "storage/media.hpp"
#include "storage/notifications.hpp"
#include "storage/post_details.hpp"
#include "storage/statuses.hpp"

namespace gesso::activitypub {

std::vector<RepostMatch> find_reposts(storage::Connection& conn, core::Id author,
                                      const std::vector<core::MediaAttachment>& media) {
    std::map<core::Id, RepostMatch> nearest;  // by artist
    for (const auto& m : media) {
        if (m.pdq.empty() || m.pdq_quality < core::limits::kPdqMinQuality) continue;
        for (const auto& dup : storage::find_near_duplicates(conn, m.pdq, core::limits::kPdqMatchDistance)) {
            if (dup.media_id == m.id) continue;
            auto original = storage::find_media(conn, dup.media_id);
            if (!original || original->account_id == author) continue;
            auto artist = storage::find_account(conn, original->account_id);
            if (!artist || !artist->is_local()) continue;  // only our own artists' work is watched
            auto& best = nearest[artist->id];
            if (best.artist == 0 || dup.distance < best.distance) {
                best = {artist->id, original->id, original->status_id, m.id, dup.distance};
            }
        }
    }
    std::vector<RepostMatch> out;
    for (auto& [artist, match] : nearest) out.push_back(match);
    return out;
}

void alert_reposts(Context& ctx, storage::Connection& conn, const core::Status& post,
                   const std::vector<RepostMatch>& matches) {
    if (matches.empty()) return;
    auto reporter = storage::find_account_by_uri(conn, ctx.urls.instance_actor());
    std::string post_link = post.url.empty() ? post.uri : post.url;
    for (const auto& match : matches) {
        notify(ctx, conn, match.artist, post.account_id, "gesso.repost", post.id);
        auto artist = storage::find_account(conn, match.artist);
        std::string original_link = ctx.urls.profile(artist ? artist->username : "");
        if (match.artist_status) {
            if (auto original = storage::find_status(conn, *match.artist_status)) {
                original_link = original->url.empty() ? original->uri : original->url;
            }
        }
        if (!reporter) continue;  // no instance actor yet: the artist is told, the admins are not
        core::Report report;
        report.id = ctx.ids.next();
        report.account_id = reporter->id;
        report.target_account_id = post.account_id;
        report.status_ids = {post.id};
        report.category = "other";
        report.comment = "Possible repost of @" + (artist ? artist->username : std::string("?")) + "'s work " +
                         original_link + " in " + post_link + " (perceptual hash distance " +
                         std::to_string(match.distance) + " of 256 bits).";
        report.created_at = ctx.clock.now();
        storage::insert_report(conn, report);
        for (const auto& user : storage::list_local_users(conn)) {
            if (user.user.admin) notify(ctx, conn, user.account.id, post.account_id, "admin.report", std::nullopt, report.id);
        }
        GESSO_LOG(info) << "repost alert: " << post_link << " resembles " << original_link;
    }
}

void review_post_media(Context& ctx, core::Id status_id) {
    ctx.db.write([&](storage::Connection& conn) {
        auto status = storage::find_status(conn, status_id);
        if (!status || status->local) return;
        auto author = storage::find_account(conn, status->account_id);
        if (!author) return;
        auto media = storage::find_status_media(conn, status_id);
        if (media.empty()) return;
        PostFacts facts;
        facts.local = false;
        facts.subject = status->uri;
        facts.actor_uri = author->uri;
        facts.domain = url_authority(author->uri);
        for (const auto& m : media) {
            if (!m.ai_verdict.empty()) facts.ai_verdicts.push_back(m.ai_verdict);
        }
        auto reposts = find_reposts(conn, author->id, media);
        facts.repost_match = !reposts.empty();
        PolicyOutcome outcome = apply_policies(ctx, conn, facts, RuleSet::media);
        alert_reposts(ctx, conn, *status, reposts);
        if (outcome.reject || outcome.hold) {
            storage::mark_status_deleted(conn, status->id, ctx.clock.now());
            return;
        }
        if (!outcome.changes_post()) return;
        storage::PostRestriction r;
        r.unlisted = outcome.silence && status->visibility == core::Visibility::public_;
        r.sensitive = outcome.sensitive || !outcome.labels.empty();
        for (const auto& label : outcome.labels) r.warning += (r.warning.empty() ? "" : "; ") + label;
        storage::restrict_status(conn, status->id, r);
        if (outcome.strip_media) storage::delete_status_media(conn, status->id);  // a remote post: files queued
    });
}

}  // namespace gesso::activitypub
