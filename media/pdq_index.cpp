#include "media/pdq_index.hpp"

#include <algorithm>
#include <unordered_set>

#include "core/limits.hpp"

namespace gesso::media {

void PdqIndex::add(std::uint64_t id, const PdqHash& hash) {
    const auto position = static_cast<std::uint32_t>(entries_.size());
    entries_.push_back({id, hash});
    for (std::size_t c = 0; c < 16; ++c) chunks_[c].emplace(hash.words[c], position);
}

std::vector<PdqIndex::Match> PdqIndex::find(const PdqHash& query, int max_distance) const {
    max_distance = std::clamp(max_distance, 0, core::limits::kPdqMatchDistance);
    std::unordered_set<std::uint32_t> seen;
    std::unordered_map<std::uint64_t, int> best;
    auto probe = [&](std::size_t chunk, std::uint16_t value) {
        auto [it, end] = chunks_[chunk].equal_range(value);
        for (; it != end; ++it) {
            if (!seen.insert(it->second).second) continue;
            const auto& e = entries_[it->second];
            const int d = hamming_distance(query, e.hash);
            if (d > max_distance) continue;
            auto [b, inserted] = best.emplace(e.id, d);
            if (!inserted) b->second = std::min(b->second, d);
        }
    };
    for (std::size_t c = 0; c < 16; ++c) {
        probe(c, query.words[c]);
        for (int bit = 0; bit < 16; ++bit) probe(c, static_cast<std::uint16_t>(query.words[c] ^ (1u << bit)));
    }
    std::vector<Match> out;
    out.reserve(best.size());
    for (const auto& [id, d] : best) out.push_back({id, d});
    std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
        return a.distance != b.distance ? a.distance < b.distance : a.id < b.id;
    });
    return out;
}

}  // namespace gesso::media
