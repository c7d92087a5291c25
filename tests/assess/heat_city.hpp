#pragma once
// The heat tests' synthetic Landsat 8 Collection 2 Level-2 (L2SP) product of 8 x 4 pixels of 30 m
// and its zones (tests/assess/test_heat_family.cpp describes the values and how the answers are
// derived); shared by the heat family's tests.
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "support/imagery_fixtures.hpp"
#include "synthetic_city.hpp"

namespace gg::assess::heat_test {

inline constexpr int kCols = 8, kRows = 4;
inline const std::string kId = "LC08_L2SP_129050_20230101_20230110_02_T1";

inline double red_dn(int, int) {
    return 10000;
}
inline double nir_dn(int c, int r) {
    return 12000 + 2000 * ((c + r) % 5);
}
inline double st_dn(int c, int r) {
    return c >= 6 ? 0 : 44000 + 300 * c - 500 * ((c + r) % 5);
}
inline double qa(int c, int r) {
    return c == 3 && r == 0 ? 1 : 21824;
}  // 1: fill; 21824: clear

inline double reflectance(double dn) {
    return dn * 0.0000275 - 0.2;
}
inline double kelvin(double dn) {
    return dn * 0.00341802 + 149.0;
}
inline double ndvi(int c, int r) {
    const double red = reflectance(red_dn(c, r)), nir = reflectance(nir_dn(c, r));
    return (nir - red) / (nir + red);
}

template <typename F>
std::vector<double> grid(F f) {
    std::vector<double> v;
    for (int r = 0; r < kRows; ++r)
        for (int c = 0; c < kCols; ++c) v.push_back(f(c, r));
    return v;
}

inline std::string write_product(const std::string& dir, bool all_fill = false) {
    using test::utm_raster;
    using test::write_raster;
    const auto px = [&](const char* band, std::vector<double> v) {
        write_raster(dir + "/" + kId + "_" + band + ".TIF", utm_raster(kCols, kRows, 30, v));
    };
    px("SR_B4", grid(red_dn));
    px("SR_B5", grid(nir_dn));
    px("ST_B10", all_fill ? std::vector<double>(kCols * kRows, 0) : grid(st_dn));
    px("QA_PIXEL", grid(qa));
    px("QA_RADSAT", std::vector<double>(kCols * kRows, 0));
    return test::write_l2sp_mtl(dir, kId);
}

using Raster = std::vector<std::optional<double>>;  // row-major, empty where invalid

// Gi* of every cell, band r (square, self included), over the valid cells of cols x rows.
inline Raster brute_force_gi(const Raster& x, int cols, int rows, int r) {
    double n = 0, sum = 0;
    for (const auto& v : x)
        if (v) n += 1, sum += *v;
    const double mean = sum / n;
    double ss = 0;
    for (const auto& v : x)
        if (v) ss += (*v - mean) * (*v - mean);
    const double s = std::sqrt(ss / n);
    Raster z(x.size());
    for (int i = 0; i < cols * rows; ++i) {
        if (!x[static_cast<size_t>(i)]) continue;
        double sx = 0, w = 0;
        for (int j = 0; j < cols * rows; ++j)
            if (x[static_cast<size_t>(j)] && std::abs(i % cols - j % cols) <= r &&
                std::abs(i / cols - j / cols) <= r)
                sx += *x[static_cast<size_t>(j)], w += 1;
        const double den = n * w - w * w;
        if (den > 0) z[static_cast<size_t>(i)] = (sx - mean * w) / (s * std::sqrt(den / (n - 1)));
    }
    return z;
}

inline Raster synthetic_lst() {
    Raster x;
    for (int r = 0; r < kRows; ++r)
        for (int c = 0; c < kCols; ++c)
            x.push_back(c >= 6 || qa(c, r) == 1 ? std::nullopt
                                                : std::optional(kelvin(st_dn(c, r))));
    return x;
}

struct HeatCity {
    test::TempDir dir;
    std::string project = dir.file("heat.yaml");
    // zones_extra: more lines of the zones section (e.g. "  population_raster: pop.tif\n").
    explicit HeatCity(bool all_fill = false, const std::string& heat = "heat: {}\n",
                      const std::string& zones_extra = "") {
        const std::string mtl = write_product(dir.path(), all_fill);
        test::LayerFixture zones;
        zones.crs = "EPSG:32647";
        zones.fields = {{"code", OFTString}};
        const auto rect = [](int x0, int x1) {
            return test::rectangle(500000 + x0, 999880, 500000 + x1, 1000000);
        };
        zones.features = {{rect(0, 90), {"A"}},
                          {rect(90, 180), {"B"}},
                          {rect(180, 240), {"C"}},
                          {rect(1000, 1100), {"D"}}};
        test::write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
        test::write_text(project,
                         "name: heat\nareas: planar\nzones:\n  source: zones.gpkg\n"
                         "  id_field: code\n" +
                             zones_extra + "imagery:\n  products: [" + mtl + "]\n" + heat);
    }
};

}  // namespace gg::assess::heat_test
