#pragma once
// Writes a Float32 raster (one band, or a few) as a Cloud-Optimized GeoTIFF without holding it in
// memory: strips go into a temporary tiled GeoTIFF beside the output, then GDAL's COG driver copies
// it (DEFLATE, 512 x 512 blocks, overviews as the size warrants) into a second temporary file that
// is renamed into place on success. Every temporary file is removed on failure.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/grid.hpp"
#include "gis/table_writer.hpp"

namespace gg {

class CogWriter {
  public:
    // Throws gg::Error when the output folder is missing or not writable.
    // bands: the band count; nodata is the value of every band (GeoTIFF has one per file).
    CogWriter(const std::string& path, const Grid& grid, const std::string& crs_wkt, double nodata,
              const Metadata& metadata, int bands = 1);
    CogWriter(const CogWriter&) = delete;
    CogWriter& operator=(const CogWriter&) = delete;
    ~CogWriter();  // removes the temporary files unless finish() succeeded

    // The GDAL block cache the writer needs when windows come in row-major order: one row of the
    // temporary raster's blocks (a block is complete only once every window over it is written).
    static int64_t block_cache_bytes(const Grid& grid);

    // Writes window w of the grid (values row-major over w; nodata where there is no value).
    void write(const Window& w, const std::vector<float>& values) { write(1, w, values); }
    // The same for band (1-based).
    void write(int band, const Window& w, const std::vector<float>& values);
    // A band's description (what GDAL and QGIS show as its name).
    void describe_band(int band, const std::string& description);
    // Builds the COG and renames it into place; progress gets 0..1 while the copy runs.
    void finish(const std::function<void(double)>& progress = {});

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gg
