#pragma once
// Provenance marks: the XMP packet that reserves the creator's rights (IPTC/PLUS Data Mining, IPTC digital
// source type, creator, rights, licence) and its placement in served JPEG (APP1), PNG (iTXt) and WebP (XMP
// chunk in a VP8X container). The standards are summarised in docs/protection.md.
#include <string>
#include <string_view>

#include "media/sniff.hpp"

namespace gesso::media {

inline constexpr std::string_view kDmiProhibitedAiMlTraining =
    "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING";
inline constexpr std::string_view kSourceDigitalArt = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalArt";

struct Provenance {
    std::string data_mining{kDmiProhibitedAiMlTraining};  // plus:DataMining (a PLUS DMI URI)
    std::string digital_source_type{kSourceDigitalArt};   // Iptc4xmpExt:DigitalSourceType
    std::string creator;                                  // dc:creator (handle or profile URL)
    std::string rights;                                   // dc:rights (a sentence), may be empty
    std::string web_statement;                            // xmpRights:WebStatement (licence URL), may be empty
    bool marked = true;                                   // xmpRights:Marked: the work is rights-managed
};

// A complete XMP packet (<?xpacket ...?> wrapper, UTF-8) with the fields of `p`; empty fields are left out.
// Values are XML-escaped. Throws core::Error(unprocessable) if a value is longer than
// limits::kMaxXmpValueBytes or holds characters XML cannot carry (C0 controls other than tab/newline).
std::string xmp_packet(const Provenance& p);

// Returns `image` (JPEG, PNG or WebP bytes as produced by encode_image) with `packet` embedded, replacing
// any XMP already there. Throws core::Error(unprocessable) for other types or malformed containers.
std::string embed_xmp(std::string_view image, ImageType type, std::string_view packet);

}  // namespace gesso::media
