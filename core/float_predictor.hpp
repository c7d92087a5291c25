#pragma once
// The TIFF floating-point predictor (Predictor = 3, Adobe Photoshop TIFF Technical Note 3) for
// Float32 with one sample per pixel: each row is split into byte planes, most significant byte
// first (whatever the machine's byte order), and every byte is replaced by its difference to the
// byte before it in the row. Deflate / ZSTD then see long runs of small numbers.
#include <cstdint>

namespace gg {

// Encodes one row of n values into 4 * n bytes.
void float_predictor_encode_row(const float* in, int64_t n, uint8_t* out);

// The inverse (what a TIFF reader does); used by the tests.
void float_predictor_decode_row(const uint8_t* in, int64_t n, float* out);

}  // namespace gg
