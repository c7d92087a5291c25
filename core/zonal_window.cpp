#include "core/zonal_window.hpp"

#include <algorithm>
#include <stdexcept>

namespace gg {
namespace {

size_t row_base(const Window& buffer, const Window& w, int64_t r) {
    return static_cast<size_t>((r - buffer.row0) * buffer.cols + (w.col0 - buffer.col0));
}

// Pixels c0 .. c1 - 1 of one row of the coverage window into one run: base is the row's first
// cell in the buffer, f its first coverage fraction, area(c) the ground area of its c-th pixel.
template <typename Area>
void accumulate_segment(const double* f, size_t base, int64_t c0, int64_t c1, const Area& area,
                        const ChannelBuffer& ch, ZoneAccumulator& acc, PixelRun& run) {
    for (int64_t c = c0; c < c1; ++c) {
        if (f[c] <= 0) continue;
        const size_t i = base + static_cast<size_t>(c);
        if (ch.valid[i])
            acc.add(ch.values[i], f[c], area(c), run);
        else
            acc.add_invalid(f[c], area(c), run);
    }
}

}  // namespace

PixelRun* ZoneWindowSums::runs_for(size_t j, int64_t r, ZoneAccumulator& acc) {
    const int64_t band = r / shape_.rows;
    PixelRun* runs = runs_.data() + j * static_cast<size_t>(run_cols_);
    if (band_[j] != band) {
        for (int64_t k = 0; k < run_cols_; ++k) acc.close_run(runs[k]);
        band_[j] = band;
    }
    return runs;
}

void ZoneWindowSums::add(const CoverageMatrix& coverage, const Window& buffer,
                         const PixelAreas& areas, const std::vector<ChannelBuffer>& channels,
                         const std::vector<size_t>& subset,
                         std::vector<ZoneAccumulator>& accumulators) {
    const Window& w = coverage.window;
    if (w.empty()) return;
    const size_t count = subset.empty() ? channels.size() : subset.size();
    const int64_t first = w.col0 / shape_.cols;
    const int64_t across = (w.col_end() - 1) / shape_.cols - first + 1;
    if (band_.empty()) {
        first_run_col_ = first;
        run_cols_ = across;
        band_.assign(count, -1);
        runs_.assign(count * static_cast<size_t>(across), PixelRun{});
    } else if (first != first_run_col_ || across != run_cols_ || count != band_.size()) {
        throw std::logic_error("ZoneWindowSums: slices of one window must span the same columns");
    }
    const auto channel = [&](size_t j) -> const ChannelBuffer& {
        return channels[subset.empty() ? j : subset[j]];
    };
    // Row r's pixels, run by run: the segments between multiples of the run width.
    const auto row = [&](size_t j, int64_t r, const double* f, const auto& area) {
        PixelRun* runs = runs_for(j, r, accumulators[j]);
        const size_t base = row_base(buffer, w, r);
        for (int64_t c0 = 0, k = 0; c0 < w.cols; ++k) {
            const int64_t c1 = std::min(w.cols, (first + k + 1) * shape_.cols - w.col0);
            accumulate_segment(f, base, c0, c1, area, channel(j), accumulators[j], runs[k]);
            c0 = c1;
        }
    };
    const auto cols = static_cast<size_t>(w.cols);
    if (areas.uniform_rows()) {
        // One area per row (geographic, planar, Mercator-like CRSs): channel by channel.
        for (size_t j = 0; j < count; ++j) {
            const double* f = coverage.fraction.data();
            for (int64_t r = w.row0; r < w.row_end(); ++r, f += cols) {
                const double a = areas.row_area(r);
                row(j, r, f, [a](int64_t) { return a; });
            }
        }
        return;
    }
    // Areas that vary along the row (a lattice): interpolated once per row of the window, then
    // applied to every channel.
    thread_local std::vector<double> row_areas;
    row_areas.resize(cols);
    const double* f = coverage.fraction.data();
    for (int64_t r = w.row0; r < w.row_end(); ++r, f += cols) {
        areas.fill_row(r, w.col0, w.cols, row_areas.data());
        const double* a = row_areas.data();
        for (size_t j = 0; j < count; ++j) row(j, r, f, [a](int64_t c) { return a[c]; });
    }
}

void ZoneWindowSums::finish(std::vector<ZoneAccumulator>& accumulators) {
    for (size_t j = 0; j < band_.size(); ++j)
        for (int64_t k = 0; k < run_cols_; ++k)
            accumulators[j].close_run(
                runs_[j * static_cast<size_t>(run_cols_) + static_cast<size_t>(k)]);
    band_.clear();
    runs_.clear();
}

void accumulate_covered(const CoverageMatrix& coverage, const Window& buffer,
                        const PixelAreas& areas, const std::vector<ChannelBuffer>& channels,
                        std::vector<ZoneAccumulator>& accumulators, RunShape shape) {
    accumulate_covered(coverage, buffer, areas, channels, {}, accumulators, shape);
}

void accumulate_covered(const CoverageMatrix& coverage, const Window& buffer,
                        const PixelAreas& areas, const std::vector<ChannelBuffer>& channels,
                        const std::vector<size_t>& subset,
                        std::vector<ZoneAccumulator>& accumulators, RunShape shape) {
    ZoneWindowSums sums(shape);
    sums.add(coverage, buffer, areas, channels, subset, accumulators);
    sums.finish(accumulators);
}

}  // namespace gg
