#pragma once
// Reading the files under tests/fixtures/. Header-only: GESSO_SOURCE_DIR is defined for the test executables.
#include <cstddef>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

#ifndef GESSO_SOURCE_DIR
#error "GESSO_SOURCE_DIR must name the source tree (tests/CMakeLists.txt defines it for every test target)"
#endif

namespace gesso::test {

// The bytes of tests/fixtures/<subdir>/<name>, e.g. read_fixture("signatures", "cavage_c_vectors.txt").
// Throws std::runtime_error naming the fixture when it cannot be opened.
inline std::string read_fixture(std::string_view subdir, std::string_view name) {
    std::string path = std::string(GESSO_SOURCE_DIR) + "/tests/fixtures/";
    path.append(subdir).append("/").append(name);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("missing fixture " + path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A fixture of named sections: each "== name" line opens a section, whose value is the lines up to the next
// such line joined by "\n", without a trailing newline. Lines before the first section (the file's header
// comment) are ignored.
inline std::map<std::string, std::string> read_sections(std::string_view subdir, std::string_view name) {
    std::map<std::string, std::string> sections;
    std::string text = read_fixture(subdir, name), current;
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t end = text.find('\n', pos);
        std::string line = text.substr(pos, end == std::string::npos ? end : end - pos);
        pos = end == std::string::npos ? text.size() : end + 1;
        if (line.rfind("== ", 0) == 0) {
            current = line.substr(3);
            sections[current];
        } else if (!current.empty()) {
            auto& s = sections[current];
            s += (s.empty() ? "" : "\n") + line;
        }
    }
    return sections;
}

}  // namespace gesso::test
