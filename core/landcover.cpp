#include "core/landcover.hpp"

#include <cmath>

namespace gg {

void derive_landcover_channels(const ChannelBuffer& classes, const LandCoverClasses& map,
                               std::vector<ChannelBuffer>& out) {
    out.resize(kLandCoverChannels);
    out[0] = classes;
    const size_t n = classes.values.size();
    for (size_t k = 1; k < kLandCoverChannels; ++k) {
        out[k].values.assign(n, 0.0);
        out[k].valid = classes.valid;
    }
    for (size_t i = 0; i < n; ++i) {
        if (!classes.valid[i]) continue;
        const auto code = std::llround(classes.values[i]);
        out[1].values[i] = map.green.count(code) ? 1.0 : 0.0;
        out[2].values[i] = map.tree.count(code) ? 1.0 : 0.0;
    }
}

LandCoverMetrics landcover_metrics(const std::vector<ZoneAccumulator>& channels,
                                   const LandCoverClasses& map) {
    LandCoverMetrics m;
    const ZoneAccumulator& green = channels[1];
    if (green.valid_area_m2() <= 0) return m;
    // The category channels are 1 or 0, so sum(c * A * x) is the category's area.
    m.green_area_m2 = green.area_weighted_sum();
    m.green_share = green.area_weighted_sum() / green.valid_area_m2();
    if (!map.tree.empty())
        m.tree_share = channels[2].area_weighted_sum() / channels[2].valid_area_m2();
    return m;
}

}  // namespace gg
