// The TIFF floating-point predictor (Predictor = 3): byte planes, most significant first, then
// byte differences along the row. Hand-worked bytes, and round trips of awkward values. The
// decoding by libtiff itself is checked in tests/gis/test_cog_writer.cpp (GDAL reads the tiles).
#include "core/float_predictor.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <random>
#include <vector>

namespace gg {
namespace {

TEST(FloatPredictor, OneValueIsItsBytesMostSignificantFirstThenDifferences) {
    const float v = 1.0f;  // 0x3F800000
    std::vector<uint8_t> out(4);
    float_predictor_encode_row(&v, 1, out.data());
    // planes 3F 80 00 00 -> 3F, 80 - 3F = 41, 00 - 80 = 80, 00 - 00 = 00
    EXPECT_EQ(out, (std::vector<uint8_t>{0x3F, 0x41, 0x80, 0x00}));
}

TEST(FloatPredictor, DifferencesRunAcrossPlanes) {
    const float v[2] = {1.0f, 2.0f};  // 0x3F800000, 0x40000000
    std::vector<uint8_t> out(8);
    float_predictor_encode_row(v, 2, out.data());
    // planes: [3F 40] [80 00] [00 00] [00 00]
    EXPECT_EQ(out, (std::vector<uint8_t>{0x3F, 0x01, 0x40, 0x80, 0x00, 0x00, 0x00, 0x00}));
}

TEST(FloatPredictor, RoundTripsEveryBitPattern) {
    std::vector<float> in{0.0f,
                          -0.0f,
                          1.5f,
                          -9999.0f,
                          std::numeric_limits<float>::infinity(),
                          -std::numeric_limits<float>::infinity(),
                          std::numeric_limits<float>::quiet_NaN(),
                          std::numeric_limits<float>::denorm_min(),
                          std::numeric_limits<float>::max()};
    std::mt19937 rng(7);
    for (int i = 0; i < 1000; ++i) {
        const uint32_t bits = rng();
        float f;
        std::memcpy(&f, &bits, sizeof f);
        in.push_back(f);
    }
    const auto n = static_cast<int64_t>(in.size());
    std::vector<uint8_t> bytes(static_cast<size_t>(4 * n));
    float_predictor_encode_row(in.data(), n, bytes.data());
    std::vector<float> back(in.size());
    float_predictor_decode_row(bytes.data(), n, back.data());
    EXPECT_EQ(std::memcmp(in.data(), back.data(), in.size() * sizeof(float)), 0);
}

}  // namespace
}  // namespace gg
