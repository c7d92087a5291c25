// `assess` on recognised products: calibrated, cloud-masked reflectance composited over dates.
#include <gtest/gtest.h>

#include <filesystem>

#include "gis/history_store.hpp"
#include "support/imagery_fixtures.hpp"

namespace gg::test {
namespace {

double value(const Table& t, size_t row, const std::string& name) {
    for (size_t c = 0; c < t.columns.size(); ++c)
        if (t.columns[c].name == name) return std::get<double>(t.rows[row][c]);
    ADD_FAILURE() << "no column " << name;
    return -1;
}

// Landsat C2 L2 surface reflectance = DN * 0.0000275 - 0.2 (docs/methods.md 2).
double sr(double dn) {
    return dn * 0.0000275 - 0.2;
}
double ndvi(double red, double nir) {
    return (nir - red) / (nir + red);
}

// Three dates of 2 x 2 pixels of 30 m (Landsat 8 C2 L2): red DN 10000 / 12000 / 11000, NIR
// 20000 / 22000 / 30000; date 1 has a cloud (QA_PIXEL bit 3) on pixel 0. Their MTL paths.
std::vector<std::string> three_dates(const TempDir& dir) {
    std::vector<std::string> mtl;
    const double red[3] = {10000, 12000, 11000}, nir[3] = {20000, 22000, 30000};
    for (int d = 0; d < 3; ++d) {
        const std::string folder = dir.file("date" + std::to_string(d));
        std::filesystem::create_directory(folder);
        mtl.push_back(write_c2_l2(folder, std::vector<double>(4, red[d]),
                                  std::vector<double>(4, nir[d]),
                                  {d == 0 ? 8.0 : 0.0, 0.0, 0.0, 0.0}));
    }
    return mtl;
}

// zones.gpkg: one zone "Z" covering the 2 x 2 pixels exactly.
void write_one_zone(const TempDir& dir) {
    LayerFixture zones;
    zones.crs = "EPSG:32647";
    zones.fields = {{"code", OFTString}};
    zones.features = {
        {"POLYGON ((500000 999940,500060 999940,500060 1000000,500000 1000000,"
         "500000 999940))",
         {"Z"}}};
    write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
}

TEST(AssessProducts, MedianCompositeOfThreeCloudyDates) {
    // Three dates of 2 x 2 pixels of 30 m: red DN 10000 / 12000 / 11000, NIR 20000 / 22000 /
    // 30000; date 1 has a cloud (QA_PIXEL bit 3) on pixel 0. Median per band, then NDVI:
    // pixel 0 (dates 2, 3): red mean of 12000 and 11000, NIR of 22000 and 30000;
    // pixels 1-3: red 11000, NIR 22000. One zone covering the four pixels equally.
    TempDir dir;
    const std::vector<std::string> mtl = three_dates(dir);
    write_one_zone(dir);
    write_text(dir.file("p.yaml"),
               "name: t\nzones:\n  source: zones.gpkg\n  id_field: code\n"
               "imagery:\n  products: [" +
                   mtl[0] + ", " + mtl[1] + ", " + mtl[2] + "]\n  composite: median\n");
    const auto r = run_greengauge({"assess", dir.file("p.yaml"), "-o", dir.file("out")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const double p0 = ndvi((sr(12000) + sr(11000)) / 2, (sr(22000) + sr(30000)) / 2);
    const double p1 = ndvi(sr(11000), sr(22000));
    const Table t = read_table(dir.file("out/t.gpkg"), "zones");
    EXPECT_NEAR(value(t, 0, "ndvi_mean"), (p0 + 3 * p1) / 4, 1e-6);
    EXPECT_NEAR(value(t, 0, "green_share"), 1.0, 1e-12);
    // 3600 plane m2 on UTM's central meridian, where the scale is k0 = 0.9996 (Snyder 1987,
    // USGS PP 1395, ch. 8): 3600 / k0^2 m2 on the ground.
    EXPECT_NEAR(value(t, 0, "area_m2"), 3600.0 / (0.9996 * 0.9996), 1e-6);
}

// imagery.mask as a list: with [snow] only, date 1's cloud (QA_PIXEL bit 3) is no longer
// masked, so pixel 0's median is over the three dates (red 11000, NIR 22000) like the others.
TEST(AssessProducts, MaskClassesFromTheProjectFile) {
    TempDir dir;
    const std::vector<std::string> mtl = three_dates(dir);
    write_one_zone(dir);
    const std::string head =
        "name: t\nzones:\n  source: zones.gpkg\n  id_field: code\n"
        "imagery:\n  products: [" +
        mtl[0] + ", " + mtl[1] + ", " + mtl[2] + "]\n";
    write_text(dir.file("p.yaml"), head + "  mask: [snow]\n");
    const auto r = run_greengauge({"assess", dir.file("p.yaml"), "-o", dir.file("out")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Table t = read_table(dir.file("out/t.gpkg"), "zones");
    EXPECT_NEAR(value(t, 0, "ndvi_mean"), ndvi(sr(11000), sr(22000)), 1e-6);
    // An unknown class is an error at its line of the project file (line 7: "  mask: ...").
    write_text(dir.file("bad.yaml"), head + "  mask: [cloud, fog]\n");
    const auto bad = run_greengauge({"assess", dir.file("bad.yaml"), "-o", dir.file("out2")});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("bad.yaml:7"), std::string::npos) << bad.err;
    EXPECT_NE(bad.err.find("unknown class 'fog'"), std::string::npos) << bad.err;
}

// The generic profile: a 2-band stack of Landsat C2 L2 DNs (red 10000, NIR 20000 everywhere)
// with imagery.scale / offset. NDVI of the reflectance, not of the DNs: by hand
// (0.35 - 0.075) / (0.35 + 0.075) = 0.647059 (the DN ratio would give 0.333).
TEST(AssessProducts, GenericStackWithScaleAndOffset) {
    TempDir dir;
    RasterFixture stack =
        utm_raster(2, 2, 30, {10000, 10000, 10000, 10000, 20000, 20000, 20000, 20000});
    stack.bands = 2;
    write_raster(dir.file("stack.tif"), stack);
    write_one_zone(dir);
    write_text(dir.file("p.yaml"),
               "name: t\nzones:\n  source: zones.gpkg\n  id_field: code\n"
               "imagery:\n  source: stack.tif\n  red_band: 1\n  nir_band: 2\n"
               "  scale: 0.0000275\n  offset: -0.2\n");
    const auto r = run_greengauge({"assess", dir.file("p.yaml"), "-o", dir.file("out")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Table t = read_table(dir.file("out/t.gpkg"), "zones");
    EXPECT_NEAR(value(t, 0, "ndvi_mean"), (0.35 - 0.075) / (0.35 + 0.075), 1e-6);
    EXPECT_NEAR(value(t, 0, "ndvi_mean"), ndvi(sr(10000), sr(20000)), 1e-9);
}

TEST(AssessProducts, SourceAndProductsTogetherAreRejected) {
    TempDir dir;
    write_text(dir.file("p.yaml"),
               "name: t\nzones:\n  source: z.gpkg\nimagery:\n  source: a.tif\n  products: [b]\n");
    const auto r = run_greengauge({"assess", dir.file("p.yaml"), "-o", dir.file("out")});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("not both"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gg::test
