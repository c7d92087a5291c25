#pragma once
// Reads windows of a Product's bands as physical values (reflectance, kelvin) with validity:
// a pixel is valid when GDAL says it has data (nodata value / mask), its DN is neither fill nor
// saturated, and the product's QA/SCL band does not mask it. Bands of different resolution
// (Sentinel-2 10 m and 20 m) are combined on the finest grid: a coarser band is upsampled by
// nearest neighbour, which for a whole-number ratio (20 m -> 10 m) is exact replication of each
// coarse pixel into 2 x 2 fine pixels, with no interpolation of values. Not thread-safe: one
// reader (one set of GDAL handles) per thread.
#include <memory>
#include <string>
#include <vector>

#include "core/channel.hpp"
#include "core/grid.hpp"
#include "core/mask_selection.hpp"
#include "core/window_layout.hpp"
#include "gis/product.hpp"

namespace gg {

// A grid in a CRS: where a ProductReader puts the product when it is not the product's own.
struct TargetGrid {
    Grid grid;
    std::string crs_wkt;
};

class ProductReader {
  public:
    // Opens the files of `roles` and, when mask.use_qa, of the product's QA / SCL band (and of a
    // Landsat Collection 2 QA_RADSAT band when the product has one). Throws
    // gg::Error for a missing file and for bands that do not align (other CRS, other extent, or a
    // cell size that is not a whole multiple of the finest), naming both bands.
    ProductReader(const Product& product, const std::vector<std::string>& roles,
                  const MaskSelection& mask);
    // The product read on `target` instead of its own grid: every band file and the mask are
    // reprojected onto it by nearest neighbour (RasterSource::open_warped; a mask band's codes
    // are never interpolated, and each value is one the sensor observed). Cells of the target
    // outside the scene are invalid. The bands need not align with each other here.
    ProductReader(const Product& product, const std::vector<std::string>& roles,
                  const MaskSelection& mask, const TargetGrid& target);
    ProductReader(ProductReader&&) noexcept;
    ProductReader& operator=(ProductReader&&) noexcept;
    ~ProductReader();

    const Grid& grid() const;            // the finest grid of the bands read
    const std::string& crs_wkt() const;  // WKT2 of that grid's CRS
    // Windows of whole blocks tiling grid(), each of about `budget_cells` cells or fewer
    // (plan_windows): no block is decoded by two windows, so windows can go to different threads
    // (one reader each) without decoding anything twice. The blocks are those of every band read
    // (their least common multiple on the fine grid: a 20 m block of 512 is 1024 cells of 10 m)
    // when that unit is at most kOneBlockAnyway cells, else those of the finest band.
    WindowLayout layout(int64_t budget_cells = 2'000'000) const;
    // True when every window of `layout` is made of whole blocks of every band read.
    bool whole_blocks(const WindowLayout& layout) const;
    // The GDAL block cache one reader needs while reading the windows of `layout` in order (the
    // sum of block_cache_need over the bands it reads, the QA band included).
    int64_t block_cache_bytes(const WindowLayout& layout) const;
    // Values of each role, in the constructor's order, over window w of grid().
    void read(const Window& w, std::vector<ChannelBuffer>& out);
    // Frees the scratch buffers of the last read (a composite that folds dates in one at a
    // time keeps one date's buffers, not one per scene).
    void release_buffers();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gg
