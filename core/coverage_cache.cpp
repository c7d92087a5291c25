#include "core/coverage_cache.hpp"

#include <bit>
#include <limits>

namespace gg {

size_t CoverageCache::KeyHash::operator()(const Key& k) const {
    Fingerprinter f;
    f.add(k.shape[0]);
    for (uint64_t g : k.grid) f.add(g);
    for (int64_t c : k.cells) f.add(static_cast<uint64_t>(c));
    return static_cast<size_t>(f.finish()[0]);
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
