#pragma once
// Zones' ground areas kept across the runs of a batch. A zone's geodesic area depends only on its
// geometry as read and its CRS, and costs about a microsecond a vertex, so the tasks of one zone
// set (one per date or period) measure each zone once instead of once per task. Keyed by 128-bit
// fingerprints of the WKB and the CRS (core/fingerprint.hpp); a few dozen bytes per zone.
#include <array>
#include <cstdint>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace gg {

class GroundAreaCache {
  public:
    // measure(), or the value an earlier call with the same wkb and crs_wkt returned (the same
    // bits). Thread-safe; measure runs outside the lock, and a call for a zone another thread is
    // measuring waits for that measurement instead of repeating it. A measurement that throws is
    // not kept: the callers waiting for it get its exception, a later call measures again.
    // measure must not run parallel work that could call area() for the same zone (a waiting
    // thread does not help), which holds for the geodesic measure, a plain loop.
    std::optional<double> area(const std::vector<unsigned char>& wkb, const std::string& crs_wkt,
                               const std::function<std::optional<double>()>& measure);

    struct Stats {
        int64_t hits = 0, misses = 0;
    };
    Stats stats() const;

  private:
    using Key = std::array<uint64_t, 4>;  // WKB fingerprint, CRS fingerprint
    struct KeyHash {
        size_t operator()(const Key& k) const { return static_cast<size_t>(k[0] ^ (k[2] << 1)); }
    };
    mutable std::mutex mutex_;
    std::unordered_map<Key, std::shared_future<std::optional<double>>, KeyHash> areas_;
    Stats stats_;
};

}  // namespace gg
