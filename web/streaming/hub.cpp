#include "web/streaming/hub.hpp"

#include <algorithm>

#include "activitypub/posting.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/log.hpp"
#include "storage/accounts.hpp"
#include "storage/notifications.hpp"
#include "storage/post_details.hpp"
#include "storage/relations.hpp"
#include "storage/status_history.hpp"
#include "storage/statuses.hpp"
#include "web/mastodon/conversations.hpp"
#include "web/mastodon/entities.hpp"
#include "web/oauth/tokens.hpp"

namespace gesso::web::streaming {

using activitypub::Event;
using activitypub::EventKind;
using core::Errc;
using core::Error;

namespace {

using Frame = std::shared_ptr<const Message>;

Frame make_frame(const StreamSpec& spec, std::string_view event, std::string_view payload) {
    return std::make_shared<const Message>(message(spec, event, payload));
}

const StreamSpec kUser{"user", {}};
const StreamSpec kUserNotification{"user:notification", {}};
const StreamSpec kDirect{"direct", {}};

// The token a streaming request carries: `access_token` in the query, then `Authorization: Bearer`, then
// `Sec-WebSocket-Protocol` (browsers cannot set headers on a WebSocket, so Mastodon's web app sends it there).
struct FoundToken {
    std::string token;
    bool from_protocol = false;
};
std::optional<FoundToken> find_token(const Request& req) {
    if (auto q = req.query_param("access_token"); q && !q->empty()) return FoundToken{*q, false};
    std::string_view auth = req.header(http::field::authorization);
    if (auth.size() > 7 && (auth.substr(0, 7) == "Bearer " || auth.substr(0, 7) == "bearer ")) {
        return FoundToken{std::string(auth.substr(7)), false};
    }
    std::string_view proto = req.header(http::field::sec_websocket_protocol);
    if (!proto.empty() && proto.find(',') == std::string_view::npos && proto.find(' ') == std::string_view::npos) {
        return FoundToken{std::string(proto), true};
    }
    return std::nullopt;
}

// Status JSON as `viewer` sees it (nullopt: anonymous), with `filtered` from `filters` as the REST API shows it.
std::string render_status(activitypub::Context& ctx, storage::Connection& conn, const core::Status& status,
                          std::optional<core::Id> viewer, const activitypub::ActiveFilters* filters = nullptr) {
    core::JsonWriter w;
    mastodon::write_status(w, ctx, conn, status, viewer, filters);
    return w.str();
}

// What filters judge of `status`: itself, or what it boosts (nothing when that is gone).
std::optional<core::Status> judged_status(storage::Connection& conn, const core::Status& status) {
    if (!status.reblog_of_id) return status;
    return storage::find_status(conn, *status.reblog_of_id);
}

// Whether a hide filter of `filters` drops `status` for its reader (as the REST timelines do).
bool hidden_by(storage::Connection& conn, const core::Status& status, const activitypub::ActiveFilters& filters) {
    if (filters.empty()) return false;
    auto shown = judged_status(conn, status);
    return !shown || filters.hides(*shown);
}

// Mastodon's Conversation entity for a direct status, as `viewer` sees it (the same as /api/v1/conversations).
std::string render_conversation(activitypub::Context& ctx, storage::Connection& conn, const core::Status& status,
                                core::Id viewer) {
    core::JsonWriter w;
    mastodon::write_conversation(w, ctx, conn, viewer, storage::conversation_root(conn, status.id), status);
    return w.str();
}

// What public streams show the reader of session `s` of public `status` (not a boost): nothing when one of their
// "public" hide filters matches, their own anonymous copy with `filtered` when a warn filter does, else `shared`
// (rendered anonymously on first use and kept for the next readers). One filter check per reader.
std::optional<std::string> public_payload(activitypub::Context& ctx, storage::Connection& conn, Session& s,
                                          const core::Status& status, std::optional<std::string>& shared,
                                          core::TimePoint now) {
    auto filters = s.filters(conn, "public", now);
    if (!filters->empty()) {
        if (filters->hides(status)) return std::nullopt;
        if (!filters->match(status).empty()) return render_status(ctx, conn, status, std::nullopt, filters.get());
    }
    if (!shared) shared = render_status(ctx, conn, status, std::nullopt);
    return shared;
}

bool in_audience(const Event& e, core::Id account) {
    return account == e.author_id || std::find(e.audience.begin(), e.audience.end(), account) != e.audience.end();
}

}  // namespace

bool is_websocket_path(std::string_view path) { return path == "/api/v1/streaming" || path == "/api/v1/streaming/"; }

Hub::Hub(activitypub::Context& ctx, HubOptions options) : ctx_(ctx), options_(options) {}

Hub::~Hub() = default;

Subscriber Hub::admit(const Request& req) { return admit(req, req.query_param("stream").value_or("")); }

Subscriber Hub::admit(const Request& req, std::string_view stream) {
    auto found = find_token(req);
    if (!found) throw Error(Errc::unauthorized, "Missing access token");
    // Reuse the API's token check: same hashing, revocation and suspension rules.
    Request probe;
    probe.message.set(http::field::authorization, "Bearer " + found->token);
    auto caller = oauth::bearer_caller(ctx_, probe);
    if (!caller) throw Error(Errc::unauthorized, "The access token is invalid");
    if (!caller->account) throw Error(Errc::unauthorized, "This method requires an authenticated user");
    if (!oauth::covers(caller->scopes, "read:statuses") && !oauth::covers(caller->scopes, "read:notifications")) {
        throw Error(Errc::forbidden, "This action is outside the authorized scopes");
    }
    Subscriber sub;
    sub.account_id = caller->account->id;
    sub.token_id = caller->token.id;
    sub.scopes = caller->scopes;
    if (found->from_protocol) sub.protocol = found->token;
    if (!stream.empty()) {
        sub.initial = parse_stream(stream, req.query_param("tag").value_or(""), req.query_param("list").value_or(""));
        check_subscription(sub, *sub.initial);
    }
    std::lock_guard lock(mutex_);
    if (closed_ || sessions_.size() >= options_.connections_total) {
        throw Error(Errc::unavailable, "Too many streaming connections, try again later");
    }
    auto it = per_token_.find(sub.token_id);
    if (it != per_token_.end() && it->second >= options_.connections_per_token) {
        throw Error(Errc::too_many_requests, "Too many streaming connections for this access token");
    }
    return sub;
}

void Hub::check_subscription(const Subscriber& subscriber, const StreamSpec& spec) {
    if (!oauth::covers(subscriber.scopes, required_scope(spec)) && !oauth::covers(subscriber.scopes, "read")) {
        throw Error(Errc::forbidden, "This action is outside the authorized scopes");
    }
    if (spec.name == "list") {
        // Lists are owned by the timelines work; without its table no list exists yet.
        bool owned = ctx_.db.read([&](storage::Connection& conn) {
            auto has_table = conn.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'lists'");
            if (!has_table.step()) return false;
            auto stmt = conn.prepare("SELECT 1 FROM lists WHERE id = ? AND account_id = ?");
            stmt.bind(1, static_cast<std::int64_t>(std::stoll(spec.param))).bind(2, subscriber.account_id);
            return stmt.step();
        });
        if (!owned) throw Error(Errc::not_found, "No such list");
    }
}

bool Hub::attach(const std::shared_ptr<Session>& session) {
    std::lock_guard lock(mutex_);
    std::size_t& count = per_token_[session->subscriber().token_id];
    if (closed_ || sessions_.size() >= options_.connections_total || count >= options_.connections_per_token) {
        if (count == 0) per_token_.erase(session->subscriber().token_id);
        return false;
    }
    ++count;
    sessions_.emplace(session.get(), session);
    return true;
}

void Hub::detach(const Session* session) {
    std::lock_guard lock(mutex_);
    if (sessions_.erase(session) == 0) return;
    auto it = per_token_.find(session->subscriber().token_id);
    if (it != per_token_.end() && --it->second == 0) per_token_.erase(it);
}

void Hub::shut_down_all() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    for (auto& session : snapshot()) session->shut_down();
}

std::size_t Hub::session_count() const {
    std::lock_guard lock(mutex_);
    return sessions_.size();
}

std::vector<std::shared_ptr<Session>> Hub::snapshot() const {
    std::vector<std::shared_ptr<Session>> out;
    std::lock_guard lock(mutex_);
    out.reserve(sessions_.size());
    for (const auto& [key, weak] : sessions_) {
        if (auto s = weak.lock()) out.push_back(std::move(s));
    }
    return out;
}

void Hub::publish(const Event& event) noexcept {
    try {
        auto sessions = snapshot();
        if (sessions.empty()) return;
        ctx_.db.read([&](storage::Connection& conn) { deliver_event(conn, event, sessions); });
    } catch (const std::exception& e) {
        GESSO_LOG(error) << "streaming: event not delivered: " << e.what();
    }
}

void Hub::deliver_event(storage::Connection& conn, const Event& e,
                        const std::vector<std::shared_ptr<Session>>& sessions) {
    auto account_of = [](const std::shared_ptr<Session>& s) { return s->subscriber().account_id; };
    const core::TimePoint now = ctx_.clock.now();
    // A status entering one account's home or list timeline: rendered once for that account with its "home"
    // filters (hide drops the event, warn marks the status's `filtered`).
    auto deliver_timeline_update = [&](const StreamSpec& spec) {
        std::optional<core::Status> status;
        Frame f;
        for (const auto& s : sessions) {
            if (account_of(s) != e.account_id || !s->subscribed_to(spec)) continue;
            if (!f) {
                status = storage::find_status(conn, e.status_id);
                if (!status) return;
                auto filters = s->filters(conn, "home", now);
                if (hidden_by(conn, *status, *filters)) return;
                f = make_frame(spec, "update", render_status(ctx_, conn, *status, e.account_id, filters.get()));
            }
            s->deliver(f);
        }
    };
    switch (e.kind) {
        case EventKind::home_update:
            deliver_timeline_update(kUser);
            return;
        case EventKind::list_update:
            deliver_timeline_update(StreamSpec{"list", std::to_string(e.list_id)});
            return;
        case EventKind::notification: {
            Frame user_frame, notification_frame;
            for (const auto& s : sessions) {
                if (account_of(s) != e.account_id) continue;
                bool user = s->subscribed_to(kUser), only = s->subscribed_to(kUserNotification);
                if (!user && !only) continue;
                if (!user_frame) {
                    auto n = storage::find_notification(conn, e.account_id, e.notification_id);
                    auto filters = s->filters(conn, "notifications", now);
                    core::JsonWriter w;
                    if (!n || !mastodon::write_notification(w, ctx_, conn, *n, filters.get())) return;
                    user_frame = make_frame(kUser, "notification", w.str());
                    notification_frame = make_frame(kUserNotification, "notification", w.str());
                }
                if (user) s->deliver(user_frame);
                if (only) s->deliver(notification_frame);
            }
            return;
        }
        case EventKind::status_created: {
            auto status = storage::find_status(conn, e.status_id);
            if (!status || status->reblog_of_id) return;
            if (status->visibility == core::Visibility::direct) {
                for (const auto& s : sessions) {
                    if (!s->subscribed_to(kDirect) || !activitypub::can_see_status(conn, *status, account_of(s)))
                        continue;
                    s->deliver(
                        make_frame(kDirect, "conversation", render_conversation(ctx_, conn, *status, account_of(s))));
                }
                return;
            }
            if (status->visibility != core::Visibility::public_) return;
            PublicStatusFacts facts{status->local, !storage::find_status_media(conn, status->id).empty()};
            std::vector<std::string> tags;
            for (const auto& t : storage::find_tags(conn, status->id)) tags.push_back(storage::normalize_tag(t));
            std::optional<std::string> shared;  // rendered once, anonymously, for readers no filter matches
            for (const auto& s : sessions) {
                std::optional<std::string> payload;  // this reader's, decided on their first matching stream
                for (const StreamSpec& spec : s->streams()) {
                    bool match = public_stream_matches(spec, facts);
                    if (spec.name.starts_with("hashtag")) {
                        match = std::find(tags.begin(), tags.end(), spec.param) != tags.end() &&
                                (spec.name == "hashtag" || facts.local);
                    }
                    if (!match) continue;
                    if (!payload) {
                        if (storage::blocked_either_way(conn, account_of(s), status->account_id)) break;
                        payload = public_payload(ctx_, conn, *s, *status, shared, now);
                        if (!payload) break;
                    }
                    s->deliver(make_frame(spec, "update", *payload));
                }
            }
            return;
        }
        case EventKind::status_deleted:
        case EventKind::status_edited: {
            bool deleted = e.kind == EventKind::status_deleted;
            std::string_view name = deleted ? "delete" : "status.update";
            std::optional<core::Status> status;
            if (!deleted) {
                status = storage::find_status(conn, e.status_id);
                if (!status) return;
            }
            std::optional<std::string> shared;
            std::string id = std::to_string(e.status_id);
            for (const auto& s : sessions) {
                core::Id viewer = account_of(s);
                // The reader's own rendering, for their home and list streams (nothing: a hide filter drops it).
                std::optional<std::optional<std::string>> home_payload;
                auto home_frame = [&](const StreamSpec& spec) -> Frame {
                    if (deleted) return make_frame(spec, name, id);
                    if (!home_payload) {
                        auto filters = s->filters(conn, "home", now);
                        home_payload.emplace();
                        if (!hidden_by(conn, *status, *filters)) {
                            *home_payload = render_status(ctx_, conn, *status, viewer, filters.get());
                        }
                    }
                    if (!*home_payload) return nullptr;
                    return make_frame(spec, name, **home_payload);
                };
                if (s->subscribed_to(kUser) && in_audience(e, viewer)) {
                    if (auto f = home_frame(kUser)) s->deliver(f);
                }
                for (const auto& [owner, list_id] : e.list_audience) {
                    if (owner != viewer) continue;
                    const StreamSpec spec{"list", std::to_string(list_id)};
                    if (!s->subscribed_to(spec)) continue;
                    if (auto f = home_frame(spec)) s->deliver(f);
                }
                if (e.visibility != core::Visibility::public_) continue;
                std::optional<std::string> payload;  // this reader's, decided on their first public stream
                if (deleted) payload = id;
                for (const StreamSpec& spec : s->streams()) {
                    if (!is_public_stream(spec)) continue;
                    if (!payload) {
                        payload = public_payload(ctx_, conn, *s, *status, shared, now);
                        if (!payload) break;
                    }
                    s->deliver(make_frame(spec, name, *payload));
                }
            }
            return;
        }
    }
}

}  // namespace gesso::web::streaming
