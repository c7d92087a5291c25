#include "core/downsample.hpp"

#include <cmath>
#include <initializer_list>

namespace gg {

LevelSize half_size(LevelSize s) {
    return {(s.cols + 1) / 2, (s.rows + 1) / 2};
}

std::vector<LevelSize> pyramid_levels(LevelSize full, int64_t block) {
    std::vector<LevelSize> levels{full};
    while (levels.back().cols > block || levels.back().rows > block)
        levels.push_back(half_size(levels.back()));
    return levels;
}

namespace {

// Adds v to the cell unless it is missing (nodata, or NaN which has no value to average).
inline void add(float v, float nodata, double& sum, int& n) {
    if (v == nodata || std::isnan(v)) return;
    sum += v;
    ++n;
}

inline float mean_or(double sum, int n, float nodata) {
    return n == 0 ? nodata : static_cast<float>(sum / n);
}

}  // namespace

void average_2x2_row(const float* top, const float* bottom, int64_t cols, float nodata,
                     float* out) {
    const int64_t pairs = cols / 2;
    for (int64_t i = 0; i < pairs; ++i) {
        double sum = 0;
        int n = 0;
        add(top[2 * i], nodata, sum, n);
        add(top[2 * i + 1], nodata, sum, n);
        if (bottom) {
            add(bottom[2 * i], nodata, sum, n);
            add(bottom[2 * i + 1], nodata, sum, n);
        }
        out[i] = mean_or(sum, n, nodata);
    }
    if (cols % 2 != 0) {  // the last column of an odd width has no right neighbour
        double sum = 0;
        int n = 0;
        add(top[cols - 1], nodata, sum, n);
        if (bottom) add(bottom[cols - 1], nodata, sum, n);
        out[pairs] = mean_or(sum, n, nodata);
    }
}

void first_valid_2x2_row(const float* top, const float* bottom, int64_t cols, float nodata,
                         float* out) {
    auto first = [nodata](std::initializer_list<const float*> values) {
        for (const float* v : values)
            if (v && *v != nodata && !std::isnan(*v)) return *v;
        return nodata;
    };
    const int64_t pairs = cols / 2;
    for (int64_t i = 0; i < pairs; ++i)
        out[i] = first({top + 2 * i, top + 2 * i + 1, bottom ? bottom + 2 * i : nullptr,
                        bottom ? bottom + 2 * i + 1 : nullptr});
    if (cols % 2 != 0) out[pairs] = first({top + cols - 1, bottom ? bottom + cols - 1 : nullptr});
}

}  // namespace gg
