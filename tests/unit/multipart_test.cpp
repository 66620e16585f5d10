// multipart/form-data parsing (RFC 7578 / RFC 2046): fields, files, quoting, preamble and epilogue,
// and every refusal (no boundary, unterminated parts, missing Content-Disposition, limits).
#include <gtest/gtest.h>

#include "core/limits.hpp"
#include "support/expect_error.hpp"
#include "web/multipart.hpp"

namespace gesso::web {
namespace {

using core::Errc;
using test::error_code;

TEST(MultipartBoundary, ReadsPlainAndQuotedBoundariesOfFormDataOnly) {
    EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc123"), "abc123");
    EXPECT_EQ(multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b:c\""), "a b:c");
    EXPECT_EQ(multipart_boundary("multipart/form-data;boundary=X"), "X");  // case kept
    EXPECT_FALSE(multipart_boundary("application/json").has_value());
    EXPECT_FALSE(multipart_boundary("").has_value());
    EXPECT_EQ(error_code([] { multipart_boundary("multipart/form-data"); }), Errc::bad_request);
    EXPECT_EQ(error_code([] { multipart_boundary("multipart/form-data; boundary="); }), Errc::bad_request);
    EXPECT_EQ(error_code([] { multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')); }),
              Errc::bad_request);
    EXPECT_EQ(error_code([] { multipart_boundary("multipart/form-data; boundary=a\x01"); }), Errc::bad_request);
}

TEST(Multipart, SplitsFieldsAndFilesWithPreambleAndEpilogue) {
    std::string body =
        "preamble to ignore\r\n"
        "--XyZ\r\n"
        "Content-Disposition: form-data; name=\"description\"\r\n"
        "\r\n"
        "line one\r\nline two\r\n"
        "--XyZ\r\n"
        "content-disposition: form-data; name=\"file\"; filename=\"a \\\"quoted\\\" name.png\"\r\n"
        "Content-Type: image/png\r\n"
        "\r\n"
        "\x89PNG\r\n\x1a\n--not-the-boundary\r\n"
        "--XyZ\r\n"
        "Content-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n"
        "\r\n"
        "\r\n"
        "--XyZ--\r\n"
        "epilogue";
    auto parts = parse_multipart(body, "XyZ");
    ASSERT_EQ(parts.size(), 3u);
    EXPECT_EQ(parts[0].name, "description");
    EXPECT_FALSE(parts[0].filename.has_value());
    EXPECT_EQ(parts[0].body, "line one\r\nline two");
    EXPECT_EQ(parts[1].name, "file");
    EXPECT_EQ(parts[1].filename, "a \"quoted\" name.png");
    EXPECT_EQ(parts[1].content_type, "image/png");
    EXPECT_EQ(parts[1].body, std::string_view("\x89PNG\r\n\x1a\n--not-the-boundary"));
    EXPECT_EQ(parts[2].filename, "");
    EXPECT_EQ(parts[2].body, "");
}

TEST(Multipart, RefusesMalformedBodies) {
    auto code = [](const std::string& body) { return error_code([&] { parse_multipart(body, "B"); }); };
    EXPECT_EQ(code(""), Errc::bad_request);
    EXPECT_EQ(code("no boundary at all"), Errc::bad_request);
    EXPECT_EQ(code("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue without end"), Errc::bad_request);
    EXPECT_EQ(code("--B\r\nContent-Type: text/plain\r\n\r\nv\r\n--B--"), Errc::bad_request);
    EXPECT_EQ(code("--B\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n--B--"), Errc::bad_request);
    EXPECT_EQ(code("--B\r\nContent-Disposition: form-data\r\n\r\nv\r\n--B--"), Errc::bad_request);
    EXPECT_EQ(code("--B\r\nContent-Disposition: form-data; name=\"a\"\r\nno colon here\r\n\r\nv\r\n--B--"), Errc::bad_request);
    EXPECT_EQ(code("--B\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--B--"), Errc::bad_request);
    EXPECT_EQ(code("--Bgarbage\r\n"), Errc::bad_request);
}

TEST(Multipart, EnforcesItsLimits) {
    std::string many;
    for (std::size_t i = 0; i <= core::limits::kMaxMultipartParts; ++i) {
        many += "--B\r\nContent-Disposition: form-data; name=\"f";
        many += std::to_string(i);
        many += "\"\r\n\r\nv\r\n";
    }
    many += "--B--";
    EXPECT_EQ(error_code([&] { parse_multipart(many, "B"); }), Errc::too_large);
    std::string header = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\nX: " +
                         std::string(core::limits::kMaxMultipartPartHeaderBytes, 'x') + "\r\n\r\nv\r\n--B--";
    EXPECT_EQ(error_code([&] { parse_multipart(header, "B"); }), Errc::too_large);
    std::string field = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" +
                        std::string(core::limits::kMaxMultipartFieldBytes + 1, 'v') + "\r\n--B--";
    EXPECT_EQ(error_code([&] { parse_multipart(field, "B"); }), Errc::too_large);
    // A file part may be as large as the body limit allows.
    std::string file = "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n" +
                       std::string(core::limits::kMaxMultipartFieldBytes + 1, 'v') + "\r\n--B--";
    EXPECT_EQ(parse_multipart(file, "B").at(0).body.size(), core::limits::kMaxMultipartFieldBytes + 1);
}

}  // namespace
}  // namespace gesso::web
