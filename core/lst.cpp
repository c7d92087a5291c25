// Land surface temperature (core/lst.hpp; docs/methods.md section 7, sources in section 10).
#include "core/lst.hpp"

#include <algorithm>
#include <cmath>

#include "core/number_format.hpp"

namespace gg {

double vegetation_proportion(double ndvi, const NdviThresholdEmissivity& p) {
    // Pv = ((NDVI - NDVImin) / (NDVImax - NDVImin))^2 (Carlson and Ripley 1997; Sobrino et al.
    // 2004, docs/methods.md 7).
    const double s = std::clamp((ndvi - p.ndvi_soil) / (p.ndvi_vegetation - p.ndvi_soil), 0.0, 1.0);
    return s * s;
}

double ndvi_threshold_emissivity(double ndvi, double red_reflectance,
                                 const NdviThresholdEmissivity& p) {
    // Sobrino et al. 2004, section 3.2 (docs/methods.md 7): soil below 0.2, vegetation above 0.5,
    // a mixture in between.
    if (ndvi < p.ndvi_soil) return p.soil_a - p.soil_b * red_reflectance;
    if (ndvi > p.ndvi_vegetation) return p.vegetation;
    return p.mixed_a * vegetation_proportion(ndvi, p) + p.mixed_b;
}

std::optional<double> single_channel_lst(double brightness_k, double wavelength_um,
                                         double emissivity) {
    // LST = BT / (1 + (lambda BT / rho) ln e), rho = 14388 um K (docs/methods.md 7).
    if (!(brightness_k > 0) || !(emissivity > 0 && emissivity <= 1) || !(wavelength_um > 0))
        return std::nullopt;
    return brightness_k / (1.0 + (wavelength_um * brightness_k / kRhoUmK) * std::log(emissivity));
}

std::string lst_method_text(LstMethod m, double wavelength_um,
                            const std::string& emissivity_table) {
    if (m == LstMethod::SurfaceTemperatureProduct)
        return "Landsat Collection 2 Level-2 surface temperature (ST band, DN x scale + offset "
               "from the MTL; docs/methods.md 7)";
    const std::string emissivity =
        emissivity_table.empty()
            ? "emissivity from NDVI thresholds (Sobrino et al. 2004)"
            : "emissivity by land-cover class from the table " + emissivity_table;
    return "Level-1 single channel: brightness temperature, " + emissivity +
           ", LST = BT / (1 + (lambda BT / rho) ln e), lambda " + plain_number(wavelength_um) +
           " um, rho 14388 um K (docs/methods.md 7)";
}

}  // namespace gg
