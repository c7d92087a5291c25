#pragma once
// Urban heat per zone (docs/methods.md section 7): land surface temperature channels derived
// from a window of thermal, red and NIR values, and the zone metrics made from their
// coverage-weighted accumulators. Pure: the heat family (assess/family_heat.cpp) plans the pass.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/accumulator.hpp"
#include "core/channel.hpp"
#include "core/emissivity_table.hpp"

namespace gg {

// What the thermal band holds: surface temperature already (Collection 2 Level-2 ST), or
// brightness temperature (Level-1) that becomes LST by the single-channel method with an
// NDVI-threshold emissivity (core/lst.hpp), or with a land-cover class emissivity table
// (core/emissivity_table.hpp).
enum class ThermalInput { SurfaceTemperature, BrightnessTemperature };

struct HeatParams {
    ThermalInput input = ThermalInput::SurfaceTemperature;
    double wavelength_um = 0;           // BrightnessTemperature only
    double green_ndvi_threshold = 0.3;  // green vs non-green pixels (green.ndvi_threshold)
    double min_cooling_pixels = 10;     // the OLS needs at least this sum of coverage
    // BrightnessTemperature only: emissivity by the pixel's land-cover class instead of NDVI
    // thresholds (null: NDVI thresholds everywhere).
    std::shared_ptr<const EmissivityTable> emissivity_table;
};

// The channels, in this order: LST (K; its distribution is kept for quantiles), LST of green
// pixels, LST of non-green pixels, then over pixels with both LST and NDVI valid: NDVI, LST -
// kHeatShiftK, NDVI^2, (LST - shift) NDVI, (LST - shift)^2 (the weighted sums of the OLS; the
// shift keeps the squares small, so no digits are lost).
inline constexpr size_t kHeatChannels = 8;
inline constexpr double kHeatShiftK = 300.0;
const std::vector<std::string>& heat_channel_names();

// The LST of one pixel from its thermal value (surface or brightness temperature, K) and, for
// brightness temperature, its NDVI and red reflectance, or with an emissivity table its land-cover
// class (the emissivity); empty where there is none.
std::optional<double> pixel_lst(double thermal, std::optional<double> ndvi, double red,
                                const HeatParams& params,
                                std::optional<double> land_class = std::nullopt);

// Channel 0 of derive_heat_channels alone: the LST of every pixel of a window (K; valid where
// there is one). Surface temperature needs the thermal channel only (red and nir are not read).
void derive_lst(const ChannelBuffer& thermal, const ChannelBuffer& red, const ChannelBuffer& nir,
                const ChannelBuffer* classes, const HeatParams& params, ChannelBuffer& out);

// LST of every pixel of a window (K, or degrees Celsius when celsius) into out, nodata where there
// is none; returns the number of values. As pixel_lst, with each pixel's class when classes is
// given (an emissivity table). The map writer's loop (`index --index lst`).
int64_t lst_window(const ChannelBuffer& thermal, const ChannelBuffer& red, const ChannelBuffer& nir,
                   const ChannelBuffer* classes, const HeatParams& params, bool celsius, float* out,
                   float nodata);

// classes: the land-cover class of each pixel, needed when params has an emissivity table.
void derive_heat_channels(const ChannelBuffer& thermal, const ChannelBuffer& red,
                          const ChannelBuffer& nir, const HeatParams& params,
                          std::span<ChannelBuffer> out, const ChannelBuffer* classes = nullptr);

// Weighted OLS y = a + b x from the weighted sums (w = sum of weights): Eigen solves the normal
// equations. Empty when w < 3 or x does not vary.
struct LinearFit {
    double intercept = 0, slope = 0, r2 = 0, n = 0;
};
std::optional<LinearFit> weighted_ols(double w, double sx, double sy, double sxx, double sxy,
                                      double syy);

// A metric's value, or the reason it has none.
struct HeatValue {
    std::optional<double> value;
    std::string reason;
};

struct HeatZoneMetrics {
    HeatValue lst_mean_k, lst_p90_k, lst_max_k, lst_valid_share;
    HeatValue lst_green_minus_nongreen_k;
    HeatValue cooling_slope_k_per_0_1_ndvi, cooling_r2, cooling_n;
};

// The cooling regression alone (cooling_slope_k_per_0_1_ndvi, cooling_r2, cooling_n; the other
// fields empty) from the same accumulators: channel 0 needs no distribution, so the accumulators
// of several zones merged give the regression of all their pixels.
HeatZoneMetrics cooling_metrics(const std::vector<ZoneAccumulator>& channels,
                                const HeatParams& params);

// From the zone's accumulators of heat_channel_names() (in that order).
HeatZoneMetrics heat_zone_metrics(const std::vector<ZoneAccumulator>& channels,
                                  const HeatParams& params);

}  // namespace gg
