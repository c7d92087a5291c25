#pragma once
// A multi-date composite as a window source of the zonal engine, so `assess` measures NDVI of
// calibrated, cloud-masked, composited reflectance with the same exact-coverage pass.
#include <functional>
#include <memory>
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

// A source whose readers (made by `open`) read a CompositeReader of these products and roles and
// give `channels` channels of its grid: the grid, windows, whole_windows and block cache are the
// composite's. extra_layers: buffers per cell a reader holds beyond the composite reader's.
// Throws gg::Error as CompositeReader does.
CustomWindowSource composite_reader_source(const std::vector<Product>& products,
                                           const std::vector<std::string>& roles,
                                           CompositeMethod method, const MaskSelection& mask,
                                           size_t channels, size_t extra_layers,
                                           std::function<std::unique_ptr<WindowReader>()> open);

}  // namespace gg
