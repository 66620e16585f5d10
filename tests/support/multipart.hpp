#pragma once
// multipart/form-data bodies for upload tests (POST /api/v1/media, update_credentials with images).
#include <string>
#include <utility>
#include <vector>

namespace gesso::test {

inline constexpr const char* kMultipartBoundary = "----gessoTestBoundary7MA4YWxkTrZu0gW";

struct FormPart {
    FormPart(std::string n, std::string v, std::string f = "", std::string t = "application/octet-stream")
        : name(std::move(n)), value(std::move(v)), filename(std::move(f)), type(std::move(t)) {}
    std::string name;
    std::string value;
    std::string filename;  // non-empty: a file part
    std::string type;
};

inline std::string multipart(const std::vector<FormPart>& parts) {
    std::string body;
    for (const auto& p : parts) {
        body += "--";
        body += kMultipartBoundary;
        body += "\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
        if (!p.filename.empty()) body += "; filename=\"" + p.filename + "\"\r\nContent-Type: " + p.type;
        body += "\r\n\r\n";
        body += p.value;
        body += "\r\n";
    }
    body += "--";
    body += kMultipartBoundary;
    body += "--\r\n";
    return body;
}

inline std::string multipart_type() { return std::string("multipart/form-data; boundary=") + kMultipartBoundary; }

}  // namespace gesso::test
