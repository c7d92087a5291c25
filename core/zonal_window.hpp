#pragma once
// Accumulation of one zone over one raster window: the coverage is computed once and applied to
// every channel (band, index, mask) read for that window.
//
// The pixels are summed in runs fixed by the grid, not by the window: a run is the zone's pixels
// in one rectangle of run_rows x run_cols cells, rectangles tiling the grid from its origin,
// taken row-major. Windows made of whole runs (the zonal engine's windows are whole blocks, and a
// run is a block or a row of one) therefore sum every run alike whatever their size, and the
// accumulator adds the runs exactly: the statistics are the same bits for any window budget.
#include <cstdint>
#include <limits>
#include <vector>

#include "core/accumulator.hpp"
#include "core/channel.hpp"
#include "core/coverage.hpp"
#include "core/pixel_areas.hpp"

namespace gg {

struct RunShape {
    int64_t rows = std::numeric_limits<int64_t>::max();  // the default: one run per window
    int64_t cols = std::numeric_limits<int64_t>::max();
};

// The open runs of one zone's channels in one window. Coverage rows may come in several calls
// (slices of the window, top to bottom): a run spanning two slices continues in the second.
class ZoneWindowSums {
  public:
    explicit ZoneWindowSums(RunShape shape) : shape_(shape) {}

    // channels[k] holds window `buffer` (row-major); coverage.window must lie inside it. areas
    // gives the ground area (m2) of every pixel of the grid. accumulators[j] receives the covered
    // pixels of channels[subset[j]] (of channels[j] when subset is empty).
    void add(const CoverageMatrix& coverage, const Window& buffer, const PixelAreas& areas,
             const std::vector<ChannelBuffer>& channels, const std::vector<size_t>& subset,
             std::vector<ZoneAccumulator>& accumulators);
    // Closes the open runs into the accumulators (those given to add()).
    void finish(std::vector<ZoneAccumulator>& accumulators);

  private:
    // The runs of channel j for grid row r: the open ones, or fresh ones once r starts another
    // row of rectangles (closing the previous).
    PixelRun* runs_for(size_t j, int64_t r, ZoneAccumulator& acc);

    RunShape shape_;
    int64_t first_run_col_ = 0;
    int64_t run_cols_ = 0;        // runs per row of rectangles across the coverage window
    std::vector<int64_t> band_;   // per channel: the row of rectangles its runs are in, or -1
    std::vector<PixelRun> runs_;  // per channel, run_cols_ each
};

// One window in one call (its runs closed at the end).
void accumulate_covered(const CoverageMatrix& coverage, const Window& buffer,
                        const PixelAreas& areas, const std::vector<ChannelBuffer>& channels,
                        std::vector<ZoneAccumulator>& accumulators, RunShape shape = {});
// The same for some channels only: accumulators[j] receives channels[subset[j]].
void accumulate_covered(const CoverageMatrix& coverage, const Window& buffer,
                        const PixelAreas& areas, const std::vector<ChannelBuffer>& channels,
                        const std::vector<size_t>& subset,
                        std::vector<ZoneAccumulator>& accumulators, RunShape shape = {});

}  // namespace gg
