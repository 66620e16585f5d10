#pragma once
// The page templates (web/pages/templates/*.mustache) and static assets (web/pages/static/*), compiled into the
// binary by CMake (web/CMakeLists.txt) so a node needs no data directory. Both lists are sorted by name.
#include <span>
#include <string_view>

namespace gesso::web::pages {

struct EmbeddedFile {
    std::string_view name;     // templates: the file name without ".mustache"; static: the file name
    std::string_view content;  // the file's bytes
};

std::span<const EmbeddedFile> embedded_templates();
std::span<const EmbeddedFile> embedded_static_files();

}  // namespace gesso::web::pages
