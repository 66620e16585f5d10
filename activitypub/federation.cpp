#include "activitypub/federation.hpp"

#include <random>

#include "activitypub/delivery_policy.hpp"
#include "activitypub/scheduled.hpp"
#include "activitypub/inbox.hpp"
#include "activitypub/media_cleanup.hpp"
#include "activitypub/remote_actors.hpp"
#include "activitypub/signatures/http_signatures.hpp"
#include "activitypub/transport.hpp"
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "storage/accounts.hpp"
#include "storage/domain_blocks.hpp"
#include "storage/follows.hpp"
#include "storage/federation_health.hpp"
#include "storage/queues.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;

namespace {

constexpr auto kFanOutLease = std::chrono::minutes(5);
constexpr auto kDeliveryLease = std::chrono::minutes(2);

struct ParsedAudience {
    bool followers = false;
    std::vector<std::string> inboxes;
};

ParsedAudience parse_audience(const std::string& json) {
    ParsedAudience out;
    rapidjson::Document doc = core::parse_json(json);
    if (doc.IsObject() && doc.HasMember("followers") && doc["followers"].IsBool()) out.followers = doc["followers"].GetBool();
    if (doc.IsObject() && doc.HasMember("inboxes") && doc["inboxes"].IsArray()) {
        for (const auto& v : doc["inboxes"].GetArray()) {
            if (v.IsString()) out.inboxes.emplace_back(v.GetString());
        }
    }
    return out;
}

double jitter() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

struct Attempt {
    int status = 0;
    std::optional<std::string> retry_after;
    std::string error;
};

Attempt send_signed(Context& ctx, const storage::Delivery& d, const core::KeyPair& key, bool rfc9421) {
    OutgoingRequest request;
    request.method = "POST";
    request.url = d.inbox_url;
    request.body = d.payload;
    request.set_header("Content-Type", "application/activity+json");
    request.set_header("Accept", "application/activity+json");
    std::string key_id = key.key_id;
    std::string pem = key.private_pem;
    request.sign = [&ctx, key_id, pem, rfc9421](OutgoingRequest& r) {
        if (rfc9421) sign_rfc9421(r, key_id, pem, ctx.clock.now());
        else sign_cavage(r, key_id, pem, ctx.clock.now());
    };
    Attempt attempt;
    try {
        IncomingResponse response = ctx.transport->send(request);
        attempt.status = response.status;
        attempt.retry_after = response.header("Retry-After");
    } catch (const Error& e) {
        // A refused destination (SSRF guard, bad URL) will never work: make it permanent.
        attempt.status = (e.code() == Errc::forbidden || e.code() == Errc::bad_request) ? 400 : 0;
        attempt.error = e.what();
    }
    return attempt;
}

void deliver_one(Context& ctx, const storage::Delivery& d) {
    auto now = ctx.clock.now();
    auto [key, scheme, blocked] = ctx.db.read([&](storage::Connection& conn) {
        std::optional<core::KeyPair> rsa;
        for (auto& k : storage::find_keys(conn, d.account_id)) {
            if (k.type == core::KeyType::rsa && !k.private_pem.empty()) rsa = k;
        }
        auto health = storage::find_instance(conn, d.host);
        return std::make_tuple(rsa, health ? health->signature_scheme : std::string(), storage::federation_refused(conn, d.host, ctx.settings.federation_mode));
    });
    if (blocked || !key) {
        ctx.db.write([&](storage::Connection& conn) { storage::finish_delivery(conn, d.id); });
        return;
    }
    // Sign with what the host is known to accept; on 401/403 knock again with the other scheme and remember.
    bool rfc9421 = scheme == "rfc9421";
    Attempt attempt = send_signed(ctx, d, *key, rfc9421);
    std::string learned;
    if (attempt.status == 401 || attempt.status == 403) {
        Attempt other = send_signed(ctx, d, *key, !rfc9421);
        if (other.status >= 200 && other.status < 300) learned = rfc9421 ? "cavage" : "rfc9421";
        attempt = other;
    } else if (attempt.status >= 200 && attempt.status < 300 && scheme.empty()) {
        learned = rfc9421 ? "rfc9421" : "cavage";
    }
    DeliveryDecision decision = decide_delivery(attempt.status, d.attempts, d.created_at, now,
                                                parse_retry_after(attempt.retry_after), jitter());
    ctx.db.write([&](storage::Connection& conn) {
        if (!learned.empty()) storage::set_instance_signature_scheme(conn, d.host, learned);
        if (decision.outcome == DeliveryOutcome::retry) {
            storage::retry_delivery(conn, d.id, decision.retry_at, attempt.status, attempt.error);
        } else {
            storage::finish_delivery(conn, d.id);
        }
        bool delivered = attempt.status >= 200 && attempt.status < 300;
        if (!delivered) {
            // For the admin overview: what went wrong last, and the deliveries given up (dead).
            std::string error = attempt.error;
            if (error.empty()) error.append("HTTP ").append(std::to_string(attempt.status));
            storage::record_delivery_error(conn, d.host, error, decision.outcome == DeliveryOutcome::drop);
        }
        if (decision.outcome == DeliveryOutcome::done) {
            storage::record_instance_success(conn, d.host, now);
        } else if (decision.host_failure) {
            int failures = storage::find_instance(conn, d.host).value_or(storage::InstanceHealth{}).failures + 1;
            auto pause = instance_pause(failures);
            storage::record_instance_failure(conn, d.host, now,
                                             pause ? std::optional<core::TimePoint>(now + *pause) : std::nullopt);
        }
    });
    if (decision.outcome == DeliveryOutcome::drop && !(attempt.status >= 200 && attempt.status < 300)) {
        GESSO_LOG(info) << "gave up delivering to " << d.inbox_url << " (status " << attempt.status << ")";
    }
}

}  // namespace

int fan_out(Context& ctx, int limit) {
    auto jobs = ctx.db.write([&](storage::Connection& conn) {
        return storage::lease_outbox_jobs(conn, ctx.clock.now(), kFanOutLease, limit);
    });
    std::string own_host = core::to_lower_ascii(ctx.urls.domain);
    for (const auto& job : jobs) {
        ParsedAudience audience = parse_audience(job.audience);
        ctx.db.write([&](storage::Connection& conn) {
            std::vector<std::string> inboxes = audience.inboxes;
            if (audience.followers) {
                auto followers = storage::follower_inboxes(conn, job.account_id);
                inboxes.insert(inboxes.end(), followers.begin(), followers.end());
            }
            for (const auto& inbox : inboxes) {
                std::string host = url_authority(inbox);
                if (host.empty() || host == own_host || storage::federation_refused(conn, host, ctx.settings.federation_mode)) continue;
                storage::insert_delivery(conn, ctx.ids.next(), job.id, inbox, host, ctx.clock.now());
            }
            storage::mark_fanned_out(conn, job.id);
        });
    }
    return static_cast<int>(jobs.size());
}

int deliver(Context& ctx, int limit, int per_host) {
    if (!ctx.transport) return 0;
    auto due = ctx.db.write([&](storage::Connection& conn) {
        return storage::lease_deliveries(conn, ctx.clock.now(), kDeliveryLease, limit, per_host);
    });
    for (const auto& d : due) deliver_one(ctx, d);
    return static_cast<int>(due.size());
}

PumpResult pump_once(Context& ctx, int batch) {
    PumpResult r;
    r.inbox = process_inbox(ctx, batch);
    r.fanned_out = fan_out(ctx, batch);
    r.delivered = deliver(ctx, batch);
    r.scheduled = run_due_work(ctx, batch);
    r.media_cleaned = clean_media(ctx, batch);
    return r;
}

}  // namespace gesso::activitypub
