#include "core/ground_area_cache.hpp"

#include "core/fingerprint.hpp"

namespace gg {

std::optional<double> GroundAreaCache::area(const std::vector<unsigned char>& wkb,
                                            const std::string& crs_wkt,
                                            const std::function<std::optional<double>()>& measure) {
    const Fingerprint shape = bytes_fingerprint(wkb.data(), wkb.size());
    const Fingerprint crs =
        bytes_fingerprint(reinterpret_cast<const unsigned char*>(crs_wkt.data()), crs_wkt.size());
    const Key key = {shape[0], shape[1], crs[0], crs[1]};
    {
        const std::lock_guard<std::mutex> hold(mutex_);
        if (const auto it = areas_.find(key); it != areas_.end()) {
            ++stats_.hits;
            return it->second;
        }
    }
    // Two tasks may measure the same zone at once; both get the same value, the first is kept.
    const std::optional<double> value = measure();
    const std::lock_guard<std::mutex> hold(mutex_);
    ++stats_.misses;
    areas_.emplace(key, value);
    return value;
}

GroundAreaCache::Stats GroundAreaCache::stats() const {
    const std::lock_guard<std::mutex> hold(mutex_);
    return stats_;
}

}  // namespace gg
