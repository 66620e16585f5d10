// AI-generation markers: each one present is detected with its evidence; the same picture after Gesso's
// pipeline (metadata stripped) is "unknown"; ordinary camera metadata is "unknown".
#include <gtest/gtest.h>

#include <string>

#include "media/ai_detect.hpp"
#include "media/decode.hpp"
#include "media/pipeline.hpp"
#include "media/probe.hpp"
#include "media/stealth.hpp"
#include "media_fixtures.hpp"

namespace gesso::media {
namespace {

namespace fx = test::media;

const std::string kA1111 =
    "a castle on a hill, oil painting\nNegative prompt: blurry\nSteps: 20, Sampler: DPM++ 2M Karras, CFG scale: 7, "
    "Seed: 1234567890, Size: 512x512, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly";
const std::string kComfyPrompt =
    R"({"3":{"inputs":{"seed":42,"steps":20,"cfg":8,"sampler_name":"euler"},"class_type":"KSampler"}})";
const std::string kComfyWorkflow = R"({"last_node_id":9,"nodes":[{"id":3,"type":"KSampler"}],"links":[]})";
const std::string kNovelComment =
    R"({"prompt":"1girl","steps":28,"height":832,"width":1216,"scale":5,"uncond_scale":1,"seed":1,"sampler":"k_euler","uc":"lowres"})";
const std::string kDstAi = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
const std::string kDstComposite = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia";

std::string xmp_with_dst(const std::string& dst) {
    return "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
           "<rdf:Description rdf:about=\"\" xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\" "
           "Iptc4xmpExt:DigitalSourceType=\"" +
           dst + "\"/></rdf:RDF></x:xmpmeta>";
}

// A JUMBF superbox shaped like a C2PA manifest store: jumb { jumd("c2pa") , ... CBOR text with the source type }.
std::string c2pa_jumbf(const std::string& dst) {
    auto box = [](const std::string& type, const std::string& payload) {
        std::string b;
        fx::put_be(b, static_cast<std::uint32_t>(payload.size() + 8), 4);
        return b + type + payload;
    };
    std::string label("c2pa");
    label.push_back('\0');
    const std::string description = box("jumd", std::string(16, '\x11') + "\x03" + label);
    const std::string actions = box("cbor",
                                    "\xA1"
                                    "gactions\x81\xA2"
                                    "faction"
                                    "kc2pa.created"
                                    "qdigitalSourceType"
                                    "x" +
                                        std::string(1, static_cast<char>(dst.size())) + dst);
    return box("jumb", description + box("jumb", actions));
}

std::string jpeg_app11(const std::string& jpeg, const std::string& jumbf) {
    // JPEG XT header: CI "JP", instance 1, sequence 1, then the box.
    std::string payload("JP\x00\x01\x00\x00\x00\x01", 8);
    return fx::with_segment(jpeg, 0xEB, payload + jumbf);
}

AiDetection detect(const std::string& bytes) {
    const auto p = probe_image(bytes);
    return detect_ai_markers(bytes, decode_pixels(bytes, p));
}

::testing::AssertionResult found(const AiDetection& d, std::string_view marker_part, std::string_view where_part) {
    for (const auto& e : d.evidence)
        if (e.marker.find(marker_part) != std::string::npos && e.where.find(where_part) != std::string::npos)
            return ::testing::AssertionSuccess();
    auto r = ::testing::AssertionFailure()
             << "no evidence matching (" << marker_part << ", " << where_part << "); got:";
    for (const auto& e : d.evidence) r << " [" << e.marker << " @ " << e.where << "]";
    return r;
}

std::string utf16(std::string_view ascii, bool big_endian) {
    std::string s;
    for (char c : ascii) {
        if (big_endian) s.push_back('\0');
        s.push_back(c);
        if (!big_endian) s.push_back('\0');
    }
    return s;
}

struct Case {
    std::string name;
    std::string bytes;
    std::string marker;
    std::string where;
};

std::vector<Case> marked_cases() {
    const cv::Mat rgb = fx::picture(96, 64, 11);
    const std::string png = fx::encode(rgb, ".png");
    const std::string jpeg = fx::encode(rgb, ".jpg");
    cv::Mat rgba;
    cv::cvtColor(rgb, rgba, cv::COLOR_BGR2BGRA);
    cv::Mat stealth_alpha = rgba.clone(), stealth_rgb = rgb.clone();
    fx::write_stealth(stealth_alpha, "stealth_pngcomp", kNovelComment);
    fx::write_stealth(stealth_rgb, "stealth_rgbinfo", kNovelComment);
    const std::string user_comment_be = std::string("UNICODE\0", 8) + utf16(kA1111, true);
    const std::string user_comment_le = std::string("UNICODE\0", 8) + utf16(kA1111, false);
    auto exif_uc = [](const std::string& uc) {
        return fx::tiff({}, {{0x9286, 7, static_cast<std::uint32_t>(uc.size()), uc}});
    };
    return {
        {"a1111", fx::with_chunk(png, fx::text_chunk("parameters", kA1111)), "Automatic1111",
         "tEXt chunk \"parameters\""},
        {"a1111-itxt", fx::with_chunk(png, fx::itxt_chunk("parameters", kA1111, true)), "Automatic1111", "iTXt"},
        {"comfy-prompt", fx::with_chunk(png, fx::text_chunk("prompt", kComfyPrompt)), "ComfyUI", "\"prompt\""},
        {"comfy-workflow", fx::with_chunk(png, fx::text_chunk("workflow", kComfyWorkflow)), "ComfyUI", "\"workflow\""},
        {"invokeai", fx::with_chunk(png, fx::text_chunk("invokeai_metadata", R"({"generation_mode":"txt2img"})")),
         "InvokeAI", "invokeai_metadata"},
        {"invokeai-ztxt", fx::with_chunk(png, fx::ztxt_chunk("sd-metadata", R"({"model":"stable diffusion"})")),
         "InvokeAI", "zTXt chunk \"sd-metadata\""},
        {"novelai",
         fx::with_chunk(fx::with_chunk(png, fx::text_chunk("Comment", kNovelComment)),
                        fx::text_chunk("Software", "NovelAI")),
         "NovelAI", "\"Software\""},
        {"novelai-comment", fx::with_chunk(png, fx::text_chunk("Comment", kNovelComment)), "NovelAI style",
         "\"Comment\""},
        {"novelai-stealth-alpha", fx::encode(stealth_alpha, ".png"), "stealth_pngcomp", "alpha"},
        {"novelai-stealth-rgb", fx::encode(stealth_rgb, ".png"), "stealth_rgbinfo", "RGB"},
        {"fooocus", fx::with_chunk(png, fx::text_chunk("parameters", R"({"Prompt":"cat","Version":"Fooocus v2.5.5"})")),
         "Fooocus", "\"parameters\""},
        {"fooocus-scheme", fx::with_chunk(png, fx::text_chunk("fooocus_scheme", "fooocus")), "Fooocus",
         "fooocus_scheme"},
        {"swarmui", fx::with_chunk(png, fx::text_chunk("sui_image_params", R"({"sui_image_params":{"steps":20}})")),
         "SwarmUI", "sui_image_params"},
        {"jpeg-usercomment-be", fx::with_exif(jpeg, exif_uc(user_comment_be)), "EXIF UserComment", "JPEG APP1"},
        {"jpeg-usercomment-le", fx::with_exif(jpeg, exif_uc(user_comment_le)), "EXIF UserComment", "JPEG APP1"},
        {"jpeg-xmp-dst",
         fx::with_segment(jpeg, 0xE1, std::string("http://ns.adobe.com/xap/1.0/\0", 29) + xmp_with_dst(kDstAi)),
         "DigitalSourceType trainedAlgorithmicMedia", "JPEG APP1 XMP"},
        {"png-xmp-composite", fx::with_chunk(png, fx::itxt_chunk("XML:com.adobe.xmp", xmp_with_dst(kDstComposite))),
         "compositeWithTrainedAlgorithmicMedia", "iTXt"},
        {"jpeg-c2pa", jpeg_app11(jpeg, c2pa_jumbf(kDstAi)), "C2PA manifest: trainedAlgorithmicMedia", "APP11"},
        {"png-c2pa", fx::with_chunk(png, fx::png_chunk("caBX", c2pa_jumbf(kDstComposite))),
         "C2PA manifest: compositeWithTrainedAlgorithmicMedia", "caBX"},
    };
}

TEST(MediaAiDetect, EveryMarkerIsDetectedWithEvidence) {
    for (const auto& c : marked_cases()) {
        SCOPED_TRACE(c.name);
        const auto d = detect(c.bytes);
        EXPECT_EQ(d.verdict, AiVerdict::declared);
        EXPECT_TRUE(found(d, c.marker, c.where));
    }
}

TEST(MediaAiDetect, TheSameImagesAfterThePipelineAreUnknown) {
    for (const auto& c : marked_cases()) {
        SCOPED_TRACE(c.name);
        auto out = process_image(c.bytes, PipelineOptions{});
        EXPECT_EQ(out.ai.verdict, AiVerdict::declared);  // the pipeline detects before stripping
        for (const auto* d : {&out.full, &out.preview}) {
            const auto again = detect(d->bytes);
            EXPECT_EQ(again.verdict, AiVerdict::unknown);
            EXPECT_TRUE(again.evidence.empty());
        }
    }
}

TEST(MediaAiDetect, OrdinaryFilesAreUnknownNeverHumanMade) {
    const cv::Mat m = fx::picture(64, 64, 12);
    const std::string camera = fx::with_exif(
        fx::encode(m, ".jpg"),
        fx::tiff({fx::ascii(0x010F, "Canon")}, {{0x9286, 7, 16, std::string("ASCII\0\0\0hello!!!", 16)}}));
    const std::string png_text =
        fx::with_chunk(fx::encode(m, ".png"), fx::text_chunk("Comment", "drawn in Krita, Steps: many"));
    const std::string png_dst = fx::with_chunk(
        fx::encode(m, ".png"),
        fx::itxt_chunk("XML:com.adobe.xmp", xmp_with_dst("http://cv.iptc.org/newscodes/digitalsourcetype/digitalArt")));
    for (const auto& bytes : {camera, png_text, png_dst, fx::encode(m, ".webp")}) {
        const auto d = detect(bytes);
        EXPECT_EQ(d.verdict, AiVerdict::unknown);
        EXPECT_TRUE(d.evidence.empty());
        EXPECT_EQ(to_string(d.verdict), "unknown");
    }
}

TEST(MediaAiDetect, StealthPayloadIsReadBack) {
    cv::Mat rgba(40, 30, CV_8UC4, cv::Scalar(10, 20, 30, 255));
    fx::write_stealth(rgba, "stealth_pngcomp", kNovelComment);
    auto p = read_stealth_payload(rgba);
    ASSERT_TRUE(p.has_value());
    EXPECT_TRUE(p->in_alpha);
    EXPECT_EQ(p->magic, "stealth_pngcomp");
    EXPECT_EQ(p->text, kNovelComment);
    // An opaque image has all alpha bits 1: no payload.
    EXPECT_FALSE(read_stealth_payload(cv::Mat(40, 30, CV_8UC4, cv::Scalar(1, 2, 3, 255))).has_value());
}

TEST(MediaAiDetect, HostileMetadataIsSkippedNotFatal) {
    const std::string png = fx::encode(fx::picture(32, 32, 13), ".png");
    // A zTXt "bomb": 50 MB of zeros compressed to about 50 KB; reading stops at the metadata limit.
    const std::string bomb = fx::with_chunk(png, fx::ztxt_chunk("parameters", std::string(50 * 1000 * 1000, '\0')));
    EXPECT_EQ(detect(bomb).verdict, AiVerdict::unknown);
    // An EXIF IFD claiming 65535 entries and offsets past the end.
    std::string tiff("II*\0\x08\0\0\0\xFF\xFF", 10);
    tiff += std::string(24, '\xEE');
    EXPECT_EQ(detect(fx::with_exif(fx::encode(fx::picture(32, 32, 13), ".jpg"), tiff)).verdict, AiVerdict::unknown);
    // A stealth header announcing a 4 GB payload in a small image.
    cv::Mat rgba(20, 20, CV_8UC4, cv::Scalar(0, 0, 0, 255));
    fx::write_stealth(rgba, "stealth_pnginfo", "");
    for (int y = 0; y < 20; ++y) rgba.at<cv::Vec4b>(y, 6)[3] |= 1;  // length bits all ones
    auto p = read_stealth_payload(rgba);
    ASSERT_TRUE(p.has_value());
    EXPECT_TRUE(p->text.empty());
}

}  // namespace
}  // namespace gesso::media
