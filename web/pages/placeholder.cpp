#include "web/pages/placeholder.hpp"

#include <cstdio>

#include "core/limits.hpp"
#include "media/blurhash.hpp"

namespace gesso::web::pages {

std::string placeholder_svg(std::string_view blurhash) {
    if (blurhash.empty()) return {};
    const int cols = core::limits::kPlaceholderCols, rows = core::limits::kPlaceholderRows;
    auto colours = media::blurhash_sample(blurhash, cols, rows);
    if (colours.empty()) return {};
    std::string svg = "<svg class=\"placeholder\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 ";
    svg += std::to_string(cols);
    svg += ' ';
    svg += std::to_string(rows);
    svg += "\" preserveAspectRatio=\"none\">";
    for (int y = 0; y < rows; ++y) {
        for (int x = 0; x < cols; ++x) {
            const media::Rgb& c = colours[static_cast<std::size_t>(y * cols + x)];
            char fill[8];
            std::snprintf(fill, sizeof fill, "#%02x%02x%02x", c.r, c.g, c.b);
            svg += "<rect x=\"";
            svg += std::to_string(x);
            svg += "\" y=\"";
            svg += std::to_string(y);
            svg += "\" width=\"1.02\" height=\"1.02\" fill=\"";
            svg += fill;
            svg += "\"/>";
        }
    }
    svg += "</svg>";
    return svg;
}

}  // namespace gesso::web::pages
