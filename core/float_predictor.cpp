#include "core/float_predictor.hpp"

#include <cstring>
#include <vector>

namespace gg {

namespace {

inline uint32_t bits_of(float v) {
    uint32_t b;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

}  // namespace

void float_predictor_encode_row(const float* in, int64_t n, uint8_t* out) {
    if (n <= 0) return;
    // Plane p holds byte 3 - p of every value, each byte minus the one before it; the difference
    // runs across plane boundaries (the first byte of plane p follows the last byte of plane
    // p - 1), as the TIFF predictor does. Each plane is one forward pass over `in` that the
    // compiler vectorises (this runs over every output byte).
    const float* __restrict src = in;
    uint8_t* __restrict dst = out;
    uint8_t before = 0;  // the byte preceding the plane in the shuffled row
    for (int p = 0; p < 4; ++p) {
        const int shift = 8 * (3 - p);
        uint8_t* __restrict o = dst + p * n;
        o[0] = static_cast<uint8_t>((bits_of(src[0]) >> shift) - before);
        for (int64_t i = 1; i < n; ++i)
            o[i] =
                static_cast<uint8_t>((bits_of(src[i]) >> shift) - (bits_of(src[i - 1]) >> shift));
        before = static_cast<uint8_t>(bits_of(src[n - 1]) >> shift);
    }
}

void float_predictor_decode_row(const uint8_t* in, int64_t n, float* out) {
    if (n <= 0) return;
    std::vector<uint8_t> bytes(static_cast<size_t>(4 * n));
    uint8_t acc = 0;
    for (size_t k = 0; k < bytes.size(); ++k) bytes[k] = acc = static_cast<uint8_t>(acc + in[k]);
    for (int64_t i = 0; i < n; ++i) {
        uint32_t b = 0;
        for (int p = 0; p < 4; ++p)
            b |= uint32_t{bytes[static_cast<size_t>(p * n + i)]} << (8 * (3 - p));
        std::memcpy(&out[i], &b, sizeof b);
    }
}

}  // namespace gg
