#pragma once
// Land-cover rasters as a green source: class codes mapped to categories by the project file
// (docs/methods.md 4: class-to-category maps are data, never hard-coded), measured with exact
// coverage. Categories are green (e.g. ESA WorldCover 10, 20, 30) and tree (e.g. 10).
#include <optional>
#include <set>
#include <vector>

#include "core/accumulator.hpp"
#include "core/channel.hpp"

namespace gg {

struct LandCoverClasses {
    std::set<long long> green;
    std::set<long long> tree;
};

// Channels: 0 the class codes themselves (for the classes present), 1 green (1/0), 2 tree (1/0);
// all valid where the class band is.
inline constexpr size_t kLandCoverChannels = 3;
void derive_landcover_channels(const ChannelBuffer& classes, const LandCoverClasses& map,
                               std::vector<ChannelBuffer>& out);

struct LandCoverMetrics {
    std::optional<double> green_area_m2;  // valid area of green classes
    std::optional<double> green_share;    // over the valid (classified) area
    std::optional<double> tree_share;     // empty when no tree classes are given
};

LandCoverMetrics landcover_metrics(const std::vector<ZoneAccumulator>& channels,
                                   const LandCoverClasses& map);

}  // namespace gg
