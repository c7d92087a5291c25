#pragma once
// Green cover from NDVI: the channels accumulated per zone and the metrics made from them.
#include <map>
#include <optional>
#include <string>

#include "core/accumulator.hpp"
#include "core/channel.hpp"

namespace gg {

// Default green threshold on NDVI; green-cover studies use 0.2, 0.3 or 0.4 (METHODS.md 3).
inline constexpr double kDefaultNdviThreshold = 0.3;

// From red and NIR windows: ndvi (valid where both bands are valid and NIR + Red != 0) and green
// (1 where ndvi >= threshold, else 0; valid where ndvi is).
void derive_ndvi_green(const ChannelBuffer& red, const ChannelBuffer& nir, double threshold,
                       ChannelBuffer& ndvi, ChannelBuffer& green);

struct GreenCoverMetrics {
    std::optional<double> area_m2;
    std::optional<double> valid_share;
    std::optional<double> ndvi_mean;
    std::optional<double> green_share;
    std::optional<double> green_area_m2;
    std::optional<double> population;
    std::optional<double> green_m2_per_capita;
    std::optional<double> green_ha_per_100k;  // ISO 37120:2018 form
    // Set by the caller when the population comes from a raster: share of the zone it covers.
    std::optional<double> population_covered_share;
};

// ndvi and green are the zone's accumulators of the two channels above; population may be empty.
// Every value is empty when undefined (zone outside the raster, no valid pixel, population 0).
GreenCoverMetrics green_cover_metrics(const ZoneAccumulator& ndvi, const ZoneAccumulator& green,
                                      std::optional<double> population);

}  // namespace gg

namespace gg {

// The defined metrics by registry id (core/metric_registry.cpp), for indicator expressions.
std::map<std::string, double> metric_values(const GreenCoverMetrics& m);

}  // namespace gg
