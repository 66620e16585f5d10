#pragma once
// A request's parameters the way Mastodon reads them: the query string plus the body, whether the client sent
// JSON, a form (application/x-www-form-urlencoded) or nothing. Array parameters are accepted as `name[]=a`,
// repeated `name=a`, or a JSON array. Booleans accept true/false/1/0 in any case (Mastodon.py sends True).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <map>

#include "web/http.hpp"

namespace gesso::web {

class Params {
public:
    // Throws core::Error(bad_request) for a body that is not valid JSON or form data, or nests too deep.
    static Params from(const Request& req);

    std::optional<std::string> get(std::string_view name) const;
    std::string get_or(std::string_view name, std::string fallback) const { return get(name).value_or(std::move(fallback)); }
    // Every value of an array parameter (`name[]`, repeated `name`, or a JSON array).
    std::vector<std::string> all(std::string_view name) const;
    // Throws core::Error(unprocessable) naming the parameter when the value is not a boolean.
    std::optional<bool> boolean(std::string_view name) const;
    // Throws core::Error(unprocessable) when the value is not an integer.
    std::optional<std::int64_t> integer(std::string_view name) const;
    bool has(std::string_view name) const { return get(name).has_value() || !all(name).empty(); }
    // An array of objects, as Rails reads it: `name[][field]=v` (a JSON array of objects arrives so too; a
    // field seen again starts the next object) or `name[N][field]=v` (grouped by N, in order of appearance).
    // At most `max` objects; throws core::Error(unprocessable) naming the parameter beyond that.
    std::vector<std::map<std::string, std::string>> objects(std::string_view name, std::size_t max) const;

    void add(std::string name, std::string value) { values_.emplace_back(std::move(name), std::move(value)); }

private:
    std::vector<std::pair<std::string, std::string>> values_;  // in order; later (body) values win in get()
};

// Parses application/x-www-form-urlencoded text ('+' is a space) into the params.
void parse_form(std::string_view body, Params& into);

}  // namespace gesso::web
