#include "storage/id_list.hpp"

#include <algorithm>

#include "core/limits.hpp"

namespace gesso::storage {

void for_id_chunks(const std::vector<core::Id>& ids, const std::function<void(const std::string&)>& fn) {
    std::vector<core::Id> distinct(ids);
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (std::size_t start = 0; start < distinct.size(); start += core::limits::kMaxIdsPerQuery) {
        std::size_t end = std::min(distinct.size(), start + core::limits::kMaxIdsPerQuery);
        std::string json = "[";
        for (std::size_t i = start; i < end; ++i) {
            if (i > start) json += ',';
            json += std::to_string(distinct[i]);
        }
        json += ']';
        fn(json);
    }
}

}  // namespace gesso::storage
