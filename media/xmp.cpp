#include "media/xmp.hpp"

#include "core/error.hpp"
#include "core/limits.hpp"
#include "media/bytes.hpp"
#include "media/container.hpp"
#include "media/probe.hpp"

namespace gesso::media {
namespace {

using core::Errc;
using core::Error;

constexpr std::string_view kJpegXmpSignature("http://ns.adobe.com/xap/1.0/\0", 29);
constexpr std::string_view kPngXmpKeyword = "XML:com.adobe.xmp";

std::string escaped(std::string_view field, std::string_view v) {
    if (v.size() > core::limits::kMaxXmpValueBytes) {
        std::string msg(field);
        msg += " is too long for the image's provenance mark";
        throw Error(Errc::unprocessable, msg);
    }
    std::string out;
    out.reserve(v.size());
    for (char c : v) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\t' && c != '\n') {
            std::string msg(field);
            msg += " contains control characters";
            throw Error(Errc::unprocessable, msg);
        }
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            case '\n': out += "&#xA;"; break;
            case '\t': out += "&#x9;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

std::string embed_jpeg(std::string_view d, std::string_view packet) {
    if (packet.size() + kJpegXmpSignature.size() + 2 > 0xFFFF)
        throw Error(Errc::unprocessable, "provenance mark too large for a JPEG segment");
    auto walk = jpeg_segments(d);
    if (walk.truncated || walk.blocks.empty() || walk.blocks.back().marker != 0xDA)
        throw Error(Errc::unprocessable, "JPEG image is damaged: cannot place the provenance mark");
    std::string out("\xFF\xD8");
    bool placed = false;
    for (const auto& s : walk.blocks) {
        bool leading_app = s.marker == 0xE0 || (s.marker == 0xE1 && s.payload.substr(0, 4) == "Exif");
        if (!placed && !leading_app) {
            out += "\xFF\xE1";
            bytes::put_be(out, static_cast<std::uint32_t>(packet.size() + kJpegXmpSignature.size() + 2), 2);
            out += kJpegXmpSignature;
            out += packet;
            placed = true;
        }
        if (s.marker == 0xDA) {
            out.append(d.substr(s.offset));  // SOS and everything after it, untouched
            break;
        }
        if (s.marker == 0xE1 && s.payload.substr(0, kJpegXmpSignature.size()) == kJpegXmpSignature) continue;
        out.append(d.substr(s.offset, s.payload.size() + 4));
    }
    return out;
}

std::string embed_png(std::string_view d, std::string_view packet) {
    auto walk = png_chunks(d);
    if (walk.truncated || walk.blocks.empty() || walk.blocks.front().type != "IHDR")
        throw Error(Errc::unprocessable, "PNG image is damaged: cannot place the provenance mark");
    std::string itxt(kPngXmpKeyword);
    itxt.push_back('\0');
    itxt.push_back('\0');  // compression flag: uncompressed
    itxt.push_back('\0');  // compression method
    itxt.push_back('\0');  // empty language tag
    itxt.push_back('\0');  // empty translated keyword
    itxt.append(packet);
    std::string out(d.substr(0, 8));
    for (const auto& c : walk.blocks) {
        if (c.type == "iTXt" && c.data.substr(0, kPngXmpKeyword.size() + 1) == std::string(kPngXmpKeyword) + '\0')
            continue;
        out.append(d.substr(c.offset, c.data.size() + 12));
        if (c.type == "IHDR") out += png_chunk("iTXt", itxt);
    }
    return out;
}

void put_chunk(std::string& out, std::string_view fourcc, std::string_view data) {
    out.append(fourcc);
    bytes::put_le(out, static_cast<std::uint32_t>(data.size()), 4);
    out.append(data);
    if (data.size() & 1) out.push_back('\0');
}

std::string embed_webp(std::string_view d, std::string_view packet) {
    auto walk = riff_chunks(d);
    if (walk.truncated || walk.blocks.empty())
        throw Error(Errc::unprocessable, "WebP image is damaged: cannot place the provenance mark");
    std::string body("WEBP");
    const auto& first = walk.blocks.front();
    if (first.fourcc != "VP8X") {
        auto p = probe_image(d);
        std::string vp8x;
        unsigned char flags = 0x04;  // XMP present
        if (first.fourcc == "VP8L") {
            auto bits = bytes::le(first.data, 1, 4);
            if (bits && (*bits >> 28) & 1) flags |= 0x10;  // alpha used
        }
        vp8x.push_back(static_cast<char>(flags));
        vp8x.append(3, '\0');
        bytes::put_le(vp8x, static_cast<std::uint32_t>(p.width - 1), 3);
        bytes::put_le(vp8x, static_cast<std::uint32_t>(p.height - 1), 3);
        put_chunk(body, "VP8X", vp8x);
    }
    for (const auto& c : walk.blocks) {
        if (c.fourcc == "XMP ") continue;
        if (c.fourcc == "VP8X") {
            std::string vp8x(c.data);
            if (!vp8x.empty()) vp8x[0] = static_cast<char>(vp8x[0] | 0x04);
            put_chunk(body, "VP8X", vp8x);
            continue;
        }
        put_chunk(body, c.fourcc, c.data);
    }
    put_chunk(body, "XMP ", packet);  // metadata chunks follow the image data
    std::string out("RIFF");
    bytes::put_le(out, static_cast<std::uint32_t>(body.size()), 4);
    out += body;
    return out;
}

}  // namespace

std::string xmp_packet(const Provenance& p) {
    std::string x;
    x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
    x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
    x += " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
    x += "  <rdf:Description rdf:about=\"\"\n";
    x += "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n";
    x += "    xmlns:xmpRights=\"http://ns.adobe.com/xap/1.0/rights/\"\n";
    x += "    xmlns:plus=\"http://ns.useplus.org/ldf/xmp/1.0/\"\n";
    x += "    xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\"\n";
    x += "    xmpRights:Marked=\"";
    x += p.marked ? "True" : "False";
    x += "\"";
    auto attr = [&](std::string_view name, std::string_view value) {
        if (value.empty()) return;
        x += "\n    ";
        x += name;
        x += "=\"";
        x += escaped(name, value);
        x += "\"";
    };
    attr("xmpRights:WebStatement", p.web_statement);
    attr("plus:DataMining", p.data_mining);
    attr("Iptc4xmpExt:DigitalSourceType", p.digital_source_type);
    x += ">\n";
    if (!p.creator.empty()) {
        x += "   <dc:creator><rdf:Seq><rdf:li>";
        x += escaped("dc:creator", p.creator);
        x += "</rdf:li></rdf:Seq></dc:creator>\n";
    }
    if (!p.rights.empty()) {
        x += "   <dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">";
        x += escaped("dc:rights", p.rights);
        x += "</rdf:li></rdf:Alt></dc:rights>\n";
    }
    x += "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>";
    return x;
}

std::string embed_xmp(std::string_view image, ImageType type, std::string_view packet) {
    switch (type) {
        case ImageType::jpeg: return embed_jpeg(image, packet);
        case ImageType::png: return embed_png(image, packet);
        case ImageType::webp: return embed_webp(image, packet);
        default: break;
    }
    throw Error(Errc::unprocessable, "provenance marks are written only into JPEG, PNG and WebP");
}

}  // namespace gesso::media
