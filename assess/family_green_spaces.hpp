#pragma once
// Green spaces given as polygons (parks, gardens, ...): dissolved once, clipped per zone; the
// public ones; and the union with imagery green outside them, so the combined green area counts
// no square metre twice. The dissolved layer is shared with the accessibility family.
#include "assess/family.hpp"
#include "gis/green_polygons.hpp"

namespace gg::assess {

const Family& green_spaces_family();

struct GreenSpacesSettings : FamilySettings {
    GreenLayerSpec layer;
};

// RunContext::shared key of the dissolved GreenLayer (in the imagery's CRS).
inline constexpr const char* kGreenLayerKey = "green_spaces.layer";

}  // namespace gg::assess
