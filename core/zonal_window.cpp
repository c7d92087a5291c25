#include "core/zonal_window.hpp"

namespace gg {
namespace {

void accumulate_channel(const CoverageMatrix& coverage, const Window& buffer,
                        const std::vector<double>& row_areas, const ChannelBuffer& ch,
                        ZoneAccumulator& acc) {
    const Window& w = coverage.window;
    size_t ci = 0;
    for (int64_t r = w.row0; r < w.row_end(); ++r) {
        const double area = row_areas[static_cast<size_t>(r)];
        const size_t base =
            static_cast<size_t>((r - buffer.row0) * buffer.cols + (w.col0 - buffer.col0));
        for (int64_t c = 0; c < w.cols; ++c, ++ci) {
            const double f = coverage.fraction[ci];
            if (f <= 0) continue;
            const size_t i = base + static_cast<size_t>(c);
            if (ch.valid[i])
                acc.add(ch.values[i], f, area);
            else
                acc.add_invalid(f, area);
        }
    }
}

}  // namespace

void accumulate_covered(const CoverageMatrix& coverage, const Window& buffer,
                        const std::vector<double>& row_areas,
                        const std::vector<ChannelBuffer>& channels,
                        std::vector<ZoneAccumulator>& accumulators) {
    for (size_t k = 0; k < channels.size(); ++k)
        accumulate_channel(coverage, buffer, row_areas, channels[k], accumulators[k]);
}

void accumulate_covered(const CoverageMatrix& coverage, const Window& buffer,
                        const std::vector<double>& row_areas,
                        const std::vector<ChannelBuffer>& channels,
                        const std::vector<size_t>& subset,
                        std::vector<ZoneAccumulator>& accumulators) {
    for (size_t j = 0; j < subset.size(); ++j)
        accumulate_channel(coverage, buffer, row_areas, channels[subset[j]], accumulators[j]);
}

}  // namespace gg
