// Provenance marks: the XMP packet in served JPEG, PNG and WebP, read back by an independent reader
// (Debian's exiftool, run as a subprocess; the exiftool tests skip only when it is not installed).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "media/encode.hpp"
#include "media/pipeline.hpp"
#include "media/xmp.hpp"
#include "media_fixtures.hpp"
#include "support/expect_error.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

namespace gesso::media {
namespace {

namespace fx = test::media;

// The exiftool program, or "" when it is not installed.
std::string exiftool_path() {
    for (const char* p : {"/usr/bin/exiftool", "/usr/local/bin/exiftool"})
        if (std::filesystem::exists(p)) return p;
    return {};
}
bool have_exiftool() { return !exiftool_path().empty(); }

// exiftool's JSON for `bytes` (raw values with -n, group names with -G1).
rapidjson::Document exiftool_json(const std::string& bytes, const std::string& ext,
                                  const std::vector<std::string>& tags) {
    test::TempDir dir;
    const auto path = dir.path() / ("image" + ext);
    std::ofstream(path, std::ios::binary) << bytes;
    std::vector<std::string> args = {exiftool_path(), "-j", "-n", "-G1"};
    args.insert(args.end(), tags.begin(), tags.end());
    args.push_back(path.string());
    auto r = test::run_process(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    EXPECT_TRUE(doc.IsArray() && doc.Size() == 1) << r.out;
    return doc;
}

std::string field(const rapidjson::Document& doc, const char* name) {
    if (!doc.IsArray() || doc.Empty() || !doc[0].HasMember(name)) return "<missing " + std::string(name) + ">";
    const auto& v = doc[0][name];
    if (v.IsString()) return v.GetString();
    if (v.IsBool()) return v.GetBool() ? "true" : "false";
    if (v.IsArray() && v.Size() == 1 && v[0].IsString()) return v[0].GetString();
    return "<not a string>";
}

Provenance sample() {
    Provenance p;
    p.creator = "https://art.example/@ann \"Ann & Bob\" <studio>";
    p.rights = "© 2026 Ann Müller — all rights reserved, 'no AI' & <no scraping>";
    p.web_statement = "https://creativecommons.org/licenses/by-nc-nd/4.0/?a=1&b=2";
    p.digital_source_type = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalArt";
    return p;
}

struct Format {
    ImageType type;
    const char* ext;
};
constexpr Format kFormats[] = {{ImageType::jpeg, ".jpg"}, {ImageType::png, ".png"}, {ImageType::webp, ".webp"}};

TEST(MediaXmp, ExiftoolReadsEveryFieldBackExactlyInAllThreeFormats) {
    if (!have_exiftool()) GTEST_SKIP() << "exiftool (libimage-exiftool-perl) is not installed";
    const Provenance p = sample();
    const cv::Mat m = fx::picture(64, 48, 7);
    cv::Mat with_alpha;
    cv::cvtColor(m, with_alpha, cv::COLOR_BGR2BGRA);
    for (const auto& f : kFormats) {
        for (const cv::Mat* px : std::initializer_list<const cv::Mat*>{&m, &with_alpha}) {
            const std::string marked = embed_xmp(encode_image(*px, f.type, 85), f.type, xmp_packet(p));
            auto doc = exiftool_json(marked, f.ext, {"-XMP:all"});
            SCOPED_TRACE(f.ext);
            EXPECT_EQ(field(doc, "XMP-plus:DataMining"), kDmiProhibitedAiMlTraining);
            EXPECT_EQ(field(doc, "XMP-iptcExt:DigitalSourceType"), p.digital_source_type);
            EXPECT_EQ(field(doc, "XMP-dc:Creator"), p.creator);
            EXPECT_EQ(field(doc, "XMP-dc:Rights"), p.rights);
            EXPECT_EQ(field(doc, "XMP-xmpRights:Marked"), "true");
            EXPECT_EQ(field(doc, "XMP-xmpRights:WebStatement"), p.web_statement);
            // Still a valid image of the same size for an ordinary decoder.
            cv::Mat back = fx::decode(marked);
            EXPECT_EQ(back.size(), m.size());
        }
    }
}

TEST(MediaXmp, ServedImagesCarryOnlyOurMetadata) {
    if (!have_exiftool()) GTEST_SKIP() << "exiftool (libimage-exiftool-perl) is not installed";
    std::string gps;
    for (std::uint32_t v : {48u, 1u, 51u, 1u, 24u, 1u}) fx::put_le(gps, v, 4);
    const std::string exif = fx::tiff({fx::ascii(0x010F, "Canon"), fx::ascii(0x0110, "EOS 5D")}, {},
                                      {fx::ascii(0x0001, "N"), {0x0002, 5, 3, gps}});
    const std::string in = fx::with_exif(fx::encode(fx::picture(400, 300, 8), ".jpg"), exif);
    auto before = exiftool_json(in, ".jpg", {"-GPS:all", "-IFD0:Make"});
    EXPECT_EQ(field(before, "IFD0:Make"), "Canon");
    ASSERT_TRUE(before[0].HasMember("GPS:GPSLatitudeRef"));

    PipelineOptions options;
    options.provenance = sample();
    auto out = process_image(in, options);
    for (const auto* d : {&out.full, &out.preview}) {
        auto doc = exiftool_json(d->bytes, ".jpg", {"-EXIF:all", "-GPS:all", "-MakerNotes:all", "-XMP:all"});
        for (auto it = doc[0].MemberBegin(); it != doc[0].MemberEnd(); ++it) {
            const std::string name = it->name.GetString();
            EXPECT_TRUE(name == "SourceFile" || name.rfind("XMP-", 0) == 0) << "unexpected tag " << name;
        }
        EXPECT_EQ(field(doc, "XMP-plus:DataMining"), kDmiProhibitedAiMlTraining);
    }
}

TEST(MediaXmp, EmbeddingTwiceLeavesOnePacketAndContainersStayValid) {
    const std::string packet = xmp_packet(sample());
    for (const auto& f : kFormats) {
        const std::string once = embed_xmp(encode_image(fx::picture(32, 32, 9), f.type, 85), f.type, packet);
        const std::string twice = embed_xmp(once, f.type, packet);
        EXPECT_EQ(once, twice) << f.ext;
        std::size_t count = 0;
        for (auto at = twice.find("x:xmpmeta xmlns"); at != std::string::npos;
             at = twice.find("x:xmpmeta xmlns", at + 1))
            ++count;
        EXPECT_EQ(count, 1u) << f.ext;
    }
    // WebP: a VP8X header with the XMP flag and a RIFF size that matches the file.
    const std::string webp =
        embed_xmp(encode_image(fx::picture(30, 20, 9), ImageType::webp, 80), ImageType::webp, packet);
    EXPECT_EQ(webp.substr(12, 4), "VP8X");
    EXPECT_TRUE(static_cast<unsigned char>(webp[20]) & 0x04);
    const std::uint32_t riff = static_cast<unsigned char>(webp[4]) | static_cast<unsigned char>(webp[5]) << 8 |
                               static_cast<unsigned char>(webp[6]) << 16 | static_cast<unsigned char>(webp[7]) << 24;
    EXPECT_EQ(riff + 8, webp.size());
    // Canvas size in VP8X: 24-bit little-endian width-1 and height-1.
    EXPECT_EQ(static_cast<unsigned char>(webp[24]) + 1, 30);
    EXPECT_EQ(static_cast<unsigned char>(webp[27]) + 1, 20);
}

TEST(MediaXmp, RefusesValuesXmlCannotCarryAndOverlongValues) {
    Provenance p = sample();
    p.creator = std::string("ann\x01");
    EXPECT_EQ(test::error_code([&] { xmp_packet(p); }), core::Errc::unprocessable);
    p = sample();
    p.rights = std::string(core::limits::kMaxXmpValueBytes + 1, 'x');
    EXPECT_EQ(test::error_code([&] { xmp_packet(p); }), core::Errc::unprocessable);
    // The pipeline refuses before doing any work.
    PipelineOptions options;
    options.provenance = p;
    EXPECT_EQ(test::error_code([&] { process_image(fx::encode(fx::picture(8, 8, 1), ".png"), options); }),
              core::Errc::unprocessable);
}

TEST(MediaXmp, EscapesMarkupInValues) {
    const std::string x = xmp_packet(sample());
    EXPECT_EQ(x.find("<studio>"), std::string::npos);
    EXPECT_NE(x.find("&lt;studio&gt;"), std::string::npos);
    EXPECT_NE(x.find("a=1&amp;b=2"), std::string::npos);
    EXPECT_NE(x.find("&quot;Ann &amp; Bob&quot;"), std::string::npos);
}

}  // namespace
}  // namespace gesso::media
