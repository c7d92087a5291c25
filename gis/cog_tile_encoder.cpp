#include "gis/cog_tile_encoder.hpp"

#include <libdeflate.h>
#include <tiff.h>
#include <zstd.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <cstring>

#include "core/error.hpp"
#include "core/float_predictor.hpp"

namespace gg {

// Uncompressed tiles are written as the machine holds them; the TIFF is little-endian.
static_assert(std::endian::native == std::endian::little, "little-endian machines only");

CogCompression parse_cog_compression(const std::string& name) {
    std::string n = name;
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::toupper(c); });
    if (n == "DEFLATE") return CogCompression::Deflate;
    if (n == "ZSTD") return CogCompression::Zstd;
    if (n == "NONE") return CogCompression::None;
    throw Error("compression '" + name + "' is not supported (use DEFLATE, ZSTD or NONE)");
}

std::string cog_compression_name(CogCompression c) {
    switch (c) {
        case CogCompression::Deflate:
            return "DEFLATE";
        case CogCompression::Zstd:
            return "ZSTD";
        case CogCompression::None:
            break;
    }
    return "NONE";
}

uint16_t tiff_compression_tag(CogCompression c) {
    switch (c) {
        case CogCompression::Deflate:
            return COMPRESSION_ADOBE_DEFLATE;
        case CogCompression::Zstd:
            return COMPRESSION_ZSTD;
        case CogCompression::None:
            break;
    }
    return COMPRESSION_NONE;
}

int default_cog_level(CogCompression c) {
    return c == CogCompression::None ? 0 : 1;
}

TileEncoder::TileEncoder(CogCompression c, int level)
    : codec_(c), level_(level > 0 ? level : default_cog_level(c)) {
    if (c == CogCompression::Deflate) {
        if (level_ > 12) throw Error("DEFLATE level " + std::to_string(level_) + ": use 1 to 12");
        deflate_ = libdeflate_alloc_compressor(level_);
        if (!deflate_) throw Error("cannot allocate a DEFLATE compressor");
    } else if (c == CogCompression::Zstd) {
        if (level_ > ZSTD_maxCLevel())
            throw Error("ZSTD level " + std::to_string(level_) + ": use 1 to " +
                        std::to_string(ZSTD_maxCLevel()));
        zstd_ = ZSTD_createCCtx();
        if (!zstd_) throw Error("cannot allocate a ZSTD compressor");
    }
}

TileEncoder::~TileEncoder() {
    libdeflate_free_compressor(static_cast<libdeflate_compressor*>(deflate_));
    ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(zstd_));
}

void pack_tile(const float* data, int64_t stride, int64_t cols, int64_t rows, float nodata,
               int64_t block, bool predictor, std::vector<uint8_t>& plain) {
    const size_t row_bytes = static_cast<size_t>(block) * sizeof(float);
    plain.resize(row_bytes * static_cast<size_t>(block));
    std::vector<float> padded(static_cast<size_t>(block), nodata);
    for (int64_t i = 0; i < block; ++i) {
        // A whole row is read in place; a narrow one is padded on the right with nodata, and rows
        // below the raster are all nodata.
        const float* row = padded.data();
        if (i < rows && cols == block)
            row = data + i * stride;
        else if (i < rows)
            std::copy_n(data + i * stride, cols, padded.begin());
        else if (i == rows)
            std::fill(padded.begin(), padded.end(), nodata);
        uint8_t* dst = plain.data() + static_cast<size_t>(i) * row_bytes;
        if (predictor)
            float_predictor_encode_row(row, block, dst);
        else
            std::memcpy(dst, row, row_bytes);
    }
}

const std::vector<uint8_t>& TileEncoder::compress(const std::vector<uint8_t>& plain) {
    if (codec_ == CogCompression::None) return plain;
    std::vector<uint8_t>& out = packed_;
    if (codec_ == CogCompression::Deflate) {
        auto* c = static_cast<libdeflate_compressor*>(deflate_);
        out.resize(libdeflate_zlib_compress_bound(c, plain.size()));
        const size_t n =
            libdeflate_zlib_compress(c, plain.data(), plain.size(), out.data(), out.size());
        if (n == 0) throw Error("DEFLATE compression failed");
        out.resize(n);
        return out;
    }
    out.resize(ZSTD_compressBound(plain.size()));
    const size_t n = ZSTD_compressCCtx(static_cast<ZSTD_CCtx*>(zstd_), out.data(), out.size(),
                                       plain.data(), plain.size(), level_);
    if (ZSTD_isError(n))
        throw Error(std::string("ZSTD compression failed: ").append(ZSTD_getErrorName(n)));
    out.resize(n);
    return out;
}

}  // namespace gg
