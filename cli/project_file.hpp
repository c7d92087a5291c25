#pragma once
// The project file of `greengauge assess` (YAML): which zones, which image, which parameters.
// Relative paths are relative to the project file's folder.
#include <string>

#include "gis/zone_reader.hpp"

namespace gg::cli {

struct Project {
    std::string path;  // the project file itself
    std::string name;  // names the outputs: <out>/<name>.gpkg and <out>/<name>.csv
    ZoneLayerSpec zones;
    std::string image;  // raster with the red and NIR bands
    int red_band = 0;
    int nir_band = 0;
    double ndvi_threshold = 0;  // green where NDVI >= this; default kDefaultNdviThreshold
};

// Throws gg::Error "<file>:<line>: <problem>" for malformed YAML, unknown keys (typos must not be
// ignored silently), missing required keys and values of the wrong type.
Project load_project(const std::string& path);

}  // namespace gg::cli
