#include "core/zonal_window.hpp"

namespace gg {
namespace {

// Pixels of one row of the coverage window: base is the row's first cell in the buffer, f its
// first coverage fraction, area(c) the ground area of its c-th pixel.
template <typename Area>
void accumulate_row(const double* f, size_t base, int64_t cols, const Area& area,
                    const ChannelBuffer& ch, ZoneAccumulator& acc) {
    for (int64_t c = 0; c < cols; ++c) {
        if (f[c] <= 0) continue;
        const size_t i = base + static_cast<size_t>(c);
        if (ch.valid[i])
            acc.add(ch.values[i], f[c], area(c));
        else
            acc.add_invalid(f[c], area(c));
    }
}

size_t row_base(const Window& buffer, const Window& w, int64_t r) {
    return static_cast<size_t>((r - buffer.row0) * buffer.cols + (w.col0 - buffer.col0));
}

// channel(j): the channel accumulated into accumulators[j].
template <typename Channel>
void accumulate(const CoverageMatrix& coverage, const Window& buffer, const PixelAreas& areas,
                size_t count, const Channel& channel, std::vector<ZoneAccumulator>& accumulators) {
    const Window& w = coverage.window;
    const auto cols = static_cast<size_t>(w.cols);
    if (areas.uniform_rows()) {
        // One area per row (geographic, planar, Mercator-like CRSs): channel by channel.
        for (size_t j = 0; j < count; ++j) {
            const double* f = coverage.fraction.data();
            for (int64_t r = w.row0; r < w.row_end(); ++r, f += cols) {
                const double a = areas.row_area(r);
                accumulate_row(
                    f, row_base(buffer, w, r), w.cols, [a](int64_t) { return a; }, channel(j),
                    accumulators[j]);
            }
        }
        return;
    }
    // Areas that vary along the row (a lattice): interpolated once per row of the window, then
    // applied to every channel. Each accumulator still receives its pixels in row-major order.
    thread_local std::vector<double> row_areas;
    row_areas.resize(cols);
    const double* f = coverage.fraction.data();
    for (int64_t r = w.row0; r < w.row_end(); ++r, f += cols) {
        areas.fill_row(r, w.col0, w.cols, row_areas.data());
        const double* a = row_areas.data();
        for (size_t j = 0; j < count; ++j)
            accumulate_row(
                f, row_base(buffer, w, r), w.cols, [a](int64_t c) { return a[c]; }, channel(j),
                accumulators[j]);
    }
}

}  // namespace

void accumulate_covered(const CoverageMatrix& coverage, const Window& buffer,
                        const PixelAreas& areas, const std::vector<ChannelBuffer>& channels,
                        std::vector<ZoneAccumulator>& accumulators) {
    accumulate(
        coverage, buffer, areas, channels.size(),
        [&](size_t j) -> const ChannelBuffer& { return channels[j]; }, accumulators);
}

void accumulate_covered(const CoverageMatrix& coverage, const Window& buffer,
                        const PixelAreas& areas, const std::vector<ChannelBuffer>& channels,
                        const std::vector<size_t>& subset,
                        std::vector<ZoneAccumulator>& accumulators) {
    accumulate(
        coverage, buffer, areas, subset.size(),
        [&](size_t j) -> const ChannelBuffer& { return channels[subset[j]]; }, accumulators);
}

}  // namespace gg
