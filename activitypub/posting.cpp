#include "activitypub/posting.hpp"
#include "activitypub/events.hpp"

#include <algorithm>

#include "activitypub/note_document.hpp"
#include "activitypub/notifications.hpp"
#include "activitypub/outbox.hpp"
#include "activitypub/media_intake.hpp"
#include "activitypub/media_policy.hpp"
#include "activitypub/policy.hpp"
#include "activitypub/post_text.hpp"
#include "activitypub/remote_actors.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/limits.hpp"
#include "core/log.hpp"
#include "core/protection.hpp"
#include "core/text.hpp"
#include "storage/accounts.hpp"
#include "storage/conversations.hpp"
#include "storage/follows.hpp"
#include "storage/media.hpp"
#include "storage/post_details.hpp"
#include "storage/status_history.hpp"
#include "storage/statuses.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;
namespace limits = core::limits;

namespace {

std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void check_draft(const PostDraft& d) {
    bool blank = std::all_of(d.text.begin(), d.text.end(), [](unsigned char c) { return std::isspace(c); });
    if (blank && d.media_ids.empty() && !d.poll) throw Error(Errc::unprocessable, "Validation failed: Text can't be blank");
    if (code_points(d.text) + code_points(d.spoiler_text) > limits::kMaxStatusChars) {
        throw Error(Errc::unprocessable, "Validation failed: Text character limit of " +
                                             std::to_string(limits::kMaxStatusChars) + " exceeded");
    }
    if (d.media_ids.size() > limits::kMaxStatusMedia) {
        throw Error(Errc::unprocessable, "Validation failed: at most " + std::to_string(limits::kMaxStatusMedia) +
                                             " media attachments");
    }
    if (!d.poll) return;
    if (!d.media_ids.empty()) throw Error(Errc::unprocessable, "Validation failed: a post cannot have both media and a poll");
    const auto& options = d.poll->options;
    if (options.size() < 2 || options.size() > limits::kMaxPollOptions) {
        throw Error(Errc::unprocessable, "Validation failed: a poll needs 2 to " +
                                             std::to_string(limits::kMaxPollOptions) + " options");
    }
    for (const auto& o : options) {
        if (o.empty() || code_points(o) > limits::kMaxPollOptionChars) {
            throw Error(Errc::unprocessable, "Validation failed: poll options must be 1 to " +
                                                 std::to_string(limits::kMaxPollOptionChars) + " characters");
        }
        if (std::count(options.begin(), options.end(), o) > 1) {
            throw Error(Errc::unprocessable, "Validation failed: poll options must be different");
        }
    }
    if (d.poll->expires_in < limits::kMinPollDuration || d.poll->expires_in > limits::kMaxPollDuration) {
        throw Error(Errc::unprocessable, "Validation failed: a poll must last between 5 minutes and 30 days");
    }
}

FormattedPost format(Context& ctx, const std::string& text) {
    MentionResolver resolve = [&](std::string_view username, std::string_view host) -> std::optional<core::Account> {
        if (host.empty() || core::to_lower_ascii(host) == core::to_lower_ascii(ctx.urls.domain) ||
            core::to_lower_ascii(host) == core::to_lower_ascii(ctx.urls.host())) {
            auto local = ctx.db.read([&](storage::Connection& conn) { return storage::find_local_account(conn, username); });
            if (local && !local->is_suspended() && local->actor_type != "Application") return local;
            return std::nullopt;
        }
        try {
            return resolve_handle(ctx, std::string(username) + "@" + std::string(host));
        } catch (const Error& e) {
            GESSO_LOG(debug) << "mention @" << username << "@" << host << " left as text: " << e.what();
            return std::nullopt;
        }
    };
    return format_post_text(text, ctx.urls, resolve);
}

struct Prepared {
    FormattedPost text;
    std::vector<core::MentionRef> mentions;
};

Prepared prepare(Context& ctx, const PostDraft& draft) {
    check_draft(draft);
    Prepared p{format(ctx, draft.text), {}};
    for (const auto& account : p.text.mentions) {
        p.mentions.push_back({account.uri, account.id, mention_name(account, ctx.urls)});
    }
    return p;
}

void check_media(storage::Connection& conn, const core::Account& author, const std::vector<core::Id>& ids,
                 std::optional<core::Id> editing) {
    for (core::Id id : ids) {
        auto media = storage::find_media(conn, id);
        if (!media || media->account_id != author.id || (media->status_id && media->status_id != editing)) {
            throw Error(Errc::unprocessable, "Validation failed: media " + std::to_string(id) +
                                                 " is not an unattached upload of yours");
        }
    }
}

// Inboxes beyond followers: remote mentioned actors, and the remote author replied to.
Audience audience_for(storage::Connection& conn, const core::Status& status, const std::vector<core::MentionRef>& mentions) {
    Audience audience;
    audience.followers = status.visibility != core::Visibility::direct;
    auto add = [&](core::Id account_id) {
        auto account = storage::find_account(conn, account_id);
        if (!account || account->is_local() || account->inbox_url.empty()) return;
        if (std::find(audience.inboxes.begin(), audience.inboxes.end(), account->inbox_url) == audience.inboxes.end()) {
            audience.inboxes.push_back(account->inbox_url);
        }
    };
    for (const auto& m : mentions) {
        if (m.account_id) add(*m.account_id);
    }
    if (status.in_reply_to_id && status.visibility != core::Visibility::direct) {
        if (auto parent = storage::find_status(conn, *status.in_reply_to_id)) add(parent->account_id);
    }
    return audience;
}

core::Poll poll_for(const PollDraft& draft, core::Id status_id, core::TimePoint now) {
    core::Poll poll;
    poll.status_id = status_id;
    poll.multiple = draft.multiple;
    for (const auto& o : draft.options) poll.options.push_back({o, 0});
    poll.expires_at = now + draft.expires_in;
    poll.voters_count = 0;
    return poll;
}

void store_details(storage::Connection& conn, const core::Account& author, const core::Status& status,
                   const PostDraft& draft, const Prepared& p, core::TimePoint now) {
    storage::replace_mentions(conn, status.id, p.mentions);
    storage::replace_tags(conn, status.id, p.text.hashtags);
    storage::attach_media(conn, author.id, status.id, draft.media_ids);
    if (draft.poll) storage::upsert_poll(conn, poll_for(*draft.poll, status.id, now));
    storage::add_to_conversation(conn, status);  // direct statuses: their participants' conversation lists
}

// The node's rules on a local post: refused (core::Error unprocessable with the rule's message) by reject and
// hold rules; otherwise the draft as the rules change it (unlisted, sensitive, media left out, a warning added).
PostDraft admitted_draft(Context& ctx, const core::Account& author, const PostDraft& draft, const Prepared& p) {
    PostFacts facts;
    facts.local = true;
    facts.actor_uri = ctx.urls.actor(author.username);
    facts.subject = "draft by " + facts.actor_uri;
    facts.domain = ctx.urls.host();
    facts.hashtags = p.text.hashtags;
    facts.text = draft.spoiler_text + "\n" + draft.text;
    ctx.db.read([&](storage::Connection& conn) {
        std::vector<core::MediaAttachment> media;
        for (core::Id id : draft.media_ids) {
            auto m = storage::find_media(conn, id);
            if (!m) continue;
            if (!m->ai_verdict.empty()) facts.ai_verdicts.push_back(m->ai_verdict);
            media.push_back(*m);
        }
        facts.repost_match = !find_reposts(conn, author.id, media).empty();
    });
    PolicyOutcome outcome = evaluate_post(ctx, facts);
    if (outcome.reject || outcome.hold) throw Error(Errc::unprocessable, outcome.message);
    PostDraft out = draft;
    if (outcome.silence && out.visibility == core::Visibility::public_) out.visibility = core::Visibility::unlisted;
    if (outcome.sensitive) out.sensitive = true;
    if (outcome.strip_media) out.media_ids.clear();
    for (auto it = outcome.labels.rbegin(); it != outcome.labels.rend(); ++it) {
        out.spoiler_text = out.spoiler_text.empty() ? *it : *it + "; " + out.spoiler_text;
        out.sensitive = true;
    }
    return out;
}

// Re-marks the draft's attachments (XMP DataMining and WebStatement, the media row) with the post's own
// choices; a field the draft returns to the author's default takes the author's setting again.
void mark_post_media(Context& ctx, const core::Account& author, const PostDraft& draft,
                     const storage::PostRights& rights) {
    if (draft.media_ids.empty() || (draft.rights.empty() && rights.empty())) return;
    std::optional<std::string> data_mining = rights.data_mining, license = rights.license;
    if (!data_mining || !license) {
        core::ProtectionSettings mine = protection_settings(ctx, author.id);
        if (!data_mining && draft.rights.data_mining == kAuthorDefault) data_mining = mine.data_mining;
        if (!license && draft.rights.license == kAuthorDefault) license = mine.license;
    }
    if (data_mining) data_mining = std::string(core::kPlusVocabulary) + *data_mining;
    remark_media(ctx, author, draft.media_ids, data_mining, license);
}

void wake(Context& ctx) {
    if (ctx.wake_workers) ctx.wake_workers();
}

}  // namespace

void validate_draft(const PostDraft& draft) { check_draft(draft); }

bool can_see_status(storage::Connection& conn, const core::Status& status, std::optional<core::Id> viewer) {
    if (status.visibility == core::Visibility::public_ || status.visibility == core::Visibility::unlisted) return true;
    if (!viewer) return false;
    if (*viewer == status.account_id) return true;
    if (status.visibility == core::Visibility::followers) {
        auto follow = storage::find_follow(conn, *viewer, status.account_id);
        if (follow && follow->accepted) return true;
    }
    for (const auto& m : storage::find_mentions(conn, status.id)) {
        if (m.account_id == viewer) return true;
    }
    return false;
}

core::Status publish_status(Context& ctx, const core::Account& author, const PostDraft& submitted) {
    const storage::PostRights rights = apply_post_rights({}, submitted.rights);
    Prepared p = prepare(ctx, submitted);  // may resolve mentions over the network: before the transaction
    const PostDraft draft = admitted_draft(ctx, author, submitted, p);
    mark_post_media(ctx, author, draft, rights);
    auto now = ctx.clock.now();
    core::Status status;
    status.id = ctx.ids.next(now);
    status.account_id = author.id;
    status.uri = ctx.urls.actor(author.username) + "/statuses/" + std::to_string(status.id);
    status.url = ctx.urls.profile(author.username) + "/" + std::to_string(status.id);
    status.content = p.text.html;
    status.spoiler_text = draft.spoiler_text;
    status.sensitive = draft.sensitive || !draft.spoiler_text.empty();
    status.visibility = draft.visibility;
    status.language = draft.language;
    status.local = true;
    status.created_at = now;
    if (draft.poll) status.object_type = "Question";
    ctx.db.write([&](storage::Connection& conn) {
        if (draft.in_reply_to_id) {
            auto parent = storage::find_status(conn, *draft.in_reply_to_id);
            if (!parent || !can_see_status(conn, *parent, author.id)) throw Error(Errc::not_found, "Record not found");
            status.in_reply_to_id = parent->id;
            status.in_reply_to_uri = parent->uri;
        }
        check_media(conn, author, draft.media_ids, std::nullopt);
        storage::insert_status(conn, status);
        storage::save_post_rights(conn, status.id, rights);
        store_details(conn, author, status, draft, p, now);
        storage::save_status_source(conn, status.id, draft.text);
        alert_reposts(ctx, conn, status, find_reposts(conn, author.id, storage::find_status_media(conn, status.id)));
        emit_status_created(ctx, conn, status.id);
        add_to_home(ctx, conn, author.id, status.id);
        add_to_tag_followers(ctx, conn, status);
        if (status.visibility != core::Visibility::direct) {
            for (core::Id follower : storage::local_follower_ids(conn, author.id)) {
                add_to_home(ctx, conn, follower, status.id);
            }
        }
        for (const auto& m : p.mentions) {
            if (!m.account_id) continue;
            auto account = storage::find_account(conn, *m.account_id);
            if (!account || !account->is_local()) continue;
            add_to_home(ctx, conn, account->id, status.id);
            notify(ctx, conn, account->id, author.id, "mention", status.id);
        }
        notify_subscribers(ctx, conn, status);
        Audience audience = audience_for(conn, status, p.mentions);
        if (audience.followers || !audience.inboxes.empty()) {
            enqueue_activity(ctx, conn, author, status.uri + "/activity",
                             render_create_note(status, author, ctx.urls, load_note_details(conn, status.id), true),
                             audience);
        }
    });
    wake(ctx);
    return status;
}

core::Status edit_status(Context& ctx, const core::Account& author, core::Id status_id, const PostDraft& submitted) {
    Prepared p = prepare(ctx, submitted);
    const PostDraft draft = admitted_draft(ctx, author, submitted, p);
    const storage::PostRights rights = apply_post_rights(
        ctx.db.read([&](storage::Connection& conn) { return storage::find_post_rights(conn, status_id); }),
        submitted.rights);
    mark_post_media(ctx, author, draft, rights);
    auto now = ctx.clock.now();
    core::Status status = ctx.db.write([&](storage::Connection& conn) {
        auto found = storage::find_status(conn, status_id);
        if (!found || found->account_id != author.id || !found->local || found->reblog_of_id) {
            throw Error(Errc::not_found, "Record not found");
        }
        core::Status st = *found;
        check_media(conn, author, draft.media_ids, st.id);
        for (const auto& change : draft.media_changes) {
            if (std::find(draft.media_ids.begin(), draft.media_ids.end(), change.id) == draft.media_ids.end()) {
                throw Error(Errc::unprocessable, "Validation failed: media_attributes names media " +
                                                     std::to_string(change.id) + " that is not in media_ids");
            }
        }
        st.content = p.text.html;
        st.spoiler_text = draft.spoiler_text;
        st.sensitive = draft.sensitive || !draft.spoiler_text.empty();
        st.edited_at = now;
        storage::update_status_content(conn, st.id, st.content, st.spoiler_text, st.sensitive, now);
        storage::save_post_rights(conn, st.id, rights);
        storage::save_status_source(conn, st.id, draft.text);
        for (core::Id booster : storage::local_booster_ids(conn, st.id)) notify(ctx, conn, booster, author.id, "update", st.id);
        // Media no longer listed are detached (kept with their owner), the listed ones attached in order.
        storage::detach_status_media(conn, st.id, now);
        storage::replace_mentions(conn, st.id, p.mentions);
        storage::replace_tags(conn, st.id, p.text.hashtags);
        for (const auto& change : draft.media_changes) {
            auto media = storage::find_media(conn, change.id);
            if (!media) continue;  // check_media saw it in this transaction
            UploadOptions check;
            check.description = change.description.value_or(media->description);
            validate_upload_options(check);
            auto [fx, fy] = change.focus.value_or(std::pair{media->focus_x, media->focus_y});
            storage::update_media_description(conn, media->id, author.id, check.description, fx, fy);
        }
        storage::attach_media(conn, author.id, st.id, draft.media_ids);
        if (draft.poll) {
            core::Poll edited = poll_for(*draft.poll, st.id, now);
            auto before = storage::find_poll(conn, st.id);
            auto titles = [](const core::Poll& poll) {
                std::vector<std::string> out;
                for (const auto& o : poll.options) out.push_back(o.title);
                return out;
            };
            if (!before || titles(*before) != titles(edited) || before->multiple != edited.multiple) {
                storage::delete_poll_votes(conn, st.id);  // new options: everyone votes again
                storage::upsert_poll(conn, edited);
            }
        }
        emit_status_change(ctx, conn, EventKind::status_edited, st);
        for (const auto& m : p.mentions) {
            if (m.account_id) {
                auto account = storage::find_account(conn, *m.account_id);
                if (account && account->is_local()) add_to_home(ctx, conn, account->id, st.id);
            }
        }
        Audience audience = audience_for(conn, st, p.mentions);
        if (audience.followers || !audience.inboxes.empty()) {
            std::string json = render_update_note(st, author, ctx.urls, load_note_details(conn, st.id));
            enqueue_activity(ctx, conn, author, st.uri + "#updates/" + std::to_string(core::to_unix_ms(now)), json, audience);
        }
        return st;
    });
    wake(ctx);
    return status;
}

void vote_in_poll(Context& ctx, const core::Account& voter, core::Id status_id, const std::vector<int>& choices) {
    auto now = ctx.clock.now();
    ctx.db.write([&](storage::Connection& conn) {
        auto status = storage::find_status(conn, status_id);
        auto poll = storage::find_poll(conn, status_id);
        if (!status || !poll || !can_see_status(conn, *status, voter.id)) throw Error(Errc::not_found, "Record not found");
        if (poll->closed_at || (poll->expires_at && *poll->expires_at <= now)) {
            throw Error(Errc::unprocessable, "Validation failed: The poll has already ended");
        }
        if (!storage::find_poll_votes(conn, status_id, voter.id).empty()) {
            throw Error(Errc::unprocessable, "Validation failed: You have already voted on this poll");
        }
        if (choices.empty() || (!poll->multiple && choices.size() > 1)) {
            throw Error(Errc::unprocessable, "Validation failed: choose one option" + std::string(poll->multiple ? " or more" : ""));
        }
        auto author = storage::find_account(conn, status->account_id);
        for (int choice : choices) {
            if (choice < 0 || static_cast<std::size_t>(choice) >= poll->options.size()) {
                throw Error(Errc::unprocessable, "Validation failed: no such option");
            }
            core::Id vote_id = ctx.ids.next(now);
            std::string vote_uri = ctx.urls.actor(voter.username) + "#votes/" + std::to_string(vote_id);
            if (!storage::insert_poll_vote(conn, vote_id, status_id, voter.id, choice, vote_uri, now)) continue;
            if (!author || author->is_local()) continue;
            std::string actor = ctx.urls.actor(voter.username);
            core::JsonWriter note;
            note.begin_object().field("id", vote_uri).field("type", "Note").field("attributedTo", actor);
            note.field("name", poll->options[static_cast<std::size_t>(choice)].title).field("inReplyTo", status->uri);
            note.key("to").begin_array().value(author->uri).end_array().end_object();
            enqueue_activity(ctx, conn, voter, vote_uri + "/activity",
                             render_activity(vote_uri + "/activity", "Create", actor, note.str(), {author->uri}),
                             {false, {author->inbox_url}});
        }
    });
    wake(ctx);
}

}  // namespace gesso::activitypub
