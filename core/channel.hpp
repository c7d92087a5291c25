#pragma once
// A window of pixel values with their validity: what gis/ reads from a band and what core/
// derives from bands (an index, a class mask) before the values are accumulated per zone.
#include <vector>

namespace gg {

struct ChannelBuffer {
    std::vector<double> values;        // row-major over the window
    std::vector<unsigned char> valid;  // 1 valid, 0 nodata or masked
};

}  // namespace gg
