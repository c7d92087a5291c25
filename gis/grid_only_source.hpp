#pragma once
// A window source that reads no pixel: the same grid, channels and windows as the source it is
// made from, every value invalid. Enough for a pass that only measures how much of each zone the
// raster covers (area_m2 counts every covered pixel, valid or not), such as the imagery's
// coverage when no family reads its bands: a composite of many dates is then not read and
// composited for nothing. The windows are the source's own, so the sums are the same bits.
#include "gis/zonal_engine.hpp"

namespace gg {

CustomWindowSource grid_only_source(const CustomWindowSource& source);

}  // namespace gg
