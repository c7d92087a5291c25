// Digital numbers to physical values (core/radiometry.hpp, docs/methods.md section 2).
#include "core/radiometry.hpp"

#include <cmath>
#include <numbers>
#include <string>

#include "core/error.hpp"

namespace gg {

double toa_reflectance(double dn, double mult, double add, double sun_elevation_deg) {
    // rho = (M_rho * Q + A_rho) / sin(theta_SE): USGS Landsat 8 Data Users Handbook, section 5.1
    // (docs/methods.md 2). The division is by sin(sun elevation), i.e. cos(solar zenith), in
    // radians.
    if (!(sun_elevation_deg > 0 && sun_elevation_deg <= 90)) {
        std::string message = "TOA reflectance: sun elevation ";
        message.append(std::to_string(sun_elevation_deg)).append(" deg is outside (0, 90]");
        throw Error(message);
    }
    const double sin_elevation = std::sin(sun_elevation_deg * std::numbers::pi / 180.0);
    return (mult * dn + add) / sin_elevation;
}

double toa_radiance(double dn, double mult, double add) {
    // L = M_L * Q + A_L: same handbook (docs/methods.md 2).
    return mult * dn + add;
}

std::optional<double> brightness_temperature(double radiance, double k1, double k2) {
    // BT = K2 / ln(K1 / L + 1): same handbook (docs/methods.md 2). Not K2 / (ln(K1 / L) + 1), not
    // log1p(K1 / L + 1): the 1 is added inside the logarithm, once (std::log1p(K1 / L) is the
    // same value, computed accurately).
    if (!(k1 > 0 && k2 > 0)) {
        throw Error("brightness temperature: thermal constants K1 and K2 must be positive");
    }
    if (!(radiance > 0)) return std::nullopt;  // also NaN
    return k2 / std::log1p(k1 / radiance);
}

}  // namespace gg
