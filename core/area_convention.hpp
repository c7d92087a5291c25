#pragma once
// How ground areas are measured (docs/methods.md 1 and 8).
//
// Ellipsoidal (the default): every area is the true area on the ellipsoid of the CRS's datum, in
// m2, whatever the CRS. A projected CRS's plane area of a pixel is divided by the projection's
// local areal scale; polygons are measured geodesically (Karney 2013, J. Geodesy 87:43).
// Planar: a projected CRS's areas are its plane areas in CRS units squared, converted to m2 (the
// convention of exactextract, and of GreenGauge's earlier releases); a geographic CRS's are still
// ellipsoidal, since square degrees are not an area.
#include <optional>
#include <string>
#include <string_view>

namespace gg {

enum class AreaConvention { Ellipsoidal, Planar };

inline std::string_view area_convention_name(AreaConvention c) {
    return c == AreaConvention::Planar ? "planar" : "ellipsoidal";
}

// "ellipsoidal" or "planar"; empty for anything else.
inline std::optional<AreaConvention> parse_area_convention(std::string_view text) {
    if (text == "ellipsoidal") return AreaConvention::Ellipsoidal;
    if (text == "planar") return AreaConvention::Planar;
    return std::nullopt;
}

}  // namespace gg
