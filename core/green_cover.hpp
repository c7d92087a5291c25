#pragma once
// Green cover from NDVI: the channels accumulated per zone and the metrics made from them.
#include <optional>
#include <span>
#include <vector>

#include "core/accumulator.hpp"
#include "core/channel.hpp"

namespace gg {

// Default green threshold on NDVI; green-cover studies use 0.2, 0.3 or 0.4 (docs/methods.md 3).
inline constexpr double kDefaultNdviThreshold = 0.3;

// From red and NIR windows: ndvi (valid where both bands are valid and NIR + Red != 0) and green
// (1 where ndvi >= threshold, else 0; valid where ndvi is).
void derive_ndvi_green(const ChannelBuffer& red, const ChannelBuffer& nir, double threshold,
                       ChannelBuffer& ndvi, ChannelBuffer& green);

// What counts as green, as tree canopy, and the thresholds of the sensitivity sweep.
struct GreenParams {
    double ndvi_threshold = kDefaultNdviThreshold;
    // NDVI > 0.5 is dense vegetation (UNEP-WCMC; docs/methods.md 3): a canopy proxy where no tree
    // class map is given.
    double tree_ndvi_threshold = 0.5;
    // Green-cover studies use 0.2, 0.3 or 0.4 (docs/methods.md 3): the figures are recomputed at
    // each.
    std::vector<double> sweep = {0.2, 0.3, 0.4};
};

// Channels: 0 NDVI, 1 green (NDVI >= ndvi_threshold), 2 tree (NDVI >= tree_ndvi_threshold),
// then one green mask per sweep threshold; all valid where NDVI is.
size_t green_channel_count(const GreenParams& params);
// out: green_channel_count(params) buffers; the vector form sizes it.
void derive_green_channels(const ChannelBuffer& red, const ChannelBuffer& nir,
                           const GreenParams& params, std::span<ChannelBuffer> out);
void derive_green_channels(const ChannelBuffer& red, const ChannelBuffer& nir,
                           const GreenParams& params, std::vector<ChannelBuffer>& out);

struct GreenCoverMetrics {
    std::optional<double> area_m2;
    std::optional<double> valid_share;
    std::optional<double> ndvi_mean;
    std::optional<double> green_share;
    std::optional<double> green_area_m2;
    std::optional<double> population;
    std::optional<double> green_m2_per_capita;
    std::optional<double> green_ha_per_100k;  // ISO 37120:2018 form
    std::optional<double> tree_canopy_share;  // tree area / valid area
    std::optional<double> canopy_30_met;      // 1 when tree_canopy_share >= 0.30 (3-30-300), else 0
    // Range of green_share and green_m2_per_capita over the sweep thresholds.
    std::optional<double> green_share_sweep_min, green_share_sweep_max;
    std::optional<double> green_m2_per_capita_sweep_min, green_m2_per_capita_sweep_max;
};

// ndvi and green are the zone's accumulators of the two channels above; population may be empty.
// Every value is empty when undefined (zone outside the raster, no valid pixel, population 0).
GreenCoverMetrics green_cover_metrics(const ZoneAccumulator& ndvi, const ZoneAccumulator& green,
                                      std::optional<double> population);
// All channels of derive_green_channels: adds canopy and the sweep to the metrics above.
GreenCoverMetrics green_cover_metrics(const std::vector<ZoneAccumulator>& channels,
                                      const GreenParams& params, std::optional<double> population);

}  // namespace gg
