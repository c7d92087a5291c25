#pragma once
// The project file of `greengauge assess` (YAML): which zones, which image, which parameters.
// Relative paths are relative to the project file's folder.
#include <map>
#include <string>
#include <vector>

#include "core/landcover.hpp"
#include "core/mask_selection.hpp"
#include "gis/green_polygons.hpp"
#include "gis/zone_reader.hpp"

namespace gg::cli {

struct Project {
    std::string path;  // the project file itself
    std::string name;  // names the outputs: <out>/<name>.gpkg and <out>/<name>.csv
    ZoneLayerSpec zones;
    // People per pixel (WorldPop / GHS-POP style), summed with exact coverage fractions; an
    // alternative to zones.population_field.
    std::string population_raster;
    // Optional green-space polygons (parks, gardens, ...) and the accessibility rule.
    GreenLayerSpec green_spaces;  // path empty: none
    AccessOptions access;
    // Optional land-cover raster: class codes that count as green and as tree canopy.
    std::string landcover;
    int landcover_band = 1;
    LandCoverClasses landcover_classes;
    std::string image;  // raster with the red and NIR bands, or
    int red_band = 0;
    int nir_band = 0;
    // The generic profile: value = DN * image_scale + image_offset (imagery.scale / offset), for a
    // stack whose DNs are scaled reflectance (an offset changes NDVI; a scale alone does not).
    double image_scale = 1;
    double image_offset = 0;
    std::vector<std::string> products;  // recognised products (Landsat, Sentinel-2), composited
    std::string composite = "median";   // median | mean | max-ndvi
    MaskSelection mask;                 // imagery.mask: which QA / SCL classes are dropped
    double ndvi_threshold = 0;          // green where NDVI >= this; default kDefaultNdviThreshold
    double tree_ndvi_threshold = 0.5;   // canopy proxy (see GreenParams)
    std::vector<double> sensitivity = {0.2, 0.3, 0.4};  // NDVI thresholds of the sweep

    // Indicator frameworks (docs/frameworks.md): built-in ids or framework files.
    int year = 0;                         // assessment year; default: the current year
    std::vector<std::string> frameworks;  // "deqp_green_area" or "path/to/file.yaml"
    std::string records;                  // optional CSV of municipal records
    // Inputs taken from the zones: input id -> zone attribute field, or one value for all.
    struct ZoneInput {
        std::string field;
        std::string value;
    };
    std::map<std::string, ZoneInput> zone_inputs;
};

// Throws gg::Error "<file>:<line>: <problem>" for malformed YAML, unknown keys (typos must not be
// ignored silently), missing required keys and values of the wrong type.
Project load_project(const std::string& path);

}  // namespace gg::cli
