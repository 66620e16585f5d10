#pragma once
// OrderedCollection documents with paging: the root names its size and first page; a page lists items
// newest first and links to the next page by max_id.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gesso::activitypub {

// {"type":"OrderedCollection","id":id,"totalItems":n,"first":id?page=true}
std::string render_collection_root(const std::string& id, std::int64_t total_items);

// {"type":"OrderedCollection","id":id,"totalItems":n}: the size alone, for lists their owner hides.
std::string render_collection_total(const std::string& id, std::int64_t total_items);

// {"type":"OrderedCollection","id":id,"totalItems":n,"orderedItems":[...]} for small, unpaged collections.
// `items_json` are already-rendered JSON values (strings must be quoted).
std::string render_collection_inline(const std::string& id, const std::vector<std::string>& items_json);

struct CollectionPage {
    std::string collection_id;
    std::int64_t total_items = 0;
    std::optional<std::int64_t> max_id;     // the page starts below this id (nullopt: the first page)
    std::vector<std::string> items_json;    // rendered JSON values, newest first
    std::optional<std::int64_t> next_max_id;  // set when more items follow
};
std::string render_collection_page(const CollectionPage& page);

// `value` as a JSON string literal.
std::string json_string(const std::string& value);

}  // namespace gesso::activitypub
