#pragma once
// The agent names of the vendored third_party/ai-robots-txt/robots.json (the list's machine-readable form), read
// independently of the robots.txt the server compiles in, so tests compare the two.
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "support/json.hpp"

namespace gesso::test {

inline std::set<std::string> agents_of_robots_json() {
    std::ifstream in(std::string(GESSO_SOURCE_DIR) + "/third_party/ai-robots-txt/robots.json");
    std::stringstream text;
    text << in.rdbuf();
    rapidjson::Document doc = parse_document(text.str());
    std::set<std::string> names;
    if (!doc.IsObject()) return names;
    for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) names.insert(it->name.GetString());
    return names;
}

}  // namespace gesso::test
