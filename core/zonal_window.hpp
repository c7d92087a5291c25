#pragma once
// Accumulation of one zone over one raster window: the coverage is computed once and applied to
// every channel (band, index, mask) read for that window.
#include <vector>

#include "core/accumulator.hpp"
#include "core/channel.hpp"
#include "core/coverage.hpp"
#include "core/pixel_areas.hpp"

namespace gg {

// channels[k] holds window `buffer` (row-major); coverage.window must lie inside it.
// areas gives the ground area (m2) of every pixel of the grid. accumulators[k] receives the
// covered pixels of channels[k].
void accumulate_covered(const CoverageMatrix& coverage, const Window& buffer,
                        const PixelAreas& areas, const std::vector<ChannelBuffer>& channels,
                        std::vector<ZoneAccumulator>& accumulators);
// The same for some channels only: accumulators[j] receives channels[subset[j]].
void accumulate_covered(const CoverageMatrix& coverage, const Window& buffer,
                        const PixelAreas& areas, const std::vector<ChannelBuffer>& channels,
                        const std::vector<size_t>& subset,
                        std::vector<ZoneAccumulator>& accumulators);

}  // namespace gg
