#pragma once
// Land surface temperature (docs/methods.md section 7; sources in section 10). Pure functions:
// the product plumbing (which band, which constants) is gis/product's.
#include <optional>
#include <string>

namespace gg {

// rho = h c / k_B = 14388 um K (second radiation constant, with the wavelength in micrometres:
// the single-channel correction vanishes if lambda is given in metres; docs/methods.md 7).
inline constexpr double kRhoUmK = 14388.0;
// Effective wavelengths of the thermal bands (docs/methods.md 7 and 10).
inline constexpr double kLandsat89Band10WavelengthUm = 10.895;  // Landsat 8/9 TIRS band 10
inline constexpr double kLandsat7Band6WavelengthUm = 11.45;     // Landsat 7 ETM+ band 6
inline constexpr double kKelvinAtZeroCelsius = 273.15;

// NDVI-threshold emissivity (Sobrino et al. 2004, Remote Sens. Environ. 90:434-440;
// docs/methods.md 7): NDVI < 0.2 (bare soil) e = 0.979 - 0.035 red; NDVI > 0.5 (full
// vegetation) e = 0.99; otherwise e = 0.004 Pv + 0.986 with Pv = ((NDVI - 0.2) / 0.3)^2.
struct NdviThresholdEmissivity {
    double ndvi_soil = 0.2;
    double ndvi_vegetation = 0.5;
    double vegetation = 0.99;
    double soil_a = 0.979, soil_b = 0.035;    // e = a - b * red
    double mixed_a = 0.004, mixed_b = 0.986;  // e = a * Pv + b
};
double ndvi_threshold_emissivity(double ndvi, double red_reflectance,
                                 const NdviThresholdEmissivity& p = {});
// Proportion of vegetation Pv = ((NDVI - NDVI_soil) / (NDVI_veg - NDVI_soil))^2 clamped to [0, 1]
// (Carlson and Ripley 1997, as used by Sobrino et al. 2004).
double vegetation_proportion(double ndvi, const NdviThresholdEmissivity& p = {});

// Single-channel LST = BT / (1 + (lambda BT / rho) ln e), BT in K, lambda in um (docs/methods.md
// 7). Empty unless BT > 0 and 0 < e <= 1 and lambda > 0.
std::optional<double> single_channel_lst(double brightness_k, double wavelength_um,
                                         double emissivity);

// What an LST raster holds, for outputs' metadata.
enum class LstMethod {
    SurfaceTemperatureProduct,  // Landsat Collection 2 Level-2 ST band
    SingleChannel               // Level-1 BT with an emissivity (NDVI thresholds, or a table)
};
// emissivity_table: for the single channel, the land-cover class table's file when the emissivity
// comes from one ("": NDVI thresholds).
std::string lst_method_text(LstMethod m, double wavelength_um,
                            const std::string& emissivity_table = "");

}  // namespace gg
