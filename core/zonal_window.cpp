#include "core/zonal_window.hpp"

namespace gg {

void accumulate_covered(const CoverageMatrix& coverage, const Window& buffer,
                        const std::vector<double>& row_areas,
                        const std::vector<ChannelBuffer>& channels,
                        std::vector<ZoneAccumulator>& accumulators) {
    const Window& w = coverage.window;
    for (size_t k = 0; k < channels.size(); ++k) {
        const ChannelBuffer& ch = channels[k];
        ZoneAccumulator& acc = accumulators[k];
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
}

}  // namespace gg
