#include "web/mastodon/paging.hpp"

#include <algorithm>

#include "core/ids.hpp"

namespace gesso::web::mastodon {

storage::IdPage read_page(const Params& params, int default_limit, int max_limit) {
    storage::IdPage page;
    auto id = [&](const char* name) -> std::optional<core::Id> {
        auto v = params.get(name);
        return v ? core::parse_id(*v) : std::nullopt;
    };
    page.max_id = id("max_id");
    page.since_id = id("since_id");
    page.min_id = id("min_id");
    page.limit = default_limit;
    if (auto v = params.get("limit")) {
        auto n = core::parse_id(*v);
        if (n) page.limit = static_cast<int>(std::clamp<core::Id>(*n, 1, max_limit));
    }
    return page;
}

void set_link_header(Response& res, const std::string& base, const std::vector<core::Id>& ids) {
    if (ids.empty()) return;
    std::string sep = base.find('?') == std::string::npos ? "?" : "&";
    res.set(http::field::link, "<" + base + sep + "max_id=" + std::to_string(ids.back()) + ">; rel=\"next\", <" + base +
                                   sep + "min_id=" + std::to_string(ids.front()) + ">; rel=\"prev\"");
}

}  // namespace gesso::web::mastodon
