#pragma once
// The static assets of the pages (web/pages/static/, compiled in) at content-hashed URLs:
// /static/gesso.css is served as /static/gesso.<first 12 hex digits of its SHA-256>.css, cached for a year
// ("immutable"), with a strong ETag; a changed file gets a new URL. Immutable once built; thread-safe.
#include <map>
#include <string>
#include <string_view>

#include "web/http.hpp"

namespace gesso::web::pages {

class Assets {
public:
    Assets();  // hashes the embedded files

    // The hashed URL path of `file` ("gesso.css" → "/static/gesso.3f2a9c01d4e5.css"); throws
    // core::Error(internal) for a file that is not embedded.
    std::string url(std::string_view file) const;
    // The response for GET /static/<hashed name>: 200 with the bytes, 304 when If-None-Match matches, 404
    // (core::Error) for any other name.
    Response serve(const Request& req, std::string_view hashed_name) const;

private:
    struct Asset {
        std::string_view content;
        std::string content_type;
        std::string etag;
    };
    std::map<std::string, std::string, std::less<>> urls_;  // file name → hashed URL path
    std::map<std::string, Asset, std::less<>> by_hashed_name_;
};

}  // namespace gesso::web::pages
