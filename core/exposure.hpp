#pragma once
// Residents' exposure to surface heat per zone (docs/methods.md 7.5): channels derived from a
// window's LST and its people per pixel (the population on the thermal grid,
// gis/people_on_grid.hpp), and the metrics made from their coverage-weighted sums. Pure: the
// heat family plans the pass.
#include <span>
#include <string>
#include <vector>

#include "core/accumulator.hpp"
#include "core/channel.hpp"
#include "core/heat.hpp"

namespace gg {

// The channels, in this order: people (valid where the population is known), people on pixels
// with a valid LST, and people x LST there. Summed with coverage c they give sum c p,
// sum c p over valid LST and sum c p LST.
inline constexpr size_t kExposureChannels = 3;
const std::vector<std::string>& exposure_channel_names();
void derive_exposure_channels(const ChannelBuffer& lst, const ChannelBuffer& people,
                              std::span<ChannelBuffer> out);

// People on hot spots: p where z >= threshold, 0 elsewhere, valid where z and p are.
void derive_people_in_hotspots(const ChannelBuffer& z, const ChannelBuffer& people,
                               double threshold, ChannelBuffer& out);

struct ExposureZoneMetrics {
    HeatValue lst_pop_weighted_k;   // sum c p LST / sum c p over valid LST
    HeatValue lst_pop_valid_share;  // sum c p over valid LST / sum c p
};

// From the zone's accumulators of exposure_channel_names() (in that order).
ExposureZoneMetrics exposure_zone_metrics(const std::vector<ZoneAccumulator>& channels);

}  // namespace gg
