#pragma once
// Turns one Float32 tile into the bytes a TIFF tile holds: padded to the full tile size, the
// floating-point predictor (core/float_predictor.hpp) unless uncompressed, then DEFLATE (zlib
// stream, TIFF Compression 8, through libdeflate) or ZSTD (TIFF Compression 50000, through
// libzstd). One TileEncoder per thread: the compressors are not thread-safe.
#include <cstdint>
#include <string>
#include <vector>

namespace gg {

enum class CogCompression { Deflate, Zstd, None };

// "DEFLATE", "ZSTD" or "NONE" (any case); throws gg::Error naming the supported codecs for
// anything else (LZW included: libtiff's LZW encoder is not public API, so it is not offered).
CogCompression parse_cog_compression(const std::string& name);
std::string cog_compression_name(CogCompression c);
uint16_t tiff_compression_tag(CogCompression c);
// The level used when none is given (0): DEFLATE 1, ZSTD 1 (speed first: see docs/benchmarks.md).
int default_cog_level(CogCompression c);

// Lays out cols x rows values (row i at data + i * stride) as a block x block tile, padded with
// nodata, through the floating-point predictor when `predictor`: the bytes to compress.
void pack_tile(const float* data, int64_t stride, int64_t cols, int64_t rows, float nodata,
               int64_t block, bool predictor, std::vector<uint8_t>& plain);

// Compresses packed tiles.
class TileEncoder {
  public:
    // level: the codec's level (DEFLATE 1..12, ZSTD 1..22); 0: default_cog_level().
    TileEncoder(CogCompression c, int level);
    ~TileEncoder();
    TileEncoder(const TileEncoder&) = delete;
    TileEncoder& operator=(const TileEncoder&) = delete;

    // The compressed bytes (plain itself when uncompressed), valid until the next call. Throws
    // gg::Error when the compressor fails.
    const std::vector<uint8_t>& compress(const std::vector<uint8_t>& plain);

  private:
    CogCompression codec_;
    int level_;
    std::vector<uint8_t> packed_;
    void* deflate_ = nullptr;  // libdeflate_compressor
    void* zstd_ = nullptr;     // ZSTD_CCtx
};

}  // namespace gg
