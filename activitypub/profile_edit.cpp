#include "activitypub/profile_edit.hpp"

#include <algorithm>

#include "activitypub/media_intake.hpp"
#include "activitypub/relationships.hpp"
#include "core/error.hpp"
#include "media/store.hpp"
#include "core/limits.hpp"
#include "storage/accounts.hpp"
#include "storage/media.hpp"
#include "storage/profiles.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;
namespace limits = core::limits;

namespace {

std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void check_length(const std::optional<std::string>& value, std::size_t max, const char* field) {
    if (value && code_points(*value) > max) {
        throw Error(Errc::unprocessable, std::string("Validation failed: ") + field + " is too long (maximum is " +
                                             std::to_string(max) + " characters)");
    }
}

void validate(const ProfileChanges& c) {
    check_length(c.display_name, limits::kMaxDisplayNameLength, "Display name");
    check_length(c.note, limits::kMaxNoteLength, "Note");
    if (c.fields) {
        if (c.fields->size() > limits::kMaxProfileFields) {
            throw Error(Errc::unprocessable, "Validation failed: Fields is too long (maximum is " +
                                                 std::to_string(limits::kMaxProfileFields) + " fields)");
        }
        for (const auto& f : *c.fields) {
            if (code_points(f.name) > limits::kMaxProfileFieldChars || code_points(f.value) > limits::kMaxProfileFieldChars) {
                throw Error(Errc::unprocessable, "Validation failed: a profile field is longer than " +
                                                     std::to_string(limits::kMaxProfileFieldChars) + " characters");
            }
        }
    }
    if (c.privacy && *c.privacy != "public" && *c.privacy != "unlisted" && *c.privacy != "private" &&
        *c.privacy != "direct") {
        throw Error(Errc::unprocessable, "Validation failed: source[privacy] must be public, unlisted, private or direct");
    }
    if (c.language && !c.language->empty() &&
        (c.language->size() < 2 || c.language->size() > 3 ||
         !std::all_of(c.language->begin(), c.language->end(), [](char ch) { return ch >= 'a' && ch <= 'z'; }))) {
        throw Error(Errc::unprocessable, "Validation failed: source[language] must be an ISO 639 code");
    }
}

}  // namespace

core::Account update_credentials(Context& ctx, const core::Account& local, const ProfileChanges& c) {
    if (!local.is_local()) throw Error(Errc::forbidden, "only local accounts edit their profile");
    validate(c);
    // Images first, outside any transaction: they are the slow part and can be refused.
    // The replaced images' files go once the change commits (activitypub/media_cleanup); new files of a change
    // that fails (a refused header after a stored avatar included) are removed at once.
    const std::string own_media = ctx.urls.base() + "/media/";
    std::optional<std::string> avatar_url, header_url;
    auto drop_new = [&] {
        for (const auto& url : {avatar_url, header_url}) {
            if (url && ctx.media) ctx.media->remove(media::StoreArea::files, url->substr(own_media.size()));
        }
    };
    try {
        if (c.avatar) avatar_url = own_media + store_profile_image(ctx, local, *c.avatar, ProfileImage::avatar);
        if (c.header) header_url = own_media + store_profile_image(ctx, local, *c.header, ProfileImage::header);
    } catch (...) {
        drop_new();
        throw;
    }
    auto queue_replaced = [&](storage::Connection& conn, const std::string& old_url) {
        if (old_url.starts_with(own_media)) storage::queue_media_file(conn, "files", old_url.substr(own_media.size()));
    };
    core::Account updated;
    try {
        updated = ctx.db.write([&](storage::Connection& conn) {
            auto current = storage::find_account(conn, local.id);
            if (!current) throw Error(Errc::not_found, "Record not found");
            core::Account a = *current;
            if (avatar_url && a.avatar_url != *avatar_url) queue_replaced(conn, a.avatar_url);
            if (header_url && a.header_url != *header_url) queue_replaced(conn, a.header_url);
            if (c.display_name) a.display_name = *c.display_name;
            if (c.note) a.note = *c.note;
            if (c.locked) a.locked = *c.locked;
            if (c.bot) a.bot = *c.bot;
            if (c.discoverable) a.discoverable = *c.discoverable;
            if (c.indexable) a.indexable = *c.indexable;
            if (avatar_url) a.avatar_url = *avatar_url;
            if (header_url) a.header_url = *header_url;
            a.updated_at = ctx.clock.now();
            storage::update_account_identity(conn, a);
            if (c.hide_collections) storage::set_collections_hidden(conn, a.id, *c.hide_collections);
            if (c.fields) {
                core::AccountProfile profile = storage::find_profile(conn, a.id);
                profile.fields = *c.fields;
                storage::update_profile(conn, a.id, profile);
            }
            if (c.privacy || c.sensitive || c.language) {
                storage::PostingDefaults d = storage::find_posting_defaults(conn, a.id);
                if (c.privacy) d.privacy = *c.privacy;
                if (c.sensitive) d.sensitive = *c.sensitive;
                if (c.language) d.language = *c.language;
                storage::set_posting_defaults(conn, a.id, d);
            }
            return a;
        });
    } catch (...) {
        drop_new();
        throw;
    }
    publish_profile_update(ctx, updated);
    return updated;
}

}  // namespace gesso::activitypub
