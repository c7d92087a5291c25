#pragma once
// Writes the final Cloud-Optimized GeoTIFF from compressed tiles, in GDAL's COG layout: the
// header, GDAL's structural metadata ("ghost area"), every IFD (full resolution first, then the
// overviews as reduced-resolution subfiles), their tile offset and size arrays, then the tiles
// from the smallest overview to full resolution, each as stored by the TileStore (size leader,
// bytes, last 4 bytes repeated).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/downsample.hpp"
#include "gis/cog_geotags.hpp"
#include "gis/cog_tile_encoder.hpp"
#include "gis/cog_tile_store.hpp"

namespace gg {

struct CogLayout {
    std::vector<LevelSize> levels;  // full resolution first
    int bands = 1;
    int64_t block = 512;
    CogCompression compression = CogCompression::Deflate;
    bool force_bigtiff = false;  // otherwise BigTIFF only when classic TIFF's 4 GB are too few
    // Per level, per band then row-major tile: where the tile is in the store.
    std::vector<std::vector<TileStore::Record>> tiles;
};

// The tile count of a level and band.
int64_t tiles_per_band(const LevelSize& level, int64_t block);

// Writes the file at path (created or truncated); progress gets 0..1. Throws gg::Error with the
// reason (the caller names the file).
void assemble_cog(const std::string& path, const CogLayout& layout, const TileStore& store,
                  const GeoTiffTags& tags, const std::function<void(double)>& progress);

}  // namespace gg
