#pragma once
// An in-memory index of PDQ hashes that finds every stored hash within limits::kPdqMatchDistance (31) bits
// of a query without comparing against all of them. Multi-index hashing: the 256 bits are cut into 16
// chunks of 16 bits; two hashes at distance <= 31 agree to within one bit on at least one chunk (16 chunks x
// 2 bits = 32 > 31), so probing each chunk's exact value and its 16 one-bit neighbours (272 table lookups)
// finds every candidate, which is then checked on all 256 bits.
// Not thread-safe: guard it with a mutex or give each thread its own.
#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "media/pdq.hpp"

namespace gesso::media {

class PdqIndex {
public:
    struct Match {
        std::uint64_t id = 0;
        int distance = 0;
    };

    // Adds `hash` under `id` (ids need not be unique: one image may add its eight dihedral hashes).
    void add(std::uint64_t id, const PdqHash& hash);
    // Every entry within `max_distance` (0..31; larger values are clamped to 31, the index's guarantee) of
    // `query`, nearest first, one match per id (its smallest distance).
    std::vector<Match> find(const PdqHash& query, int max_distance = 31) const;
    std::size_t size() const { return entries_.size(); }

private:
    struct Entry {
        std::uint64_t id;
        PdqHash hash;
    };
    std::vector<Entry> entries_;
    std::array<std::unordered_multimap<std::uint16_t, std::uint32_t>, 16> chunks_;
};

}  // namespace gesso::media
