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
    // Plane p holds byte 3 - p of every value; the difference runs across plane boundaries (the
    // first byte of plane p follows the last byte of plane p - 1), as the TIFF predictor does.
    // Two simple passes rather than one with a running `prev`: both vectorise (this runs over
    // every output byte).
    for (int p = 0; p < 4; ++p) {
        const int shift = 8 * (3 - p);
        uint8_t* o = out + p * n;
        for (int64_t i = 0; i < n; ++i) o[i] = static_cast<uint8_t>(bits_of(in[i]) >> shift);
    }
    for (int64_t k = 4 * n - 1; k > 0; --k) out[k] = static_cast<uint8_t>(out[k] - out[k - 1]);
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
