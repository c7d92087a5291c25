#pragma once
// A small synthetic city for the assessment tests, every answer derivable by hand.
//
// UTM 47N (EPSG:32647, metres). Image: 30 x 20 pixels of 10 m from (600000, 1500000), band 1 red
// 0.1 everywhere, band 2 NIR 0.5 where column < 20 (x < 600200: NDVI 0.4 / 0.6 = 0.667, green and
// dense) and 0.12 elsewhere (NDVI 0.02 / 0.22 = 0.091, not green). Zones, all y 1499800..1500000:
//   F "North" x 600000..600150  30,000 m2, inside, all green, 100 residents
//   E "North" x 600150..600200  10,000 m2, inside, all green, 0 residents
//   T "South" x 600200..600500  60,000 m2, the image covers x < 600300: 20,000 m2, 1/3, no green,
//                               50 residents
//   O "East"  x 601000..601100  20,000 m2, outside the image, 70 residents
// Parks (public field "access"): P x 600020..600070, y 1499900..1499950 (2,500 m2, "yes") and
// Q x 600100..600120, y 1499900..1499920 (400 m2, "no"), both in F.
// These are plane areas of UTM 47N: the project says `areas: planar` unless told otherwise (on the
// ellipsoid they are 1 / k^2 = 1.00055 times larger here, 100 km east of the central meridian:
// tests/assess/test_areas.cpp).
#include <string>

#include "support/gdal_fixtures.hpp"
#include "support/run_command.hpp"

namespace gg::test {

inline std::string rectangle(int x0, int y0, int x1, int y1) {
    const auto X0 = std::to_string(x0), Y0 = std::to_string(y0), X1 = std::to_string(x1),
               Y1 = std::to_string(y1);
    return "POLYGON ((" + X0 + " " + Y0 + "," + X1 + " " + Y0 + "," + X1 + " " + Y1 + "," + X0 +
           " " + Y1 + "," + X0 + " " + Y0 + "))";
}

struct SyntheticCity {
    TempDir dir;
    std::string project = dir.file("city.yaml");
    std::string out = dir.file("out");

    // extra: YAML appended to the project file (frameworks, landcover, ...); areas: the value
    // of the project's `areas` key (empty: no key, the default convention).
    explicit SyntheticCity(const std::string& extra = "", bool parks = true,
                           const std::string& areas = "planar") {
        RasterFixture image;
        image.crs = "EPSG:32647";
        image.geotransform = {600000, 10, 0, 1500000, 0, -10};
        image.cols = 30;
        image.rows = 20;
        image.bands = 2;
        for (int b = 0; b < 2; ++b)
            for (int r = 0; r < image.rows; ++r)
                for (int c = 0; c < image.cols; ++c)
                    image.values.push_back(b == 0 ? 0.1 : (c < 20 ? 0.5 : 0.12));
        image.type = GDT_Float32;
        write_raster(dir.file("image.tif"), image);

        LayerFixture zones;
        zones.crs = "EPSG:32647";
        zones.fields = {{"code", OFTString}, {"name", OFTString}, {"pop", OFTReal}};
        zones.features = {{rectangle(600000, 1499800, 600150, 1500000), {"F", "North", "100"}},
                          {rectangle(600150, 1499800, 600200, 1500000), {"E", "North", "0"}},
                          {rectangle(600200, 1499800, 600500, 1500000), {"T", "South", "50"}},
                          {rectangle(601000, 1499800, 601100, 1500000), {"O", "East", "70"}}};
        write_vector(dir.file("zones.gpkg"), "GPKG", {zones});

        LayerFixture green;
        green.name = "parks";
        green.crs = "EPSG:32647";
        green.fields = {{"access", OFTString}};
        green.features = {{rectangle(600020, 1499900, 600070, 1499950), {"yes"}},
                          {rectangle(600100, 1499900, 600120, 1499920), {"no"}}};
        write_vector(dir.file("parks.gpkg"), "GPKG", {green});

        std::string text = "name: city\nyear: 2025\n";
        if (!areas.empty()) text += "areas: " + areas + "\n";
        text +=
            "zones:\n  source: zones.gpkg\n  id_field: code\n  name_field: name\n"
            "  population_field: pop\n"
            "imagery:\n  source: image.tif\n  red_band: 1\n  nir_band: 2\n";
        if (parks) text += "green_spaces:\n  source: parks.gpkg\n  public_field: access\n";
        write_text(project, text + extra);
    }

    // A one-band raster on the image's grid (30 x 20 pixels of 10 m), value(column) per pixel.
    template <typename Value>
    void write_grid(const std::string& name, Value value) const {
        RasterFixture grid;
        grid.crs = "EPSG:32647";
        grid.geotransform = {600000, 10, 0, 1500000, 0, -10};
        grid.cols = 30;
        grid.rows = 20;
        for (int r = 0; r < grid.rows; ++r)
            for (int c = 0; c < grid.cols; ++c) grid.values.push_back(value(c));
        write_raster(dir.file(name), grid);
    }
};

}  // namespace gg::test
