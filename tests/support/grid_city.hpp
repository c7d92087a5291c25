#pragma once
// A synthetic city for end-to-end runs of `greengauge assess`: a grid of square zones of 2 x 2
// pixels of 10 m (UTM 47N), a two-band image (red, near infrared reflectance) whose NDVI differs
// from zone to zone, a GeoJSON zone layer with ids, names and residents, and a project file.
#include <fmt/format.h>

#include <functional>
#include <string>

#include "support/gdal_fixtures.hpp"
#include "support/run_command.hpp"

namespace gg::test {

struct GridCity {
    int zones_x = 3;
    int zones_y = 1;
    // The name of zone k (0-based), in the layer's field "name".
    std::function<std::string(int)> name = [](int k) { return "zone " + std::to_string(k); };
    bool zone_outside = false;  // one more zone, outside the image (a warning)
    std::string frameworks = "[onep_green_per_capita]";  // "" for none
    std::string project_name = "city";
    // The project's `areas` (written last, so the other keys keep their lines): "" for none (the
    // default, ellipsoidal: a zone is 400 / k^2 = 400.22 ground m2 here, 100 km east of UTM 47N's
    // central meridian), "planar" for exactly its 400 plane m2.
    std::string areas;
};

inline int grid_city_zones(const GridCity& c) {
    return c.zones_x * c.zones_y;
}

// NDVI of zone k's pixels: red 0.1, NIR from 0.1 to 0.7 (NDVI 0 to 0.75) in 7 steps.
inline double grid_city_nir(int k) {
    return 0.1 + 0.1 * (k % 7);
}

// Writes city.tif, zones.geojson and project.yaml into dir; returns the project file's path.
inline std::string write_grid_city(const std::string& dir, const GridCity& c) {
    constexpr double x0 = 600000, y0 = 1500000, cell = 10;
    RasterFixture r;
    r.crs = "EPSG:32647";
    r.geotransform = {x0, cell, 0, y0, 0, -cell};
    r.cols = 2 * c.zones_x;
    r.rows = 2 * c.zones_y;
    r.bands = 2;
    r.type = GDT_Float32;
    const size_t n = static_cast<size_t>(r.cols) * static_cast<size_t>(r.rows);
    r.values.assign(2 * n, 0.1);
    for (int row = 0; row < r.rows; ++row)
        for (int col = 0; col < r.cols; ++col) {
            const int k = (row / 2) * c.zones_x + col / 2;
            r.values[n + static_cast<size_t>(row) * static_cast<size_t>(r.cols) +
                     static_cast<size_t>(col)] = grid_city_nir(k);
        }
    write_raster(dir + "/city.tif", r);

    LayerFixture zones;
    zones.name = "zones";
    zones.crs = "EPSG:32647";
    zones.geometry_type = wkbPolygon;
    zones.fields = {{"zone_id", OFTString}, {"name", OFTString}, {"residents", OFTInteger}};
    auto square = [&](double x, double y) {
        return fmt::format("POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))", x, y, x + 2 * cell,
                           y - 2 * cell);
    };
    for (int k = 0; k < grid_city_zones(c); ++k) {
        const int zx = k % c.zones_x, zy = k / c.zones_x;
        zones.features.push_back({square(x0 + 2 * cell * zx, y0 - 2 * cell * zy),
                                  {fmt::format("z{}", k), c.name(k), std::to_string(100 + k)}});
    }
    if (c.zone_outside)
        zones.features.push_back({square(x0 - 1000, y0 + 1000), {"outside", "Outside", "50"}});
    write_vector(dir + "/zones.geojson", "GeoJSON", {zones});

    std::string project = fmt::format(
        "name: {}\nyear: 2024\nzones:\n  source: zones.geojson\n  id_field: zone_id\n"
        "  name_field: name\n  population_field: residents\n"
        "imagery:\n  source: city.tif\n  red_band: 1\n  nir_band: 2\n",
        c.project_name);
    if (!c.frameworks.empty()) project += fmt::format("frameworks: {}\n", c.frameworks);
    if (!c.areas.empty()) project += "areas: " + c.areas + "\n";
    write_text(dir + "/project.yaml", project);
    return dir + "/project.yaml";
}

}  // namespace gg::test
