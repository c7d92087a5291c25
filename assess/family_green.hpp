#pragma once
// Green cover from the imagery: NDVI, the green mask (NDVI >= green.ndvi_threshold), a
// dense-vegetation canopy proxy and the threshold sweep, accumulated per zone in the imagery
// pass; green area, shares and green space per capita.
#include <vector>

#include "assess/family.hpp"
#include "core/green_cover.hpp"

namespace gg::assess {

const Family& green_family();

// The imagery channel that is 1 where NDVI >= the green threshold (0 elsewhere, valid where NDVI
// is): other families accumulate it over shapes of their own (zone minus parks).
inline constexpr const char* kGreenChannel = "green";

struct GreenSettings : FamilySettings {
    GreenParams params;
};

}  // namespace gg::assess
