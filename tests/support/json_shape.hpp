#pragma once
// Comparing a JSON answer with a documented entity shape (tests/fixtures/mastodon/<Entity>.json, transcribed from
// docs.joinmastodon.org; see the README there). A shape file holds the documented `example`, the keys that may be
// `nullable` (with the type they have when not null), the `optional` keys, and the keys that hold other
// `entities` (checked against their own file, element by element for arrays). Keys are paths relative to the
// entity ("params.visibility", "fields.verified_at": array levels are transparent).
//
// Every documented key that is not optional must be present with the example's JSON type; null only where
// nullable; ids are strings; a time shaped like the example ("2019-12-08T03:48:33.901Z": milliseconds and Z;
// "2019-11-17": a date); a URL absolute. Keys the server adds (Gesso's `gesso`) are allowed. Values are never
// compared here: tests check the values their requests fix.
#include <rapidjson/document.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace gesso::test {

class ShapeCatalog {
public:
    // Loads every *.json under `dir`; throws std::runtime_error naming a file that is not a shape.
    explicit ShapeCatalog(const std::filesystem::path& dir);

    // The differences between `actual` and the documented `entity` ("" when it matches). `where` prefixes
    // every message (e.g. "GET /api/v1/statuses/1").
    std::string compare(const rapidjson::Value& actual, const std::string& entity,
                        const std::string& where = "$") const;
    // The same for an array whose every element must be `entity` (and that must be an array).
    std::string compare_each(const rapidjson::Value& actual, const std::string& entity,
                             const std::string& where = "$") const;

    bool has(const std::string& entity) const { return shapes_.count(entity) != 0; }

private:
    struct Shape {
        rapidjson::Document doc;  // {"example":..., "nullable":..., "optional":..., "entities":...}
        std::map<std::string, std::string> nullable, entities;
        std::vector<std::string> optional;
    };
    void entity(const rapidjson::Value& actual, const std::string& name, const std::string& where,
                std::vector<std::string>& out) const;
    void value(const rapidjson::Value& actual, const rapidjson::Value& example, const Shape& shape,
               const std::string& key, const std::string& where, std::vector<std::string>& out) const;
    void object(const rapidjson::Value& actual, const rapidjson::Value& example, const Shape& shape,
                const std::string& prefix, const std::string& where, std::vector<std::string>& out) const;

    std::map<std::string, Shape> shapes_;
};

// The fixture directory of this source tree (GESSO_SOURCE_DIR/tests/fixtures/mastodon).
const ShapeCatalog& mastodon_shapes();

}  // namespace gesso::test
