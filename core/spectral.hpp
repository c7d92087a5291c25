#pragma once
// Spectral indices (docs/methods.md section 3). A zero denominator gives no value (nodata), never
// inf.
#include <optional>

namespace gg {

// NDVI = (NIR - Red) / (NIR + Red) (Rouse et al. 1974; docs/methods.md section 3).
inline std::optional<double> ndvi(double red, double nir) {
    const double denominator = nir + red;
    if (denominator == 0) return std::nullopt;
    return (nir - red) / denominator;
}

}  // namespace gg
