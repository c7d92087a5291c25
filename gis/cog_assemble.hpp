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

// Writes the file at path (created or truncated); level 0's tiles come from `full`, the
// overviews' from `overviews` (which may be the same store). progress gets 0..1. Throws gg::Error
// with the reason (the caller names the file).
void assemble_cog(const std::string& path, const CogLayout& layout, const TileStore& overviews,
                  const TileStore& full, const GeoTiffTags& tags,
                  const std::function<void(double)>& progress);

// Makes the COG out of `full`'s own file, which holds the full-resolution tiles and nothing else,
// in file order (OrderedTileAppender), so they are neither copied nor moved: room for the header,
// the IFDs and the overview tiles is inserted before them (Linux fallocate
// FALLOC_FL_INSERT_RANGE, whole file-system blocks; what the directories do not use of it stays
// zeros). Returns false, the file unchanged, when the file system cannot insert a range (ext4
// and XFS can): the caller then copies the tiles with assemble_cog. Throws gg::Error otherwise.
bool assemble_cog_in_place(const CogLayout& layout, const TileStore& overviews,
                           const TileStore& full, const GeoTiffTags& tags,
                           const std::function<void(double)>& progress);

}  // namespace gg
