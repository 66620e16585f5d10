#pragma once
// An artist's protection choices (plain data) and the pure rules that turn them into machine-readable signals:
// the IPTC/PLUS DataMining value, the FEP-5e53 xRobotsTag, the licence URL. PROTECTION.md has the standards.
// Defaults are the protective side: AI training reserved, all rights reserved, originals not downloadable.
#include <optional>
#include <string>
#include <string_view>

namespace gesso::core {

// IPTC/PLUS vocabulary base: a DataMining value is this URL + e.g. "DMI-PROHIBITED-AIMLTRAINING".
inline constexpr std::string_view kPlusVocabulary = "http://ns.useplus.org/ldf/vocab/";
inline constexpr std::string_view kDefaultDataMining = "DMI-PROHIBITED-AIMLTRAINING";
// What a reserved work says in X-Robots-Tag, <meta name="robots"> and xRobotsTag.
inline constexpr std::string_view kReservedRobotsTag = "noai, noimageai";
// What an opted-in work says instead: Google's documented "no restrictions" value, so the choice is explicit.
inline constexpr std::string_view kUnreservedRobotsTag = "all";

struct ProtectionSettings {
    std::string data_mining = std::string(kDefaultDataMining);  // a PLUS DataMining value (short form)
    std::string license;  // licence URL; empty: all rights reserved
    std::string cloak_level = "off";  // off | low | medium | high (the cloak is experimental)
    std::string watermark_text;       // empty: no visible watermark
    std::string watermark_position = "bottom-right";
    double watermark_opacity = 0.5;   // 0.05 .. 1
    bool allow_original_download = false;
};

// True for the DataMining values Gesso accepts (PLUS: DMI-UNSPECIFIED, DMI-ALLOWED, DMI-PROHIBITED,
// DMI-PROHIBITED-AIMLTRAINING, DMI-PROHIBITED-GENAIMLTRAINING, DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING).
bool is_data_mining_value(std::string_view value);
// True when `data_mining` reserves AI training (every DMI-PROHIBITED* value).
bool reserves_ai_training(std::string_view data_mining);
// The xRobotsTag a work with this DataMining value carries: kReservedRobotsTag for the prohibiting values,
// kUnreservedRobotsTag for DMI-ALLOWED, empty for DMI-UNSPECIFIED (the node's default then applies).
std::string robots_tag_for(std::string_view data_mining);
// True when an X-Robots-Tag / xRobotsTag value contains noai or noimageai (case-insensitive).
bool robots_tag_reserves(std::string_view robots_tag);

// A licence as clients may send it: a short name ("all-rights-reserved", "cc-by-4.0", "cc-by-nc-nd-4.0",
// "cc0-1.0", ...) or one of the Creative Commons URLs those names stand for. Returns the URL (empty for all
// rights reserved), nullopt for anything else.
std::optional<std::string> normalize_license(std::string_view value);

bool is_cloak_level(std::string_view value);
bool is_watermark_position(std::string_view value);  // top-left, top-right, bottom-left, bottom-right, center

}  // namespace gesso::core
