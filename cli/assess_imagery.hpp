#pragma once
// Where `assess` takes red and NIR from: two bands of one raster (digital numbers or any
// reflectance the user prepared), or recognised products (Landsat, Sentinel-2) as calibrated,
// cloud-masked reflectance, composited per pixel over the dates given.
#include <optional>
#include <string>

#include "cli/project_file.hpp"
#include "gis/zonal_engine.hpp"

namespace gg::cli {

struct ImagerySource {
    std::string label;    // for messages and metadata
    std::string crs_wkt;  // the grid's CRS: zones are reprojected to it
    std::optional<CustomWindowSource> composite;
};

// Opens and checks everything before the long pass (bands exist, products recognised).
ImagerySource open_imagery(const Project& p);
// Points the job at red (channel 0) and NIR (channel 1).
void read_red_nir(const Project& p, const ImagerySource& imagery, ZonalJob& job);

}  // namespace gg::cli
