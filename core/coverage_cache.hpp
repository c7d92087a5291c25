#pragma once
// Coverage fractions kept between passes over one grid. A polygon's coverage of a window depends
// only on the polygon, the grid and the window, so the dates of one tile in a batch (each a pass
// of its own, often in a task of its own) compute each zone's coverage once instead of once per
// date. Entries are run-length encoded (a zone's interior is a run of 1, the rest of its box runs
// of 0), so memory grows with the zones' edges rather than their areas, and the whole is held
// under a byte budget. Once the budget is spent new entries are not kept: the dates of a batch
// visit the same windows in the same order, where keeping the first ones beats evicting them.
#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "core/coverage.hpp"
#include "core/fingerprint.hpp"
#include "core/geometry.hpp"
#include "core/grid.hpp"

namespace gg {

class CoverageCache {
  public:
    explicit CoverageCache(size_t budget_bytes) : budget_(budget_bytes) {}

    // coverage_fractions(shape, grid, window), from the cache when an earlier pass on the same
    // grid computed it (the same values, bit for bit). Thread-safe.
    CoverageMatrix coverage(const MultiPolygon& shape, const ShapeFingerprint& fingerprint,
                            const Grid& grid, const Window& window);

    struct Stats {
        int64_t hits = 0;
        int64_t misses = 0;
        size_t bytes = 0;     // held now
        int64_t refused = 0;  // computed but not kept: the budget was spent
    };
    Stats stats() const;

  private:
    struct Key {
        ShapeFingerprint shape;
        std::array<uint64_t, 4> grid;  // bit patterns of x0, y0, dx, dy
        std::array<int64_t, 6> cells;  // grid cols, rows; window col0, row0, cols, rows
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        size_t operator()(const Key& k) const;
    };
    struct Runs {  // fraction[i] repeated length[i] times, row-major over the window
        std::vector<double> fraction;
        std::vector<uint32_t> length;
    };
    static Runs encode(const CoverageMatrix& m);
    static void decode(const Runs& runs, CoverageMatrix& m);

    const size_t budget_;
    mutable std::shared_mutex mutex_;
    std::unordered_map<Key, Runs, KeyHash> entries_;
    size_t bytes_ = 0;  // under mutex_
    std::atomic<int64_t> hits_{0}, misses_{0}, refused_{0};
};

}  // namespace gg
