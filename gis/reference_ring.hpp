#pragma once
// The rural reference rings of the heat island intensity (docs/methods.md 7.4): the union of the
// zones buffered by the outer distance, minus the union buffered by the inner one, distances on
// the ground (gis/ground_buffer.hpp), in the zones' CRS.
#include <string>
#include <vector>

#include "core/area_convention.hpp"
#include "core/geometry.hpp"
#include "core/suhi.hpp"

namespace gg {

struct ReferenceRings {
    std::vector<MultiPolygon> rings;  // one per ring asked for, in order
    std::string work_crs;             // where the buffers were computed
};

// zones and the result in crs_wkt. Throws gg::Error when no zone has a geometry or a ring is not
// 0 <= inner < outer.
ReferenceRings reference_rings(const std::vector<MultiPolygon>& zones, const std::string& crs_wkt,
                               const std::vector<ReferenceRing>& rings, AreaConvention areas);

}  // namespace gg
