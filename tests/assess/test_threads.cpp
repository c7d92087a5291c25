// The same bytes whatever the thread count: oneTBB runs windows on any thread, and the engine
// merges them in window order.
#include <gtest/gtest.h>

#include <cmath>

#include "support/gdal_fixtures.hpp"
#include "support/run_command.hpp"
#include "synthetic_city.hpp"

namespace gg::test {
namespace {

TEST(AssessThreads, OneTwoAndThreeThreadsWriteTheSameCsv) {
    // A population raster of 2000 x 4000 pixels of 10 m in 256 x 256 blocks: one row of blocks
    // is 512,000 cells, so the ~32 MB window budget (3.7 million cells of one band) makes 3
    // windows of 7 block rows, and the zones below each cross all of them.
    TempDir dir;
    RasterFixture pop;
    pop.crs = "EPSG:32647";
    pop.geotransform = {600000, 10, 0, 1540000, 0, -10};
    pop.cols = 2000;
    pop.rows = 4000;
    pop.type = GDT_Float32;
    pop.values.resize(static_cast<size_t>(pop.cols) * pop.rows);
    for (int r = 0; r < pop.rows; ++r)
        for (int c = 0; c < pop.cols; ++c)
            pop.values[static_cast<size_t>(r) * pop.cols + c] =
                1.37 + std::sin(0.01 * c + 0.003 * r);
    write_raster(dir.file("pop_plain.tif"), pop);
    GDALDatasetUniquePtr src(GDALDataset::Open(dir.file("pop_plain.tif").c_str()));
    const char* options[] = {"TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", nullptr};
    GDALDatasetUniquePtr tiled(GetGDALDriverManager()->GetDriverByName("GTiff")->CreateCopy(
        dir.file("pop.tif").c_str(), src.get(), FALSE, const_cast<char**>(options), nullptr,
        nullptr));
    tiled.reset();
    RasterFixture image;  // 100 m pixels over the same extent, all green
    image.crs = "EPSG:32647";
    image.geotransform = {600000, 100, 0, 1540000, 0, -100};
    image.cols = 200;
    image.rows = 400;
    image.bands = 2;
    for (int b = 0; b < 2; ++b) image.values.insert(image.values.end(), 80000, b == 0 ? 0.1 : 0.5);
    write_raster(dir.file("image.tif"), image);
    LayerFixture zones;
    zones.crs = "EPSG:32647";
    zones.fields = {{"code", OFTString}};
    for (int i = 0; i < 6; ++i)
        zones.features.push_back(
            {rectangle(600000 + 3300 * i + 17, 1500003, 603300 + 3300 * i - 29, 1539991),
             {"Z" + std::to_string(i)}});
    write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
    write_text(dir.file("p.yaml"),
               "name: t\nzones:\n  source: zones.gpkg\n  id_field: code\n"
               "  population_raster: pop.tif\n"
               "imagery:\n  source: image.tif\n  red_band: 1\n  nir_band: 2\n");
    std::vector<std::string> csv;
    for (const char* threads : {"1", "2", "3"}) {
        const auto r = run_greengauge({"assess", dir.file("p.yaml"), "-o",
                                       dir.file(std::string("out") + threads), "-j", threads});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        csv.push_back(read_text(dir.file(std::string("out") + threads + "/t.csv")));
    }
    EXPECT_EQ(csv[0], csv[1]);
    EXPECT_EQ(csv[0], csv[2]);
    EXPECT_NE(csv[0].find("Z5"), std::string::npos);
}

}  // namespace
}  // namespace gg::test
