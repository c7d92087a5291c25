#pragma once
// Digital numbers to physical values (docs/methods.md section 2). Every constant is cited there and
// here; per-scene coefficients always come from the scene's own metadata.
#include <optional>

namespace gg {

// A linear rescaling value = dn * scale + offset.
struct LinearScale {
    double scale = 1;
    double offset = 0;
    double apply(double dn) const { return dn * scale + offset; }
};

// Landsat Collection 2 Level-2 surface reflectance: DN * 0.0000275 - 0.2 (USGS Landsat 8-9 C2 L2
// Science Product Guide; docs/methods.md 2).
inline constexpr LinearScale kLandsatC2SurfaceReflectance{0.0000275, -0.2};
// Landsat Collection 2 Level-2 surface temperature (K): DN * 0.00341802 + 149.0 (same guide).
inline constexpr LinearScale kLandsatC2SurfaceTemperature{0.00341802, 149.0};

// Landsat Level-1 TOA reflectance with the sun-elevation correction:
// (M_rho * Q + A_rho) / sin(SUN_ELEVATION) (USGS Landsat 8 Data Users Handbook; docs/methods.md 2).
// Throws gg::Error for a sun elevation outside (0, 90] degrees.
double toa_reflectance(double dn, double mult, double add, double sun_elevation_deg);
// Landsat Level-1 TOA spectral radiance L = M_L * Q + A_L (W / (m2 sr um)).
double toa_radiance(double dn, double mult, double add);
// At-sensor brightness temperature (K): BT = K2 / ln(K1 / L + 1), K1, K2 from the scene's MTL.
// Empty for L <= 0 (or NaN); throws gg::Error unless K1 > 0 and K2 > 0.
std::optional<double> brightness_temperature(double radiance, double k1, double k2);

// Sentinel-2 L2A: reflectance = (DN + BOA_ADD_OFFSET) / 10000; the offset is -1000 for
// processing baseline 04.00 and later (products from 25 January 2022), 0 before (docs/methods.md
// 2).
inline double sentinel2_reflectance(double dn, double boa_add_offset) {
    return (dn + boa_add_offset) / 10000.0;
}

}  // namespace gg
