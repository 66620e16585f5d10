#include "web/noai/protection_params.hpp"

#include <charconv>

#include "activitypub/protection.hpp"
#include "core/error.hpp"

namespace gesso::web::noai {

namespace {

std::optional<double> number(const Params& params, std::string_view name) {
    auto raw = params.get(name);
    if (!raw) return std::nullopt;
    double value = 0;
    auto [end, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), value);
    if (ec != std::errc() || end != raw->data() + raw->size()) {
        throw core::Error(core::Errc::unprocessable, std::string(name) + " must be a number");
    }
    return value;
}

}  // namespace

activitypub::PostRightsChange read_post_rights(const Params& params) {
    activitypub::PostRightsChange c;
    c.data_mining = params.get("gesso[data_mining]");
    if (auto reserved = params.boolean("gesso[ai_training_reserved]")) {
        if (c.data_mining && *c.data_mining != activitypub::kAuthorDefault &&
            core::reserves_ai_training(*c.data_mining) != *reserved) {
            throw core::Error(core::Errc::unprocessable,
                              "gesso[ai_training_reserved] and gesso[data_mining] disagree; send one of them");
        }
        if (!c.data_mining) c.data_mining = *reserved ? std::string(core::kDefaultDataMining) : "DMI-ALLOWED";
    }
    c.license = params.get("gesso[license]");
    c.indexable = params.get("gesso[indexable]");
    return c;
}

core::ProtectionSettings apply_protection_params(activitypub::Context& ctx, const core::Account& account,
                                                 const Params& params) {
    activitypub::ProtectionUpdate u;
    u.data_mining = params.get("gesso[data_mining]");
    if (auto reserved = params.boolean("gesso[ai_training_reserved]")) {
        // The shortcut; an explicit DataMining value that agrees with it wins.
        if (u.data_mining && core::reserves_ai_training(*u.data_mining) != *reserved) {
            throw core::Error(core::Errc::unprocessable,
                              "gesso[ai_training_reserved] and gesso[data_mining] disagree; send one of them");
        }
        if (!u.data_mining) u.data_mining = *reserved ? std::string(core::kDefaultDataMining) : "DMI-ALLOWED";
    }
    u.license = params.get("gesso[license]");
    u.cloak_level = params.get("gesso[cloak_level]");
    u.watermark_text = params.get("gesso[watermark][text]");
    u.watermark_position = params.get("gesso[watermark][position]");
    u.watermark_opacity = number(params, "gesso[watermark][opacity]");
    u.allow_original_download = params.boolean("gesso[allow_original_download]");
    u.indexable = params.boolean("indexable");
    u.discoverable = params.boolean("discoverable");
    if (u.empty()) return activitypub::protection_settings(ctx, account.id);
    return activitypub::update_protection(ctx, account.id, u);
}

void write_protection_source(core::JsonWriter& w, const core::ProtectionSettings& s) {
    w.key("gesso").begin_object();
    w.field("ai_training_reserved", core::reserves_ai_training(s.data_mining));
    w.field("data_mining", s.data_mining);
    w.field("x_robots_tag", core::robots_tag_for(s.data_mining));
    if (s.license.empty()) w.key("license").null();
    else w.field("license", s.license);
    w.field("cloak_level", s.cloak_level);
    w.key("watermark").begin_object();
    w.field("text", s.watermark_text).field("position", s.watermark_position).field("opacity", s.watermark_opacity);
    w.end_object();
    w.field("allow_original_download", s.allow_original_download);
    w.end_object();
}

}  // namespace gesso::web::noai
