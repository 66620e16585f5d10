#include "activitypub/collections.hpp"

#include "activitypub/vocabulary.hpp"
#include "core/json.hpp"

namespace gesso::activitypub {

namespace {
std::string page_url(const std::string& id, std::optional<std::int64_t> max_id) {
    std::string url = id + "?page=true";
    if (max_id) url += "&max_id=" + std::to_string(*max_id);
    return url;
}

// Rendered JSON values are spliced in as raw JSON.
void write_raw_items(core::JsonWriter& w, const std::vector<std::string>& items) {
    w.key("orderedItems").begin_array();
    for (const auto& item : items) w.raw().RawValue(item.data(), item.size(), rapidjson::kObjectType);
    w.end_array();
}
}  // namespace

std::string json_string(const std::string& value) {
    core::JsonWriter w;
    w.value(value);
    return w.str();
}

std::string render_collection_root(const std::string& id, std::int64_t total_items) {
    core::JsonWriter w;
    w.begin_object();
    write_context(w);
    w.field("id", id).field("type", "OrderedCollection").field("totalItems", total_items);
    w.field("first", page_url(id, std::nullopt));
    w.end_object();
    return w.str();
}

std::string render_collection_total(const std::string& id, std::int64_t total_items) {
    core::JsonWriter w;
    w.begin_object();
    write_context(w);
    w.field("id", id).field("type", "OrderedCollection").field("totalItems", total_items);
    w.end_object();
    return w.str();
}

std::string render_collection_inline(const std::string& id, const std::vector<std::string>& items_json) {
    core::JsonWriter w;
    w.begin_object();
    write_context(w);
    w.field("id", id).field("type", "OrderedCollection");
    w.field("totalItems", static_cast<std::int64_t>(items_json.size()));
    write_raw_items(w, items_json);
    w.end_object();
    return w.str();
}

std::string render_collection_page(const CollectionPage& page) {
    core::JsonWriter w;
    w.begin_object();
    write_context(w);
    w.field("id", page_url(page.collection_id, page.max_id)).field("type", "OrderedCollectionPage");
    w.field("partOf", page.collection_id).field("totalItems", page.total_items);
    if (page.next_max_id) w.field("next", page_url(page.collection_id, page.next_max_id));
    write_raw_items(w, page.items_json);
    w.end_object();
    return w.str();
}

}  // namespace gesso::activitypub
