#include "web/mastodon/status_draft.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/limits.hpp"
#include "media/derivatives.hpp"
#include "web/noai/protection_params.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

core::Visibility parse_visibility(const std::string& v) {
    if (v == "public") return core::Visibility::public_;
    if (v == "unlisted") return core::Visibility::unlisted;
    if (v == "private") return core::Visibility::followers;
    if (v == "direct") return core::Visibility::direct;
    throw Error(Errc::unprocessable, "Validation failed: Visibility is not included in the list");
}

}  // namespace

activitypub::PostDraft read_draft(const Params& p) {
    activitypub::PostDraft d;
    d.text = p.get_or("status", "");
    d.spoiler_text = p.get_or("spoiler_text", "");
    d.sensitive = p.boolean("sensitive").value_or(false);
    d.visibility = parse_visibility(p.get_or("visibility", "public"));
    d.language = p.get_or("language", "");
    if (auto reply = p.get("in_reply_to_id"); reply && !reply->empty()) {
        auto id = core::parse_id(*reply);
        if (!id) throw Error(Errc::not_found, "Record not found");
        d.in_reply_to_id = *id;
    }
    for (const auto& m : p.all("media_ids")) {
        auto id = core::parse_id(m);
        if (!id) throw Error(Errc::unprocessable, "Validation failed: media_ids must be ids");
        d.media_ids.push_back(*id);
    }
    // media_attributes[][id], [description], [focus] ("x,y"): edits of attached media (PUT only).
    for (const auto& fields : p.objects("media_attributes", core::limits::kMaxStatusMedia)) {
        activitypub::PostDraft::MediaChange change;
        auto id = fields.count("id") ? core::parse_id(fields.at("id")) : std::nullopt;
        if (!id) throw Error(Errc::unprocessable, "Validation failed: media_attributes need an id");
        change.id = *id;
        if (auto it = fields.find("description"); it != fields.end()) change.description = it->second;
        if (auto it = fields.find("focus"); it != fields.end() && !it->second.empty()) {
            media::FocalPoint f = media::parse_focus(it->second);
            change.focus = std::pair{f.x, f.y};
        }
        d.media_changes.push_back(std::move(change));
    }
    auto options = p.all("poll[options]");
    if (!options.empty()) {
        activitypub::PollDraft poll;
        poll.options = options;
        poll.multiple = p.boolean("poll[multiple]").value_or(false);
        poll.expires_in = std::chrono::seconds(p.integer("poll[expires_in]").value_or(24 * 3600));
        d.poll = poll;
    }
    d.rights = noai::read_post_rights(p);
    return d;
}

}  // namespace gesso::web::mastodon
