#include "core/coverage_cache.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

namespace gg {
namespace {

// SplitMix64's finaliser: every input bit moves about half the output bits.
uint64_t mix(uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

// Two independent 64-bit streams (different seeds and multipliers), so the pair is 128 bits.
struct Fingerprinter {
    uint64_t a = 0x243f6a8885a308d3ULL;
    uint64_t b = 0x13198a2e03707344ULL;
    void add(uint64_t v) {
        a = mix(a ^ v) * 0x9e3779b97f4a7c15ULL;
        b = mix(b + v * 0xc2b2ae3d27d4eb4fULL) ^ (b >> 17);
    }
    void add(double d) { add(std::bit_cast<uint64_t>(d)); }
    void add_ring(const Ring& r) {
        add(static_cast<uint64_t>(r.size()));
        for (const auto& p : r) {
            add(p.x);
            add(p.y);
        }
    }
};

}  // namespace

ShapeFingerprint shape_fingerprint(const MultiPolygon& shape) {
    Fingerprinter f;
    f.add(static_cast<uint64_t>(shape.parts.size()));
    for (const auto& part : shape.parts) {
        f.add_ring(part.exterior);
        f.add(static_cast<uint64_t>(part.holes.size()));
        for (const auto& hole : part.holes) f.add_ring(hole);
    }
    return {mix(f.a), mix(f.b)};
}

ShapeFingerprint bytes_fingerprint(const unsigned char* data, size_t size) {
    Fingerprinter f;
    f.add(static_cast<uint64_t>(size));
    for (size_t i = 0; i < size; i += 8) {  // 8 bytes at a time, the last word zero-padded
        uint64_t word = 0;
        std::memcpy(&word, data + i, std::min<size_t>(8, size - i));
        f.add(word);
    }
    return {mix(f.a), mix(f.b)};
}

size_t CoverageCache::KeyHash::operator()(const Key& k) const {
    uint64_t h = k.shape[0];
    for (uint64_t g : k.grid) h = mix(h ^ g);
    for (int64_t c : k.cells) h = mix(h ^ static_cast<uint64_t>(c));
    return static_cast<size_t>(h);
}

CoverageCache::Runs CoverageCache::encode(const CoverageMatrix& m) {
    Runs runs;
    for (double f : m.fraction) {
        if (!runs.fraction.empty() &&
            std::bit_cast<uint64_t>(runs.fraction.back()) == std::bit_cast<uint64_t>(f) &&
            runs.length.back() < std::numeric_limits<uint32_t>::max()) {
            ++runs.length.back();
            continue;
        }
        runs.fraction.push_back(f);
        runs.length.push_back(1);
    }
    runs.fraction.shrink_to_fit();
    runs.length.shrink_to_fit();
    return runs;
}

void CoverageCache::decode(const Runs& runs, CoverageMatrix& m) {
    m.fraction.clear();
    m.fraction.reserve(static_cast<size_t>(m.window.size()));
    for (size_t i = 0; i < runs.fraction.size(); ++i)
        m.fraction.insert(m.fraction.end(), runs.length[i], runs.fraction[i]);
}

CoverageMatrix CoverageCache::coverage(const MultiPolygon& shape,
                                       const ShapeFingerprint& fingerprint, const Grid& grid,
                                       const Window& window) {
    const Key key{fingerprint,
                  {std::bit_cast<uint64_t>(grid.x0), std::bit_cast<uint64_t>(grid.y0),
                   std::bit_cast<uint64_t>(grid.dx), std::bit_cast<uint64_t>(grid.dy)},
                  {grid.cols, grid.rows, window.col0, window.row0, window.cols, window.rows}};
    {
        std::shared_lock lock(mutex_);
        const auto it = entries_.find(key);
        if (it != entries_.end()) {
            CoverageMatrix m;
            m.window = window;
            decode(it->second, m);
            ++hits_;
            return m;
        }
    }
    ++misses_;
    CoverageMatrix m = coverage_fractions(shape, grid, window);
    Runs runs = encode(m);
    // The runs, the key and a hash node's own bookkeeping.
    const size_t bytes = runs.fraction.size() * (sizeof(double) + sizeof(uint32_t)) + sizeof(Key) +
                         sizeof(Runs) + 4 * sizeof(void*);
    std::unique_lock lock(mutex_);
    if (bytes_ + bytes > budget_) {
        ++refused_;
        return m;
    }
    if (entries_.emplace(key, std::move(runs)).second) bytes_ += bytes;
    return m;
}

CoverageCache::Stats CoverageCache::stats() const {
    std::shared_lock lock(mutex_);
    return {hits_.load(), misses_.load(), bytes_, refused_.load()};
}

}  // namespace gg
