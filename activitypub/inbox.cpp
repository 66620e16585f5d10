#include "activitypub/inbox.hpp"

#include "activitypub/accounts.hpp"
#include "activitypub/activity_proofs.hpp"
#include "activitypub/as2/activity.hpp"
#include "activitypub/inbox_handlers.hpp"
#include "activitypub/remote_actors.hpp"
#include "activitypub/request_auth.hpp"
#include "activitypub/signatures/http_signatures.hpp"
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "storage/domain_blocks.hpp"
#include "storage/queues.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;

namespace {

constexpr auto kInboxLease = std::chrono::minutes(5);
constexpr int kMaxInboxAttempts = 8;

void check_date_and_digest(Context& ctx, const SignedRequest& request) {
    auto date = request.header("date");
    if (date) {
        auto when = parse_http_date(*date);
        if (!when) throw Error(Errc::unauthorized, "the Date header is not an HTTP date");
        auto skew = ctx.clock.now() - *when;
        if (skew > ctx.settings.signature_max_skew || -skew > ctx.settings.signature_max_skew) {
            throw Error(Errc::unauthorized, "the Date header is too far from our clock");
        }
    }
    if (auto digest = request.header("digest")) check_digest_header(*digest, request.body);
    if (auto digest = request.header("content-digest")) check_content_digest_header(*digest, request.body);
}

}  // namespace

void receive_inbox_post(Context& ctx, const SignedRequest& request, const std::optional<std::string>& username) {
    if (username) require_local_account(ctx, *username);
    rapidjson::Document doc = core::parse_json(request.body);
    as2::ParsedActivity activity = as2::parse_activity(doc);
    check_date_and_digest(ctx, request);
    VerificationKey key = authenticate_signed_request(ctx, request);
    std::string host = url_authority(http_signature_key_id(request));
    // Who the activity is from: the HTTP signer, or, when it carries an object integrity proof, the actor the
    // proof authenticates (a forwarded or relayed activity may be signed by another actor's server).
    std::string author = key.owner.uri;
    if (has_proof(doc)) {
        std::string actor_host = url_authority(activity.actor);
        // Our own actors' activities never come back to us through another server (a replay of what we sent).
        if (actor_host == core::to_lower_ascii(ctx.urls.domain)) {
            throw Error(Errc::unauthorized, "an activity of a local actor cannot be delivered by another server");
        }
        if (actor_host != host && ctx.db.read([&](storage::Connection& conn) {
                return storage::federation_refused(conn, actor_host, ctx.settings.federation_mode);
            })) {
            throw Error(Errc::forbidden, "this server does not federate with " + actor_host);
        }
        author = verify_activity_proof(ctx, doc, activity.actor).uri;
    } else if (activity.actor != key.owner.uri) {
        throw Error(Errc::unauthorized, "the activity's actor is not the signer");
    }
    // The peer signs with RFC 9421: deliveries to it will too (double knock still falls back).
    const bool learned_rfc9421 = http_signature_scheme(request) == HttpSignatureScheme::rfc9421;

    storage::InboxJob job{ctx.ids.next(), activity.id, author, request.body, ctx.clock.now(), 0};
    bool queued = ctx.db.write([&](storage::Connection& conn) {
        if (learned_rfc9421) {
            auto known = storage::find_instance(conn, host);
            if (!known || known->signature_scheme != "rfc9421") {
                storage::set_instance_signature_scheme(conn, host, "rfc9421");
            }
        }
        if (!storage::mark_activity_seen(conn, activity.id, job.received_at)) return false;
        storage::enqueue_inbox_job(conn, job);
        return true;
    });
    if (queued && ctx.wake_workers) ctx.wake_workers();
}

int process_inbox(Context& ctx, int limit) {
    auto jobs = ctx.db.write([&](storage::Connection& conn) {
        return storage::lease_inbox_jobs(conn, ctx.clock.now(), kInboxLease, limit);
    });
    for (const auto& job : jobs) {
        try {
            apply_activity(ctx, job.signer_uri, job.payload);
            ctx.db.write([&](storage::Connection& conn) { storage::finish_inbox_job(conn, job.id); });
        } catch (const std::exception& failure) {
            const auto* error = dynamic_cast<const Error*>(&failure);
            Error e = error ? *error : Error(Errc::internal, failure.what());
            bool transient = e.code() == Errc::unavailable;
            if (transient && job.attempts < kMaxInboxAttempts) {
                auto delay = std::chrono::seconds(30) * (1 << std::min(job.attempts, 10));
                ctx.db.write([&](storage::Connection& conn) {
                    storage::retry_inbox_job(conn, job.id, ctx.clock.now() + delay, e.what());
                });
            } else {
                GESSO_LOG(info) << "dropped inbox activity " << job.activity_id << ": " << e.what()
                                << (e.detail().empty() ? "" : " (" + e.detail() + ")");
                ctx.db.write([&](storage::Connection& conn) { storage::finish_inbox_job(conn, job.id); });
            }
        }
    }
    return static_cast<int>(jobs.size());
}

}  // namespace gesso::activitypub
