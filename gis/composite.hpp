#pragma once
// Composites of N imagery products of the same area (several dates of one place): reads a
// window of every scene and reduces them pixel by pixel (core/composite.hpp: median, mean,
// max-NDVI, count of valid observations).
//
// Output grid: the grid of the first product (its finest band of the roles read, as
// ProductReader); to composite on another scene's grid, give that scene first. A scene on another
// grid or CRS is reprojected onto it by nearest neighbour, its mask band included (GDAL warped
// VRTs in memory: RasterSource::open_warped), so every composited value is one the sensor
// observed and QA / SCL codes are never interpolated; a scene already on the output grid is read
// directly. A scene whose footprint does not overlap the output grid is an error.
//
// Memory: mean and max-NDVI fold the scenes in one at a time (core CompositeFold): one scene's
// window of every role and the mask, plus the running composite, whatever the number of scenes;
// read each window whole (never in slices) so that every block is decoded once and the block
// cache holds one scene's blocks at a time. The median needs one window of every role (and the
// mask) of every scene at once; layout() keeps that to a few tens of MB, and the block cache then
// holds the blocks of every scene a window touches. Each scene window is read once.
// Not thread-safe: one CompositeReader (one set of GDAL handles) per thread.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/channel.hpp"
#include "core/composite.hpp"
#include "core/grid.hpp"
#include "core/mask_selection.hpp"
#include "core/window_layout.hpp"
#include "gis/product.hpp"

namespace gg {

class CompositeReader {
  public:
    // A value derived from one date's channels (e.g. a spectral index): channels[i] holds
    // roles()[i] (possibly followed by the red and nir channels read for max-NDVI). out must be
    // sized like the channels; invalid where the value is undefined.
    using Derive =
        std::function<void(const std::vector<ChannelBuffer>& channels, ChannelBuffer& out)>;

    // roles: the band roles to read (e.g. {"red", "nir"}); max-NDVI also reads red and nir to
    // choose the date. mask: which pixels the QA/SCL band drops (fill, saturation, and the selected
    // classes). Throws gg::Error for no product, a product missing a role, misaligned bands within
    // a product, or a scene that does not overlap the output grid. One product is allowed (its
    // composite is the product itself, masked).
    CompositeReader(const std::vector<Product>& products, const std::vector<std::string>& roles,
                    CompositeMethod method, const MaskSelection& mask);
    // The same on a given output grid instead of the first product's: every scene not on it is
    // reprojected onto it (nearest neighbour), e.g. a period of imagery compared pixel by pixel
    // with another period's grid. A scene that does not overlap the grid is an error.
    CompositeReader(const std::vector<Product>& products, const std::vector<std::string>& roles,
                    CompositeMethod method, const MaskSelection& mask, const Grid& grid,
                    const std::string& crs_wkt);
    CompositeReader(CompositeReader&&) noexcept;
    CompositeReader& operator=(CompositeReader&&) noexcept;
    ~CompositeReader();

    const Grid& grid() const;            // the output grid (the first product's)
    const std::string& crs_wkt() const;  // WKT2 of its CRS
    // Buffers a read holds per output cell: every role read (and the mask) of every scene for
    // the median; one scene's and the running composite for a fold.
    int64_t buffer_layers() const;
    // Mean and max-NDVI: the scenes are folded in one at a time (composite_folds).
    bool folds() const;
    // Windows of whole blocks of the first product's finest band (ProductReader::layout) of
    // about `budget_cells` cells: by default 4 M buffer cells over all scenes and roles. Windows
    // can go to different threads (one CompositeReader each) without a block of the first product
    // being decoded twice.
    WindowLayout layout(int64_t budget_cells = 0) const;
    // The default budget of layout(): 4 M buffer cells over all scenes and roles, in output cells.
    // A window (never less than one block) over it is best read in slices (slice_rows).
    int64_t window_budget_cells() const;
    // The GDAL block cache a read needs while reading the windows of `layout` in order: the sum
    // over every file of every scene (ProductReader::block_cache_bytes).
    // whole_windows: the caller reads each window at once, never in slices of rows (then a fold
    // needs one scene's blocks at a time when the windows hold whole blocks of every file).
    int64_t block_cache_bytes(const WindowLayout& layout, bool whole_windows = false) const;
    size_t scene_count() const;
    const std::vector<std::string>& roles() const;
    CompositeMethod method() const;
    bool reprojected(size_t scene) const;  // true when that scene is warped onto the grid

    // The composite of each role's value (reflectance, or kelvin for thermal) over window w of
    // grid(): out.channels[i] for roles()[i], out.count the valid observations per pixel (a date
    // counts where every role is valid and, for max-NDVI, its NDVI is defined). With
    // max-NDVI every role comes from the same (greenest) date; with median / mean each role is
    // reduced on its own over the same dates. This is what a multi-date NDVI uses: composite
    // red and nir, then NDVI of the composite.
    void read(const Window& w, CompositeOutput& out);
    // The composite of a value derived per date (e.g. the NDVI of each date, then its median):
    // out.channels has one channel.
    void read(const Window& w, const Derive& derive, CompositeOutput& out);

    // Valid observations each scene has given so far (in the sense of count), for warnings
    // about a scene that adds nothing.
    const std::vector<int64_t>& scene_observations() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// One-shot form: the composite of `roles` over window w of the first product's grid, e.g.
// composite_reflectance(products, {"red", "nir"}, CompositeMethod::Median, w) for a multi-date
// NDVI. Returns one ChannelBuffer per role; count (valid observations) when asked for.
std::vector<ChannelBuffer> composite_reflectance(const std::vector<Product>& products,
                                                 const std::vector<std::string>& roles,
                                                 CompositeMethod method, const Window& w,
                                                 const MaskSelection& mask = {},
                                                 std::vector<int>* count = nullptr);

}  // namespace gg
