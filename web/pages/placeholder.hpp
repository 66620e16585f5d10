#pragma once
// A work's BlurHash painted without JavaScript or inline styles (the pages' CSP allows neither): a small SVG of
// coloured cells (fill attributes), blurred by the stylesheet, shown under the image while it loads.
#include <string>
#include <string_view>

namespace gesso::web::pages {

// `<svg class="placeholder" ...>` with limits::kPlaceholderCols x kPlaceholderRows cells of the hash's colours;
// empty when `blurhash` is empty or malformed.
std::string placeholder_svg(std::string_view blurhash);

}  // namespace gesso::web::pages
