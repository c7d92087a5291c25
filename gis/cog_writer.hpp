#pragma once
// Writes a Float32 raster (one band, or a few) as a Cloud-Optimized GeoTIFF in one pass, without
// holding it in memory: as soon as a 512 x 512 tile is complete it is compressed (DEFLATE with the
// floating-point predictor by default) as oneTBB tasks, and its overviews (2 x 2
// averages ignoring nodata, down to one tile) are computed from the rows still in memory. The
// compressed tiles wait in a temporary file beside the output (a one-band raster's
// full-resolution tiles go straight into the output's temporary file, see CogOptions::in_place);
// finish() writes the COG (GDAL's layout: IFDs first, smallest overview's tiles first) under a
// temporary name and renames it into place. Every temporary file is removed, on success and on
// failure.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/grid.hpp"
#include "gis/cog_tile_encoder.hpp"
#include "gis/table_writer.hpp"

namespace gg {

struct CogOptions {
    CogCompression compression = CogCompression::Deflate;
    int level = 0;  // the codec's level; 0: default_cog_level() (DEFLATE 1, ZSTD 1)
    // Compressor threads: > 0, an arena of that many of its own; 0, the arena of the thread
    // that makes the writer (TBB's default: every core; a command's --threads arena).
    int threads = 0;
    // BigTIFF even when the file fits classic TIFF (by default only when it does not: > 4 GB).
    bool force_bigtiff = false;
    // One band: the full-resolution tiles are written once, in file order, into the output's
    // temporary file, and finish() inserts the directories and overviews before them
    // (assemble_cog_in_place) instead of copying them into a second file: no copy, and they
    // exist once on disk. Inserting makes the file system write the tiles to disk first, so
    // they are handed to the disk as they come (sync_file_range) and little is left to wait for
    // at the end. false, or a file system that cannot insert (tmpfs; ext4 and XFS can): copied.
    bool in_place = true;
    // Class codes: the overviews take the first valid value of each 2 x 2 block instead of the
    // average (a class raster's overviews show classes that exist).
    bool classes = false;

    // "deflate", "zstd", "none", optionally with a level: "zstd:9", "deflate:6" (any case; the
    // commands' --compress). Throws gg::Error "--compress 'X': ..." for anything else.
    static CogOptions parse(const std::string& text);
};

class CogWriter {
  public:
    // Throws gg::Error when the output folder is missing or not writable.
    // bands: the band count; nodata is the value of every band (GeoTIFF has one per file).
    CogWriter(const std::string& path, const Grid& grid, const std::string& crs_wkt, double nodata,
              const Metadata& metadata, int bands = 1, const CogOptions& options = {});
    CogWriter(const CogWriter&) = delete;
    CogWriter& operator=(const CogWriter&) = delete;
    ~CogWriter();  // removes the temporary files unless finish() succeeded

    // Writes window w of the grid (values row-major over w; nodata where there is no value).
    // Windows may have any shape; memory stays bounded when they come in row-major order. A
    // pixel is written at most once; pixels never written are nodata.
    void write(const Window& w, const std::vector<float>& values) { write(1, w, values); }
    // The same for band (1-based).
    void write(int band, const Window& w, const std::vector<float>& values);
    // A band's description (what GDAL and QGIS show as its name).
    void describe_band(int band, const std::string& description);
    // Compresses what is left, writes the COG and renames it into place; progress gets 0..1.
    void finish(const std::function<void(double)>& progress = {});

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gg
