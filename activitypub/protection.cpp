#include "activitypub/protection.hpp"

#include <cmath>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "storage/account_settings.hpp"
#include "storage/accounts.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;

namespace {

[[noreturn]] void invalid(const std::string& message) { throw Error(Errc::unprocessable, message); }

const std::string& checked_data_mining(const std::string& value) {
    if (!core::is_data_mining_value(value)) {
        invalid("data_mining must be one of DMI-PROHIBITED-AIMLTRAINING, DMI-PROHIBITED-GENAIMLTRAINING, "
                "DMI-PROHIBITED, DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING, DMI-ALLOWED, DMI-UNSPECIFIED");
    }
    return value;
}

std::string checked_license(const std::string& value) {
    auto url = core::normalize_license(value);
    if (!url) {
        invalid("license must be all-rights-reserved or a Creative Commons 4.0 licence (cc-by-4.0, "
                "cc-by-sa-4.0, cc-by-nc-4.0, cc-by-nc-sa-4.0, cc-by-nd-4.0, cc-by-nc-nd-4.0) or cc0-1.0, "
                "by name or URL");
    }
    return *url;
}

// Applies `u` to `p`, throwing before anything is written.
void apply(const ProtectionUpdate& u, core::ProtectionSettings& p) {
    if (u.data_mining) p.data_mining = checked_data_mining(*u.data_mining);
    if (u.license) p.license = checked_license(*u.license);
    if (u.cloak_level) {
        if (!core::is_cloak_level(*u.cloak_level)) invalid("cloak_level must be off, low, medium or high");
        p.cloak_level = *u.cloak_level;
    }
    if (u.watermark_text) {
        if (u.watermark_text->size() > core::limits::kMaxWatermarkTextBytes) {
            invalid("watermark text must be at most " + std::to_string(core::limits::kMaxWatermarkTextBytes) +
                    " bytes");
        }
        for (unsigned char c : *u.watermark_text) {
            if (c < 0x20 || c == 0x7f) invalid("watermark text must be a single line of printable text");
        }
        p.watermark_text = *u.watermark_text;
    }
    if (u.watermark_position) {
        if (!core::is_watermark_position(*u.watermark_position)) {
            invalid("watermark position must be top-left, top-right, bottom-left, bottom-right or center");
        }
        p.watermark_position = *u.watermark_position;
    }
    if (u.watermark_opacity) {
        double o = *u.watermark_opacity;
        if (!std::isfinite(o) || o < core::limits::kMinWatermarkOpacity || o > core::limits::kMaxWatermarkOpacity) {
            invalid("watermark opacity must be between 0.05 and 1");
        }
        p.watermark_opacity = o;
    }
    if (u.allow_original_download) p.allow_original_download = *u.allow_original_download;
}

}  // namespace

bool PostRightsChange::empty() const { return !data_mining && !license && !indexable; }

storage::PostRights apply_post_rights(const storage::PostRights& current, const PostRightsChange& change) {
    storage::PostRights r = current;
    // The messages name the post's parameter: "Validation failed: gesso[license]: license must be ...".
    auto field = [](const char* name, auto check) {
        try {
            return check();
        } catch (const Error& e) {
            invalid(std::string("Validation failed: gesso[") + name + "]: " + e.what() + ", or default");
        }
    };
    if (change.data_mining) {
        if (*change.data_mining == kAuthorDefault) r.data_mining.reset();
        else r.data_mining = field("data_mining", [&] { return checked_data_mining(*change.data_mining); });
    }
    if (change.license) {
        if (*change.license == kAuthorDefault) r.license.reset();
        else r.license = field("license", [&] { return checked_license(*change.license); });
    }
    if (change.indexable) {
        const std::string& v = *change.indexable;
        if (v == kAuthorDefault) r.indexable.reset();
        else if (v == "true" || v == "1") r.indexable = true;
        else if (v == "false" || v == "0") r.indexable = false;
        else invalid("Validation failed: gesso[indexable] must be true, false or default");
    }
    return r;
}

bool ProtectionUpdate::empty() const {
    return !data_mining && !license && !cloak_level && !watermark_text && !watermark_position &&
           !watermark_opacity && !allow_original_download && !indexable && !discoverable;
}

core::ProtectionSettings protection_settings(Context& ctx, core::Id account_id) {
    return ctx.db.read(
        [&](storage::Connection& conn) { return storage::find_protection_settings(conn, account_id); });
}

core::ProtectionSettings update_protection(Context& ctx, core::Id account_id, const ProtectionUpdate& update) {
    auto now = ctx.clock.now();
    return ctx.db.write([&](storage::Connection& conn) {
        auto account = storage::find_account(conn, account_id);
        if (!account || !account->is_local()) throw Error(Errc::not_found, "Record not found");
        core::ProtectionSettings p = storage::find_protection_settings(conn, account_id);
        apply(update, p);
        storage::save_protection_settings(conn, account_id, p, now);
        if (update.indexable || update.discoverable) {
            storage::set_discovery_flags(conn, account_id, update.indexable.value_or(account->indexable),
                                         update.discoverable.value_or(account->discoverable));
        }
        return p;
    });
}

std::string local_account_robots_tag(Context& ctx, std::string_view username) {
    return ctx.db.read([&](storage::Connection& conn) -> std::string {
        auto account = storage::find_local_account(conn, username);
        if (!account) return {};
        return core::robots_tag_for(storage::find_protection_settings(conn, account->id).data_mining);
    });
}

std::string local_status_robots_tag(Context& ctx, core::Id status_id) {
    return ctx.db.read([&](storage::Connection& conn) -> std::string {
        auto settings = storage::find_local_author_protection(conn, status_id);
        return settings ? core::robots_tag_for(settings->data_mining) : std::string();
    });
}

}  // namespace gesso::activitypub
