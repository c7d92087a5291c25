#pragma once
// Water persistence over a time series of products (docs/methods.md 6.7): per pixel, the share of
// the valid observations that are water (MNDWI or NDWI > threshold), as the JRC Global Surface
// Water occurrence is defined (Pekel et al. 2016), and the count of valid observations. Built on
// the composite reader: the water mask of each date is derived, then its mean over the valid dates
// (masked dates are not observations) is the occurrence.
#include <vector>

#include "core/mask_selection.hpp"
#include "core/wetlands.hpp"
#include "gis/product.hpp"
#include "gis/zonal_engine.hpp"

namespace gg {

// Channels: 0 occurrence in [0, 1] (valid where at least one date is valid), 1 the number of
// valid observations (valid on every cell of the grid, 0 where no date is). The grid is the first
// product's; others are reprojected onto it as for composites. Throws gg::Error as
// CompositeReader does (a product without the bands, a scene that does not overlap).
CustomWindowSource water_persistence_source(const std::vector<Product>& products, WaterIndex index,
                                            double threshold, const MaskSelection& mask);

}  // namespace gg
