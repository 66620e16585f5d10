#pragma once
// What a person filters for themselves, without telling anyone: mutes and their own domain blocks. Both hide
// the other side from the person's home and public timelines and notifications (the read side asks
// storage::hidden_by_viewer); a domain block also removes the person's followers from that domain.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "activitypub/context.hpp"
#include "core/model.hpp"

namespace gesso::activitypub {

// `local` mutes `target_id` (with its notifications unless `notifications` is false) for `duration`
// (nullopt: until unmuted). Muting again replaces the options. Throws not_found for an unknown account,
// unprocessable for oneself or a duration outside 0..limits::kMaxMuteDurationSeconds (0 means indefinitely).
void mute_account(Context& ctx, const core::Account& local, core::Id target_id, bool notifications,
                  std::optional<std::chrono::seconds> duration);
// Returns false if there was no mute.
bool unmute_account(Context& ctx, const core::Account& local, core::Id target_id);

// `local` blocks `domain` for itself: its followers there are removed (each told with a Reject, as when a
// follow request is refused) and pending requests from there are refused. Throws unprocessable for an
// empty or overlong domain, our own domain, or past limits::kMaxAccountDomainBlocks. Returns true if new.
bool block_domain_for(Context& ctx, const core::Account& local, const std::string& domain);
bool unblock_domain_for(Context& ctx, const core::Account& local, const std::string& domain);

// A domain as typed by a person ("Example.COM", "https://example.com/", "@user@example.com" are not domains:
// only the first is accepted) in the form stored: lower-case, no trailing dot. Throws unprocessable.
std::string normalize_user_domain(const std::string& domain);

}  // namespace gesso::activitypub
