// Population moved onto another grid by area (gis/people_on_grid.hpp). Expected values by hand:
// a cell's people spread evenly over it, so a target cell gets P x (overlap area / cell area).
#include "gis/people_on_grid.hpp"

#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "support/imagery_fixtures.hpp"
#include "support/run_command.hpp"

namespace gg {
namespace {

// 2 x 2 cells of 100 m with 100, 200 / 300, 400 people, UTM 47N: x 500000-500200, y 999800-
// 1000000 (top edge).
std::string write_cells(const test::TempDir& dir, double cell = 100) {
    const std::string path = dir.file("pop.tif");
    test::write_raster(path, test::utm_raster(2, 2, cell, {100, 200, 300, 400}, GDT_Float32));
    return path;
}

Grid grid(double x0, double y0, double cell, int64_t cols, int64_t rows) {
    return Grid{x0, y0, cell, cell, cols, rows};
}

std::string utm47() {
    OGRSpatialReference srs;
    srs.importFromEPSG(32647);
    char* wkt = nullptr;
    srs.exportToWkt(&wkt);
    std::string out = wkt;
    CPLFree(wkt);
    return out;
}

TEST(PeopleOnGrid, NonNestedFinerGridByHand) {
    test::TempDir dir;
    // 30 m cells from (499990, 1000010): 7 x 7 cells over the 200 x 200 m of people.
    PeopleOnGrid people(write_cells(dir), grid(499990, 1000010, 30, 7, 7), utm47());
    ChannelBuffer b;
    people.read({0, 0, 7, 7}, b);
    const auto at = [&](int c, int r) { return b.values[static_cast<size_t>(r * 7 + c)]; };
    // (0, 0): x 499990-500020 and y 1000010-999980 overlap the 100-people cell by 20 x 20 m.
    EXPECT_NEAR(at(0, 0), 100 * 400.0 / 10000, 1e-9);
    EXPECT_NEAR(at(1, 1), 100 * 900.0 / 10000, 1e-9);  // inside it
    // (3, 0): x 500080-500110: 20 m of the 100 cell and 10 m of the 200 cell, 20 m high.
    EXPECT_NEAR(at(3, 0), 100 * 400.0 / 10000 + 200 * 200.0 / 10000, 1e-9);
    // (3, 3): y 999920-999890 and x 500080-500110: a corner of all four cells.
    EXPECT_NEAR(at(3, 3), (100 * 20 * 20 + 200 * 10 * 20 + 300 * 20 * 10 + 400 * 10 * 10) / 1e4,
                1e-9);
    // Nobody lost: the grid covers every cell.
    EXPECT_NEAR(std::accumulate(b.values.begin(), b.values.end(), 0.0), 1000, 1e-9);
    // The edge column 6 (500170-500200 and beyond) is valid; a cell wholly outside is not.
    EXPECT_TRUE(b.valid[6]);
    PeopleOnGrid wider(write_cells(dir), grid(499900, 1000100, 30, 12, 12), utm47());
    wider.read({0, 0, 12, 12}, b);
    EXPECT_FALSE(b.valid[0]);
    EXPECT_EQ(b.values[0], 0.0);
    EXPECT_NEAR(std::accumulate(b.values.begin(), b.values.end(), 0.0), 1000, 1e-9);
}

TEST(PeopleOnGrid, AnyWindowingGivesTheSameSums) {
    // GDAL 3.6's sum warp leaves seams between chunks; here each window stands alone.
    test::TempDir dir;
    const Grid g = grid(499990, 1000010, 10, 22, 22);
    PeopleOnGrid people(write_cells(dir), g, utm47());
    ChannelBuffer whole, part;
    people.read({0, 0, 22, 22}, whole);
    for (const Window w : {Window{0, 0, 7, 5}, Window{7, 5, 9, 11}, Window{15, 13, 7, 9}}) {
        people.read(w, part);
        for (int64_t r = 0; r < w.rows; ++r)
            for (int64_t c = 0; c < w.cols; ++c)
                EXPECT_NEAR(part.values[static_cast<size_t>(r * w.cols + c)],
                            whole.values[static_cast<size_t>((r + w.row0) * 22 + c + w.col0)],
                            1e-12);
    }
    EXPECT_NEAR(std::accumulate(whole.values.begin(), whole.values.end(), 0.0), 1000, 1e-9);
}

TEST(PeopleOnGrid, GeographicPopulationKeepsItsTotal) {
    // 40 x 40 cells of 1/1200 degree (3 arc seconds, WorldPop's 100 m) at 99.0 E, 9.05 N, onto
    // 30 m UTM 47N cells over all of them: every person lands somewhere, exactly once.
    test::TempDir dir;
    test::RasterFixture f;
    f.crs = "EPSG:4326";
    f.geotransform = {99.0, 1.0 / 1200, 0, 9.05, 0, -1.0 / 1200};
    f.cols = f.rows = 40;
    f.type = GDT_Float64;
    for (int i = 0; i < 1600; ++i) f.values.push_back((i * 37) % 50);
    const double total = std::accumulate(f.values.begin(), f.values.end(), 0.0);
    test::write_raster(dir.file("geo.tif"), f);
    // The cells span 99.0-99.0333 E, 9.0167-9.05 N: about 500,000-503,670 E and 996,700-1,000,380
    // N, inside this grid's 499,800-503,850 E and 996,400-1,000,900 N.
    const Grid g = grid(499800, 1000900, 30, 135, 150);
    PeopleOnGrid people(dir.file("geo.tif"), g, utm47());
    double sum = 0;
    ChannelBuffer b;
    for (int64_t row0 = 0; row0 < g.rows; row0 += 37) {  // in windows of rows, as a pass reads
        people.read({0, row0, g.cols, std::min<int64_t>(37, g.rows - row0)}, b);
        sum += std::accumulate(b.values.begin(), b.values.end(), 0.0);
    }
    EXPECT_NEAR(sum, total, 1e-9 * total);
}

TEST(PeopleOnGrid, BadInputNamesTheFile) {
    test::TempDir dir;
    test::RasterFixture f = test::utm_raster(2, 1, 100, {5, -1}, GDT_Float32);
    test::write_raster(dir.file("neg.tif"), f);
    PeopleOnGrid people(dir.file("neg.tif"), grid(500000, 1000000, 30, 7, 4), utm47());
    ChannelBuffer b;
    try {
        people.read({0, 0, 7, 4}, b);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("neg.tif"), std::string::npos) << e.what();
    }
    EXPECT_THROW(PeopleOnGrid(dir.file("missing.tif"), grid(0, 0, 30, 1, 1), utm47()), Error);
}

}  // namespace
}  // namespace gg
