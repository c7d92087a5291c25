#pragma once
// The raster-sequential hot path: the raster is read once, in windows of whole blocks (rows of
// blocks, cut across into whole blocks when a row is too wide); only the zones touching a window
// are visited, and per-thread accumulators are merged at the end. Memory is bounded by the window
// size times the number of threads plus the accumulators, whatever the raster size.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/accumulator.hpp"
#include "core/area_convention.hpp"
#include "core/channel.hpp"
#include "core/coverage_cache.hpp"
#include "core/geometry.hpp"
#include "core/window_layout.hpp"
#include "gis/raster_source.hpp"

namespace gg {

// Turns the bands read for a window into the channels to accumulate (for example red and NIR into
// NDVI and a green mask). Must be thread-safe (called concurrently on different windows).
using DeriveChannels =
    std::function<void(const std::vector<ChannelBuffer>& bands, std::vector<ChannelBuffer>& out)>;

// Reads windows of several channels from something other than the bands of one raster (for
// example a multi-date composite of calibrated reflectance). One reader per worker thread.
class WindowReader {
  public:
    virtual ~WindowReader() = default;
    // out[k]: channel k over window w (row-major), values and validity.
    virtual void read(const Window& w, std::vector<ChannelBuffer>& out) = 0;
};

struct CustomWindowSource {
    RasterInfo info;  // the grid and CRS (for pixel areas) of the reads
    size_t channel_count = 0;
    // Buffers (of 9 bytes: value + validity) the reader holds per cell of a window, when more than
    // its channels (a composite holds every role and mask of every scene): windows are sized by
    // it.
    size_t buffer_layers = 0;
    // Read every window whole, never in slices of rows: a reader that goes through its files one
    // after the other within a window (a composite folding its dates in) decodes each block once
    // only if a window is read at once. Its buffers (buffer_layers per cell of a window, windows
    // of at most kOneBlockAnyway cells) do not grow with the number of files.
    bool whole_windows = false;
    // The windows of about budget_cells cells the reader reads best (whole blocks of its files).
    std::function<WindowLayout(int64_t budget_cells)> layout;
    // GDAL block cache one reader needs while reading the windows of a layout in order.
    std::function<int64_t(const WindowLayout&)> block_cache_bytes;
    std::function<std::unique_ptr<WindowReader>()> open;  // called once per worker thread
};

struct ZonalJob {
    std::string raster_path;
    std::vector<int> bands;               // 1-based band numbers read for every window
    DeriveChannels derive;                // empty: the channels are the bands themselves
    size_t channel_count = 0;             // channels produced by derive (bands.size() if none)
    std::vector<bool> keep_distribution;  // per channel: quantiles/majority/classes wanted
    // Optional, per shape: the channels accumulated for it (indices into the channels). A shape
    // without an entry, or with an empty list, gets every channel. Lets one pass serve several
    // shape sets that need different channels (zones: all; zone minus parks: the green mask).
    std::vector<std::vector<size_t>> shape_channels;
    // 0: the current oneTBB arena (all cores unless an outer arena limits them, so nested work
    // shares the cores); N > 0: an arena of N threads for this pass.
    int threads = 0;
    size_t window_budget_bytes = 32u << 20;  // per thread, for the buffers of one window
    // Pixel ground areas (area_m2, valid_area_m2, area-weighted sums): ellipsoidal in every CRS,
    // or the plane areas of a projected CRS (gis/pixel_area.hpp).
    AreaConvention areas = AreaConvention::Ellipsoidal;
    std::function<void(double done_fraction)> progress;  // called as windows are merged, in order
    // When set, windows come from it instead of raster_path/bands (which are then ignored).
    std::optional<CustomWindowSource> custom;
    // When set, the zones' coverage of each window is taken from (and kept in) it, shared with
    // the other passes on the same grid (the dates of a batch); the sums are the same bit for bit.
    std::shared_ptr<CoverageCache> coverage_cache;
};

// Result: accumulators[zone][j], j over the zone's channels (all channels, or its
// shape_channels list in that order). Zones must be in the raster's CRS; a zone that touches no
// pixel gets accumulators with area_m2() == 0. Windows are read and accumulated in parallel and
// merged in window order, so the result is the same bit for bit whatever the thread count.
std::vector<std::vector<ZoneAccumulator>> run_zonal(const ZonalJob& job,
                                                    const std::vector<MultiPolygon>& zones);
// The same over zones held elsewhere (none null; they must outlive the call), so a caller that
// gathers shapes from several sets need not copy them.
std::vector<std::vector<ZoneAccumulator>> run_zonal(const ZonalJob& job,
                                                    std::vector<const MultiPolygon*> zones);

}  // namespace gg
