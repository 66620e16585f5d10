#include "media/ai_detect.hpp"

#include <zlib.h>

#include "core/limits.hpp"
#include "media/bytes.hpp"
#include "media/container.hpp"
#include "media/exif.hpp"
#include "media/sniff.hpp"
#include "media/stealth.hpp"
#include "media/watermark.hpp"

namespace gesso::media {
namespace {

namespace limits = core::limits;

bool has(std::string_view s, std::string_view what) { return s.find(what) != std::string_view::npos; }

std::string quoted(std::string_view where, std::string_view name) {
    std::string s(where);
    s += " \"";
    s += name;
    s += '"';
    return s;
}

// zlib data of a zTXt or compressed iTXt chunk, inflated up to limits::kMaxMetadataTextBytes.
std::string inflate_bounded(std::string_view in) {
    z_stream z{};
    if (inflateInit(&z) != Z_OK) return {};
    std::string out;
    char buf[16384];
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    int rc = Z_OK;
    while (rc == Z_OK && out.size() < limits::kMaxMetadataTextBytes) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) break;
        out.append(buf, sizeof buf - z.avail_out);
    }
    inflateEnd(&z);
    if (out.size() > limits::kMaxMetadataTextBytes) out.resize(limits::kMaxMetadataTextBytes);
    return out;
}

bool a1111_parameters(std::string_view text) {
    return has(text, "Steps:") && (has(text, "Sampler:") || has(text, "Seed:") || has(text, "CFG scale:"));
}

class Collector {
public:
    void add(std::string marker, std::string where) {
        AiEvidence e{std::move(marker), std::move(where)};
        for (const auto& x : evidence_)
            if (x == e) return;
        evidence_.push_back(std::move(e));
    }

    // IPTC digital source types and C2PA manifests: text search in XMP packets and JUMBF boxes.
    void source_type(std::string_view text, std::string_view where) {
        if (has(text, "compositeWithTrainedAlgorithmicMedia"))
            add("IPTC DigitalSourceType compositeWithTrainedAlgorithmicMedia", std::string(where));
        if (has(text, "digitalsourcetype/trainedAlgorithmicMedia") || has(text, ">trainedAlgorithmicMedia<") ||
            has(text, "\"trainedAlgorithmicMedia\""))
            add("IPTC DigitalSourceType trainedAlgorithmicMedia", std::string(where));
    }

    void c2pa(std::string_view jumbf, std::string_view where) {
        if (!has(jumbf, "c2pa")) return;
        if (has(jumbf, "compositeWithTrainedAlgorithmicMedia"))
            add("C2PA manifest: compositeWithTrainedAlgorithmicMedia", std::string(where));
        if (has(jumbf, "digitalsourcetype/trainedAlgorithmicMedia"))
            add("C2PA manifest: trainedAlgorithmicMedia", std::string(where));
    }

    void exif(std::string_view tiff, std::string_view where) {
        auto f = read_exif(tiff);
        if (f.user_comment && a1111_parameters(*f.user_comment))
            add("generation parameters in EXIF UserComment (Automatic1111 style)", std::string(where));
    }

    // One PNG text entry (tEXt, zTXt or iTXt) by keyword.
    void png_text(std::string_view key, std::string_view text, std::string_view where_kind) {
        const auto where = quoted(where_kind, key);
        if (key == "parameters") {
            if (a1111_parameters(text)) add("Automatic1111 generation parameters", where);
            if (has(text, "Fooocus") || has(text, "fooocus")) add("Fooocus generation parameters", where);
        } else if (key == "prompt" && has(text, "class_type")) {
            add("ComfyUI prompt graph", where);
        } else if (key == "workflow" && has(text, "\"nodes\"")) {
            add("ComfyUI workflow", where);
        } else if (key == "invokeai_metadata" || key == "invokeai_graph" || key == "sd-metadata" || key == "Dream") {
            add("InvokeAI generation metadata", where);
        } else if (key == "Software" && has(text, "NovelAI")) {
            add("NovelAI software tag", where);
        } else if (key == "Source" && has(text, "NovelAI")) {
            add("NovelAI model tag", where);
        } else if (key == "Comment") {
            if (has(text, "Fooocus") || has(text, "fooocus"))
                add("Fooocus generation parameters", where);
            else if (has(text, "\"steps\"") &&
                     (has(text, "\"sampler\"") || has(text, "\"uc\"") || has(text, "\"seed\"")))
                add("generation parameters in Comment (NovelAI style)", where);
        } else if (key == "fooocus_scheme") {
            add("Fooocus metadata scheme", where);
        } else if (key == "sui_image_params") {
            add("SwarmUI generation parameters", where);
        } else if (key == "XML:com.adobe.xmp") {
            source_type(text, where);
        }
    }

    void watermark(std::string marker, std::string where) {
        add(std::move(marker), std::move(where));
        watermarked_ = true;
    }

    // "declared" when the file's metadata says so; "watermark" when only a pixel watermark was found.
    AiDetection result() && {
        AiDetection d;
        d.verdict = evidence_.empty()                       ? AiVerdict::unknown
                    : watermarked_ && evidence_.size() == 1 ? AiVerdict::watermark
                                                            : AiVerdict::declared;
        d.evidence = std::move(evidence_);
        return d;
    }

private:
    std::vector<AiEvidence> evidence_;
    bool watermarked_ = false;
};

void scan_png(std::string_view d, Collector& c) {
    for (const auto& ch : png_chunks(d).blocks) {
        if (ch.type == "tEXt" || ch.type == "zTXt" || ch.type == "iTXt") {
            const auto nul = ch.data.find('\0');
            if (nul == std::string_view::npos) continue;
            const auto key = ch.data.substr(0, nul);
            auto rest = ch.data.substr(nul + 1);
            std::string text;
            if (ch.type == "tEXt") {
                text = std::string(rest.substr(0, limits::kMaxMetadataTextBytes));
            } else if (ch.type == "zTXt") {
                if (rest.empty()) continue;
                text = inflate_bounded(rest.substr(1));
            } else {  // iTXt: flag, method, language\0, translated keyword\0, text
                if (rest.size() < 2) continue;
                const bool compressed = rest[0] == 1;
                auto after_lang = rest.find('\0', 2);
                if (after_lang == std::string_view::npos) continue;
                auto after_trans = rest.find('\0', after_lang + 1);
                if (after_trans == std::string_view::npos) continue;
                auto body = rest.substr(after_trans + 1);
                text = compressed ? inflate_bounded(body) : std::string(body.substr(0, limits::kMaxMetadataTextBytes));
            }
            c.png_text(key, text, std::string("PNG ") + std::string(ch.type) + " chunk");
        } else if (ch.type == "eXIf") {
            c.exif(ch.data, "PNG eXIf chunk");
        } else if (ch.type == "caBX") {
            c.c2pa(ch.data, "PNG caBX chunk (C2PA JUMBF)");
        }
    }
}

void scan_jpeg(std::string_view d, Collector& c) {
    static constexpr std::string_view kXmp("http://ns.adobe.com/xap/1.0/\0", 29);
    static constexpr std::string_view kXmpExt("http://ns.adobe.com/xmp/extension/\0", 35);
    std::string jumbf;
    for (const auto& s : jpeg_segments(d).blocks) {
        if (s.marker == 0xE1 && s.payload.substr(0, 6) == std::string_view("Exif\0\0", 6)) {
            c.exif(s.payload.substr(6), "JPEG APP1 EXIF UserComment");
        } else if (s.marker == 0xE1 &&
                   (s.payload.substr(0, kXmp.size()) == kXmp || s.payload.substr(0, kXmpExt.size()) == kXmpExt)) {
            c.source_type(s.payload, "JPEG APP1 XMP");
        } else if (s.marker == 0xEB) {
            if (jumbf.size() < limits::kMaxMetadataTextBytes) jumbf.append(s.payload);
        } else if (s.marker == 0xFE && a1111_parameters(s.payload)) {
            c.add("Automatic1111 generation parameters", "JPEG COM segment");
        }
    }
    if (!jumbf.empty()) c.c2pa(jumbf, "JPEG APP11 (C2PA JUMBF)");
}

void scan_webp(std::string_view d, Collector& c) {
    for (const auto& ch : riff_chunks(d).blocks) {
        if (ch.fourcc == "EXIF") {
            auto tiff = ch.data.substr(0, 6) == std::string_view("Exif\0\0", 6) ? ch.data.substr(6) : ch.data;
            c.exif(tiff, "WebP EXIF chunk UserComment");
        } else if (ch.fourcc == "XMP ") {
            c.source_type(ch.data, "WebP XMP chunk");
        } else if (ch.fourcc == "C2PA") {
            c.c2pa(ch.data, "WebP C2PA chunk (JUMBF)");
        }
    }
}

}  // namespace

std::string_view to_string(AiVerdict v) {
    switch (v) {
        case AiVerdict::declared: return "declared";
        case AiVerdict::watermark: return "watermark";
        case AiVerdict::unknown: break;
    }
    return "unknown";
}

AiDetection detect_ai_markers(std::string_view original, const cv::Mat& pixels) {
    Collector c;
    switch (sniff_image_type(original)) {
        case ImageType::png: scan_png(original, c); break;
        case ImageType::jpeg: scan_jpeg(original, c); break;
        case ImageType::webp: scan_webp(original, c); break;
        default: break;
    }
    if (!pixels.empty()) {
        if (auto s = read_stealth_payload(pixels)) {
            std::string marker = "NovelAI stealth metadata (";
            marker += s->magic;
            marker += ')';
            c.add(std::move(marker), s->in_alpha ? "alpha channel low bits" : "RGB channels low bits");
        }
        if (auto w = detect_sd_watermark(pixels)) {
            std::string marker = "invisible watermark ";
            marker += w->name;
            std::string where = "U channel, DWT-DCT blocks (";
            where += std::to_string(w->matching_bits);
            where += '/';
            where += std::to_string(w->total_bits);
            where += " bits match)";
            c.watermark(std::move(marker), std::move(where));
        }
    }
    return std::move(c).result();
}

}  // namespace gesso::media
