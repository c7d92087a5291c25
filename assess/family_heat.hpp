#pragma once
// Urban heat (docs/methods.md 7): land surface temperature per zone from the imagery products'
// thermal band (Collection 2 Level-2 ST, or Level-1 brightness temperature with an
// NDVI-threshold or land-cover class emissivity), its distribution, and the cooling effect of
// green (LST on NDVI).
#include <optional>
#include <string>
#include <vector>

#include "assess/family.hpp"
#include "assess/family_heat_emissivity.hpp"
#include "assess/family_heat_hotspots.hpp"
#include "core/heat.hpp"
#include "core/suhi.hpp"
#include "gis/product.hpp"

namespace gg::assess {

const Family& heat_family();

// The raster of the heat pass: the imagery products' thermal, red and NIR bands.
inline constexpr const char* kHeatRaster = "heat";
// Its band of land-cover classes on the thermal grid (gis/classes_on_grid.hpp), when asked for by
// heat.emissivity or heat.suhi.rural_classes (one map for both).
inline constexpr const char* kHeatClassBand = "landcover_class";

struct HeatSettings : FamilySettings {
    ThermalGain thermal_gain = ThermalGain::Low;  // Landsat 7 Level-1 band 6
    double min_cooling_pixels = 10;
    std::optional<SuhiParams> suhi;  // heat.suhi: the heat island intensity
    // heat.emissivity: emissivity by land-cover class (Level-1 only), or the NDVI thresholds.
    std::optional<EmissivitySettings> emissivity;
    HotspotSettings hotspots;  // assess/family_heat_hotspots.hpp
    // zones.population_raster, for the exposure metrics (assess/family_heat_exposure.hpp), or "".
    std::string population_raster;
};

}  // namespace gg::assess
