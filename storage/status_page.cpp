#include "storage/status_page.hpp"

#include "core/limits.hpp"
#include "storage/account_settings.hpp"
#include "storage/accounts.hpp"
#include "storage/bookmarks.hpp"
#include "storage/follows.hpp"
#include "storage/id_list.hpp"
#include "storage/post_details.hpp"
#include "storage/profiles.hpp"
#include "storage/relations.hpp"
#include "storage/status_history.hpp"

namespace gesso::storage {

namespace {

// How many rounds of boost targets are read (a boost of a boost is not expected; this bounds the loop).
constexpr int kMaxBoostRounds = 4;

template <class Map>
const typename Map::mapped_type& value_or_empty(const Map& map, core::Id key) {
    static const typename Map::mapped_type empty{};
    auto it = map.find(key);
    return it == map.end() ? empty : it->second;
}

}  // namespace

const core::Status* StatusPage::find_boosted(core::Id id) const {
    auto it = boosted.find(id);
    return it == boosted.end() ? nullptr : &it->second;
}
const core::Account* StatusPage::find_account(core::Id id) const {
    auto it = accounts.find(id);
    return it == accounts.end() ? nullptr : &it->second;
}
const AccountExtras& StatusPage::extras_of(core::Id account_id) const { return value_or_empty(extras, account_id); }
const std::vector<core::MediaAttachment>& StatusPage::media_of(core::Id id) const { return value_or_empty(media, id); }
const std::vector<core::MentionRef>& StatusPage::mentions_of(core::Id id) const { return value_or_empty(mentions, id); }
const std::vector<std::string>& StatusPage::tags_of(core::Id id) const { return value_or_empty(tags, id); }
const std::vector<int>& StatusPage::own_votes_of(core::Id id) const { return value_or_empty(own_votes, id); }
StatusCounts StatusPage::counts_of(core::Id id) const { return value_or_empty(counts, id); }
const core::ProtectionSettings& StatusPage::author_settings_of(core::Id account_id) const {
    return value_or_empty(author_settings, account_id);
}
const PostRights& StatusPage::post_rights_of(core::Id id) const { return value_or_empty(post_rights, id); }

std::unordered_map<core::Id, AccountExtras> load_account_extras(Connection& conn, const std::vector<core::Id>& account_ids) {
    std::unordered_map<core::Id, AccountExtras> out;
    for (auto& [id, profile] : find_profiles(conn, account_ids)) out[id].profile = std::move(profile);
    for (const auto& [id, n] : count_follows_of(conn, account_ids, FollowSide::followers)) out[id].followers = n;
    for (const auto& [id, n] : count_follows_of(conn, account_ids, FollowSide::following)) out[id].following = n;
    for (const auto& [id, n] : count_public_statuses_of(conn, account_ids)) out[id].statuses = n;
    return out;
}

StatusPage load_status_page(Connection& conn, const std::vector<core::Status>& statuses, std::optional<core::Id> viewer,
                            const KnownAccounts& known) {
    StatusPage page;
    // Every status rendered: the page's and, for boosts, the boosted ones (rendered in `reblog`).
    std::vector<const core::Status*> rendered;
    for (const auto& s : statuses) rendered.push_back(&s);
    std::vector<core::Id> targets;
    for (const auto& s : statuses) {
        if (s.reblog_of_id) targets.push_back(*s.reblog_of_id);
    }
    for (int round = 0; round < kMaxBoostRounds && !targets.empty(); ++round) {
        std::vector<core::Id> next;
        for (auto& s : find_statuses(conn, targets)) {
            core::Id id = s.id;
            if (!page.boosted.emplace(id, std::move(s)).second) continue;
            const core::Status& kept = page.boosted.at(id);
            if (kept.reblog_of_id && !page.boosted.count(*kept.reblog_of_id)) next.push_back(*kept.reblog_of_id);
        }
        targets = std::move(next);
    }
    for (const auto& [id, s] : page.boosted) rendered.push_back(&s);

    std::vector<core::Id> ids, authors, parents;
    for (const core::Status* s : rendered) {
        ids.push_back(s->id);
        authors.push_back(s->account_id);
        if (s->in_reply_to_id) parents.push_back(*s->in_reply_to_id);
    }
    for (const auto& p : find_statuses(conn, parents)) page.parent_authors[p.id] = p.account_id;
    page.counts = count_status_reactions(conn, ids);
    page.media = find_media_of(conn, ids);
    page.mentions = find_mentions_of(conn, ids);
    page.tags = find_tags_of(conn, ids);
    page.polls = find_polls(conn, ids);

    std::vector<core::Id> accounts = authors;
    for (const auto& [id, refs] : page.mentions) {
        for (const auto& m : refs) {
            if (m.account_id) accounts.push_back(*m.account_id);
        }
    }
    if (known) page.accounts = known(accounts);
    if (!page.accounts.empty()) {
        auto held = [&page](core::Id id) { return page.accounts.count(id) > 0; };
        std::erase_if(accounts, held);
        std::erase_if(authors, held);
    }
    for (auto& a : find_accounts(conn, accounts)) {
        core::Id id = a.id;
        page.accounts.emplace(id, std::move(a));
    }
    page.extras = load_account_extras(conn, authors);

    // Local posts' rights and media offers follow their authors' settings and their own choices.
    std::vector<core::Id> local_authors, local_statuses;
    for (const core::Status* s : rendered) {
        if (!s->local) continue;
        local_authors.push_back(s->account_id);
        local_statuses.push_back(s->id);
    }
    page.author_settings = find_protection_settings_of(conn, local_authors);
    page.post_rights = find_post_rights_of(conn, local_statuses);

    if (viewer) {
        page.favourited = favourited_among(conn, *viewer, ids);
        page.reblogged = reblogged_among(conn, *viewer, ids);
        page.bookmarked = bookmarked_among(conn, *viewer, ids);
        if (mutes_any_conversation(conn, *viewer)) {
            for (core::Id id : ids) {
                if (conversation_muted(conn, *viewer, id)) page.muted.insert(id);
            }
        }
        bool own = false;
        for (const core::Status* s : rendered) own = own || s->account_id == *viewer;
        if (own) {
            for (core::Id id : pinned_status_ids(conn, *viewer, core::limits::kMaxPins)) page.pinned.insert(id);
        }
        if (!page.polls.empty()) {
            std::vector<core::Id> polled;
            for (const auto& [id, poll] : page.polls) polled.push_back(id);
            page.own_votes = find_poll_votes_of(conn, polled, *viewer);
        }
    }
    return page;
}

std::vector<core::Status> find_statuses_in_order(Connection& conn, const std::vector<core::Id>& ids) {
    std::unordered_map<core::Id, core::Status> found;
    for (auto& s : find_statuses(conn, ids)) {
        core::Id id = s.id;
        found.emplace(id, std::move(s));
    }
    std::vector<core::Status> out;
    out.reserve(found.size());
    for (core::Id id : ids) {
        auto it = found.find(id);
        if (it != found.end()) out.push_back(it->second);
    }
    return out;
}

}  // namespace gesso::storage
