#pragma once
// Overview pyramids of Cloud-Optimized GeoTIFFs: the level sizes and the nodata-aware 2 x 2
// average that computes each level from the one above it.
#include <cstdint>
#include <vector>

namespace gg {

struct LevelSize {
    int64_t cols = 0;
    int64_t rows = 0;
};

// The size of the overview of a level: ceil(n / 2) each way, so every pixel of the level above
// falls into exactly one 2 x 2 cell (the last cell of an odd edge has fewer pixels).
LevelSize half_size(LevelSize s);

// Full resolution first, then each overview until both sizes fit in one block (the rule of GDAL's
// COG driver, OVERVIEWS=AUTO): a 1000 x 300 image with 512 blocks has levels 1000 x 300 and
// 500 x 150.
std::vector<LevelSize> pyramid_levels(LevelSize full, int64_t block);

// One row of the next level from two rows of `cols` values (bottom is null at the last row of an
// odd height): out[i] is the mean of the values of columns 2i and 2i + 1 that are neither nodata
// nor NaN, computed in double; nodata when there is none. out has ceil(cols / 2) values.
void average_2x2_row(const float* top, const float* bottom, int64_t cols, float nodata, float* out);
// The same for class codes, which must not be averaged: each output pixel takes the first valid
// value of its 2 x 2 block in the order top-left, top-right, bottom-left, bottom-right (a nearest
// neighbour that prefers data to nodata); nodata when all four are.
void first_valid_2x2_row(const float* top, const float* bottom, int64_t cols, float nodata,
                         float* out);

}  // namespace gg
