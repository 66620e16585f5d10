#include "activitypub/scheduled.hpp"

#include "activitypub/notifications.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/json_parse.hpp"
#include "core/limits.hpp"
#include "core/log.hpp"
#include "storage/accounts.hpp"
#include "storage/statuses.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;

namespace {

void check_time(Context& ctx, core::TimePoint at) {
    auto now = ctx.clock.now();
    if (at < now + core::limits::kMinScheduleAhead) {
        throw Error(Errc::unprocessable, "Validation failed: Scheduled at The scheduled date must be in the future");
    }
    if (at > now + core::limits::kMaxScheduleAhead) {
        throw Error(Errc::unprocessable, "Validation failed: Scheduled at is too far in the future");
    }
}

std::string string_member(const rapidjson::Value& v, const char* name) {
    auto it = v.FindMember(name);
    return it != v.MemberEnd() && it->value.IsString() ? std::string(it->value.GetString(), it->value.GetStringLength()) : "";
}

}  // namespace

std::string draft_to_json(const PostDraft& d) {
    core::JsonWriter w;
    w.begin_object().field("text", d.text).field("spoiler_text", d.spoiler_text).field("sensitive", d.sensitive);
    w.field("visibility", static_cast<int>(d.visibility)).field("language", d.language);
    if (d.in_reply_to_id) w.field("in_reply_to_id", std::to_string(*d.in_reply_to_id));
    w.key("media_ids").begin_array();
    for (core::Id id : d.media_ids) w.value(std::to_string(id));
    w.end_array();
    if (d.poll) {
        w.key("poll").begin_object().key("options").begin_array();
        for (const auto& o : d.poll->options) w.value(o);
        w.end_array().field("multiple", d.poll->multiple).field("expires_in", static_cast<std::int64_t>(d.poll->expires_in.count()));
        w.end_object();
    }
    w.end_object();
    return w.str();
}

PostDraft draft_from_json(const std::string& json) {
    rapidjson::Document doc = core::parse_json(json);
    if (!doc.IsObject()) throw Error(Errc::unprocessable, "not a scheduled draft");
    PostDraft d;
    d.text = string_member(doc, "text");
    d.spoiler_text = string_member(doc, "spoiler_text");
    d.sensitive = doc.HasMember("sensitive") && doc["sensitive"].IsBool() && doc["sensitive"].GetBool();
    int visibility = doc.HasMember("visibility") && doc["visibility"].IsInt() ? doc["visibility"].GetInt() : 0;
    if (visibility < 0 || visibility > 3) throw Error(Errc::unprocessable, "not a scheduled draft");
    d.visibility = static_cast<core::Visibility>(visibility);
    d.language = string_member(doc, "language");
    if (auto reply = string_member(doc, "in_reply_to_id"); !reply.empty()) d.in_reply_to_id = core::parse_id(reply);
    if (doc.HasMember("media_ids") && doc["media_ids"].IsArray()) {
        for (const auto& m : doc["media_ids"].GetArray()) {
            if (auto id = m.IsString() ? core::parse_id(m.GetString()) : std::nullopt) d.media_ids.push_back(*id);
        }
    }
    if (doc.HasMember("poll") && doc["poll"].IsObject()) {
        const auto& p = doc["poll"];
        PollDraft poll;
        if (p.HasMember("options") && p["options"].IsArray()) {
            for (const auto& o : p["options"].GetArray()) {
                if (o.IsString()) poll.options.emplace_back(o.GetString(), o.GetStringLength());
            }
        }
        poll.multiple = p.HasMember("multiple") && p["multiple"].IsBool() && p["multiple"].GetBool();
        if (p.HasMember("expires_in") && p["expires_in"].IsInt64()) poll.expires_in = std::chrono::seconds(p["expires_in"].GetInt64());
        d.poll = poll;
    }
    return d;
}

storage::ScheduledStatus schedule_status(Context& ctx, const core::Account& author, const PostDraft& draft,
                                         core::TimePoint at) {
    check_time(ctx, at);
    // What publishing would refuse for the draft itself is refused now; what depends on the moment (a parent
    // deleted, media used elsewhere) is checked when it is published.
    if (draft.text.empty() && draft.media_ids.empty()) throw Error(Errc::unprocessable, "Validation failed: Text can't be blank");
    std::size_t chars = 0;
    for (char c : draft.text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (chars > core::limits::kMaxStatusChars) {
        std::string message = "Validation failed: Text character limit of ";
        message += std::to_string(core::limits::kMaxStatusChars);
        message += " exceeded";
        throw Error(Errc::unprocessable, message);
    }
    if (draft.media_ids.size() > core::limits::kMaxStatusMedia) throw Error(Errc::unprocessable, "Validation failed: too many media");
    storage::ScheduledStatus s;
    auto now = ctx.clock.now();
    s.id = ctx.ids.next(now);
    s.account_id = author.id;
    s.scheduled_at = at;
    s.params = draft_to_json(draft);
    ctx.db.write([&](storage::Connection& conn) {
        if (storage::count_scheduled_statuses(conn, author.id) >= core::limits::kMaxScheduledStatuses) {
            throw Error(Errc::unprocessable, "Validation failed: You have exceeded the limit of scheduled statuses");
        }
        storage::insert_scheduled_status(conn, s, now);
    });
    return s;
}

storage::ScheduledStatus reschedule(Context& ctx, const core::Account& author, core::Id id, core::TimePoint at) {
    check_time(ctx, at);
    return ctx.db.write([&](storage::Connection& conn) {
        if (!storage::reschedule_status(conn, author.id, id, at)) throw Error(Errc::not_found, "Record not found");
        return *storage::find_scheduled_status(conn, author.id, id);
    });
}

int run_due_work(Context& ctx, int limit) {
    auto now = ctx.clock.now();
    int done = 0;
    auto due = ctx.db.read([&](storage::Connection& conn) { return storage::due_scheduled_statuses(conn, now, limit); });
    for (const auto& s : due) {
        // The row goes first: a draft that fails is dropped rather than retried forever.
        bool mine = ctx.db.write([&](storage::Connection& conn) { return storage::delete_scheduled_status(conn, s.id); });
        if (!mine) continue;  // another worker took it
        ++done;
        try {
            auto author = ctx.db.read([&](storage::Connection& conn) { return storage::find_account(conn, s.account_id); });
            if (!author || author->is_suspended()) continue;
            publish_status(ctx, *author, draft_from_json(s.params));
        } catch (const Error& e) {
            GESSO_LOG(warn) << "scheduled status " << s.id << " dropped: " << e.what();
        }
    }
    done += ctx.db.write([&](storage::Connection& conn) {
        auto ended = storage::ended_polls_to_notify(conn, now, limit);
        for (core::Id status_id : ended) {
            storage::mark_poll_end_notified(conn, status_id);
            auto status = storage::find_status(conn, status_id);
            if (!status) continue;
            auto author = storage::find_account(conn, status->account_id);
            if (author && author->is_local()) notify(ctx, conn, author->id, author->id, "poll", status_id);
            for (core::Id voter : storage::local_poll_voters(conn, status_id)) {
                if (voter != status->account_id) notify(ctx, conn, voter, status->account_id, "poll", status_id);
            }
        }
        return static_cast<int>(ended.size());
    });
    return done;
}

}  // namespace gesso::activitypub
