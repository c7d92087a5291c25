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
    std::promise<std::optional<double>> promise;
    {
        std::unique_lock<std::mutex> hold(mutex_);
        if (const auto it = areas_.find(key); it != areas_.end()) {
            ++stats_.hits;
            const std::shared_future<std::optional<double>> known = it->second;
            hold.unlock();
            return known.get();  // waits while another thread measures it
        }
        ++stats_.misses;
        areas_.emplace(key, promise.get_future().share());
    }
    try {
        const std::optional<double> value = measure();
        promise.set_value(value);
        return value;
    } catch (...) {
        {
            const std::lock_guard<std::mutex> hold(mutex_);
            areas_.erase(key);
        }
        promise.set_exception(std::current_exception());
        throw;
    }
}

GroundAreaCache::Stats GroundAreaCache::stats() const {
    const std::lock_guard<std::mutex> hold(mutex_);
    return stats_;
}

}  // namespace gg
