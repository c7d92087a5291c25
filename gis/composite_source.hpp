#pragma once
// A multi-date composite as a window source of the zonal engine, so `assess` measures NDVI of
// calibrated, cloud-masked, composited reflectance with the same exact-coverage pass.
#include <string>
#include <vector>

#include "core/composite.hpp"
#include "core/mask_selection.hpp"
#include "gis/product.hpp"
#include "gis/zonal_engine.hpp"

namespace gg {

// Channel k = the composite of roles[k] on the first product's grid (see CompositeReader).
CustomWindowSource composite_window_source(const std::vector<Product>& products,
                                           const std::vector<std::string>& roles,
                                           CompositeMethod method, const MaskSelection& mask = {});

}  // namespace gg
