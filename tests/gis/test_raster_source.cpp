// RasterSource against the Olinda Landsat 7 sample and small GeoTIFFs written per test.
#include "gis/raster_source.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>

#include "core/error.hpp"
#include "support/gdal_fixtures.hpp"
#include "support/run_command.hpp"

namespace {

const std::string kOlinda = std::string(GG_DATA_DIR) + "/olinda/L7_ETMs.tif";

// Runs f, which must throw gg::Error: one line, naming the file and the problem, and GDAL must
// print nothing of its own.
void expect_error(const std::function<void()>& f, const std::string& file,
                  const std::string& phrase) {
    testing::internal::CaptureStderr();
    testing::internal::CaptureStdout();
    std::string message;
    try {
        f();
    } catch (const gg::Error& e) {
        message = e.what();
    }
    const std::string err = testing::internal::GetCapturedStderr();
    const std::string out = testing::internal::GetCapturedStdout();
    ASSERT_FALSE(message.empty()) << "no gg::Error thrown, expected: " << phrase;
    EXPECT_NE(message.find(file), std::string::npos) << message;
    EXPECT_NE(message.find(phrase), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_EQ(err, "");
    EXPECT_EQ(out, "");
}

TEST(RasterSource, OlindaInfoMatchesGdalinfo) {
    // Expected values: `gdalinfo data/olinda/L7_ETMs.tif` (GDAL 3.6.2).
    const auto src = gg::RasterSource::open(kOlinda);
    const gg::RasterInfo& info = src.info();
    EXPECT_EQ(info.path, kOlinda);
    EXPECT_EQ(info.grid.cols, 349);
    EXPECT_EQ(info.grid.rows, 352);
    EXPECT_EQ(info.band_count, 6);
    EXPECT_DOUBLE_EQ(info.grid.x0, 288776.250000803149305);
    EXPECT_DOUBLE_EQ(info.grid.y0, 9120760.750028736889362);
    EXPECT_DOUBLE_EQ(info.grid.dx, 28.499999999274539);
    EXPECT_DOUBLE_EQ(info.grid.dy, 28.499999999274539);  // positive: rows go south
    EXPECT_FALSE(info.geographic);
    EXPECT_DOUBLE_EQ(info.linear_unit_m, 1.0);
    EXPECT_EQ(info.data_type, "Byte");
    EXPECT_EQ(info.block_cols, 349);
    EXPECT_EQ(info.block_rows, 3);
    EXPECT_EQ(info.crs_wkt.rfind("PROJCRS[\"SIRGAS 2000 / UTM zone 25S\"", 0), 0u) << info.crs_wkt;
    EXPECT_NE(info.crs_wkt.find("ID[\"EPSG\",31985]"), std::string::npos);
    // South-east corner, gdalinfo "Lower Right (298722.750, 9110728.750)".
    EXPECT_NEAR(info.grid.cell_left(info.grid.cols), 298722.750, 1e-3);
    EXPECT_NEAR(info.grid.cell_top(info.grid.rows), 9110728.750, 1e-3);
}

TEST(RasterSource, OlindaPixelsMatchGdallocationinfo) {
    // Expected: `gdallocationinfo -valonly -b B data/olinda/L7_ETMs.tif COL ROW`.
    struct Probe {
        int band, col, row;
        double value;
    };
    const Probe probes[] = {{1, 100, 50, 63},   {3, 100, 50, 36}, {6, 100, 50, 31},
                            {1, 0, 0, 69},      {3, 0, 0, 46},    {6, 348, 351, 12},
                            {1, 348, 351, 100}, {3, 139, 79, 56}, {6, 139, 79, 66}};
    const auto src = gg::RasterSource::open(kOlinda);
    for (int band : {1, 3, 6}) {
        std::vector<double> v;
        std::vector<unsigned char> valid;
        src.read(band, src.info().grid.full(), v, valid);
        ASSERT_EQ(v.size(), 349u * 352u);
        ASSERT_EQ(valid.size(), v.size());
        for (unsigned char m : valid) ASSERT_EQ(m, 1);  // no nodata, no mask: all valid
        for (const Probe& p : probes) {
            if (p.band != band) continue;
            EXPECT_EQ(v[static_cast<size_t>(p.row) * 349 + static_cast<size_t>(p.col)], p.value)
                << "band " << band << " col " << p.col << " row " << p.row;
        }
    }
}

TEST(RasterSource, WindowReadEqualsWholeBandRead) {
    const auto src = gg::RasterSource::open(kOlinda);
    const gg::Grid& g = src.info().grid;
    std::vector<double> all, part;
    std::vector<unsigned char> all_valid, part_valid;
    src.read(4, g.full(), all, all_valid);
    // Interior, first-cell and last-cell windows; sizes not aligned to the 349x3 blocks.
    for (const gg::Window w : {gg::Window{100, 50, 40, 31}, gg::Window{0, 0, 1, 1},
                               gg::Window{300, 340, 49, 12}, gg::Window{0, 7, 349, 5}}) {
        src.read(4, w, part, part_valid);
        ASSERT_EQ(part.size(), static_cast<size_t>(w.size()));
        double sum = 0;
        for (int64_t r = 0; r < w.rows; ++r)
            for (int64_t c = 0; c < w.cols; ++c) {
                const auto i = static_cast<size_t>(r * w.cols + c);
                const auto j = static_cast<size_t>((w.row0 + r) * g.cols + w.col0 + c);
                ASSERT_EQ(part[i], all[j]) << "window " << w.col0 << "," << w.row0;
                ASSERT_EQ(part_valid[i], all_valid[j]);
                sum += part[i];
            }
        EXPECT_GT(sum, 0);  // the window is not a block of zeros that would match anything
    }
}

TEST(RasterSource, NodataAndNanAreInvalid) {
    gg::test::TempDir dir;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    gg::test::RasterFixture r;
    r.crs = "EPSG:32647";
    r.geotransform = {500000, 10, 0, 1500000, 0, -10};
    r.cols = 3;
    r.rows = 2;
    r.type = GDT_Float32;
    r.nodata = -9999;
    r.values = {1.5, -9999, nan, 4, 0, -9999};
    gg::test::write_raster(dir.file("nodata.tif"), r);
    r.nodata.reset();  // no nodata: GDAL says "all valid", NaN must still be invalid
    gg::test::write_raster(dir.file("nan.tif"), r);

    std::vector<double> v;
    std::vector<unsigned char> valid;
    const auto with_nodata = gg::RasterSource::open(dir.file("nodata.tif"));
    EXPECT_EQ(with_nodata.info().data_type, "Float32");
    with_nodata.read(1, with_nodata.info().grid.full(), v, valid);
    EXPECT_EQ(valid, (std::vector<unsigned char>{1, 0, 0, 1, 1, 0}));
    EXPECT_EQ(v[0], 1.5);
    EXPECT_EQ(v[3], 4.0);

    const auto nan_only = gg::RasterSource::open(dir.file("nan.tif"));
    nan_only.read(1, gg::Window{1, 0, 2, 2}, v, valid);
    EXPECT_EQ(valid, (std::vector<unsigned char>{1, 0, 1, 1}));
    EXPECT_EQ(v[0], -9999.0);  // an ordinary value when no nodata is declared
}

TEST(RasterSource, ByteNodataMasksOnlyThatValue) {
    gg::test::TempDir dir;
    gg::test::RasterFixture r;
    r.crs = "EPSG:31985";
    r.geotransform = {290000, 30, 0, 9115000, 0, -30};
    r.cols = 4;
    r.rows = 1;
    r.nodata = 0;
    r.values = {0, 1, 255, 0};
    gg::test::write_raster(dir.file("byte.tif"), r);
    const auto src = gg::RasterSource::open(dir.file("byte.tif"));
    std::vector<double> v;
    std::vector<unsigned char> valid;
    src.read(1, src.info().grid.full(), v, valid);
    EXPECT_EQ(valid, (std::vector<unsigned char>{0, 1, 1, 0}));
    EXPECT_EQ(v, (std::vector<double>{0, 1, 255, 0}));
}

// The 16-bit read of digital numbers: the values written, nodata invalid, and only for Byte and
// UInt16 bands (an Int16 -1 or a Float32 0.5 has no 16-bit DN).
TEST(RasterSource, DigitalNumbersReadAs16Bit) {
    gg::test::TempDir dir;
    gg::test::RasterFixture r;
    r.crs = "EPSG:32647";
    r.geotransform = {500000, 10, 0, 1500000, 0, -10};
    r.cols = 3;
    r.rows = 2;
    r.type = GDT_UInt16;
    r.nodata = 0;
    r.values = {0, 1, 65535, 7000, 0, 12345};
    gg::test::write_raster(dir.file("u16.tif"), r);
    r.type = GDT_Int16;
    r.values = {-1, 1, 2, 3, 4, 5};
    gg::test::write_raster(dir.file("i16.tif"), r);

    const auto u16 = gg::RasterSource::open(dir.file("u16.tif"));
    ASSERT_TRUE(u16.holds_dn16(1));
    std::vector<uint16_t> dn;
    std::vector<unsigned char> valid;
    u16.read(1, u16.info().grid.full(), dn, valid);
    EXPECT_EQ(dn, (std::vector<uint16_t>{0, 1, 65535, 7000, 0, 12345}));
    EXPECT_EQ(valid, (std::vector<unsigned char>{0, 1, 1, 1, 0, 1}));
    u16.read(1, gg::Window{1, 1, 2, 1}, dn, valid);
    EXPECT_EQ(dn, (std::vector<uint16_t>{0, 12345}));
    EXPECT_EQ(valid, (std::vector<unsigned char>{0, 1}));

    const auto i16 = gg::RasterSource::open(dir.file("i16.tif"));
    EXPECT_FALSE(i16.holds_dn16(1));
    EXPECT_THROW(i16.read(1, i16.info().grid.full(), dn, valid), std::logic_error);
    const auto olinda = gg::RasterSource::open(kOlinda);  // Byte
    EXPECT_TRUE(olinda.holds_dn16(1));
}

TEST(RasterSource, GeographicRasterInfo) {
    gg::test::TempDir dir;
    gg::test::RasterFixture r;
    r.crs = "EPSG:4326";
    r.geotransform = {100, 1, 0, 14, 0, -1};
    r.cols = 3;
    r.rows = 4;
    r.bands = 2;
    r.type = GDT_Int16;
    gg::test::write_raster(dir.file("geo.tif"), r);
    const auto src = gg::RasterSource::open(dir.file("geo.tif"));
    const gg::RasterInfo& info = src.info();
    EXPECT_TRUE(info.geographic);
    EXPECT_EQ(info.band_count, 2);
    EXPECT_EQ(info.data_type, "Int16");
    EXPECT_DOUBLE_EQ(info.grid.x0, 100);
    EXPECT_DOUBLE_EQ(info.grid.y0, 14);
    EXPECT_DOUBLE_EQ(info.grid.dx, 1);
    EXPECT_DOUBLE_EQ(info.grid.dy, 1);
    EXPECT_EQ(info.crs_wkt.rfind("GEOGCRS[\"WGS 84\"", 0), 0u) << info.crs_wkt;
}

TEST(RasterSource, ProjectedUnitInUsFeet) {
    // EPSG:2263 is in US survey feet: 1200/3937 m by definition of the unit.
    gg::test::TempDir dir;
    gg::test::RasterFixture r;
    r.crs = "EPSG:2263";
    r.geotransform = {980000, 10, 0, 200000, 0, -10};
    gg::test::write_raster(dir.file("ft.tif"), r);
    const auto src = gg::RasterSource::open(dir.file("ft.tif"));
    EXPECT_FALSE(src.info().geographic);
    EXPECT_NEAR(src.info().linear_unit_m, 1200.0 / 3937.0, 1e-12);
}

TEST(RasterSource, MovedSourceStillReads) {
    auto a = gg::RasterSource::open(kOlinda);
    gg::RasterSource b = std::move(a);
    std::vector<double> v;
    std::vector<unsigned char> valid;
    b.read(1, gg::Window{100, 50, 1, 1}, v, valid);
    EXPECT_EQ(v, std::vector<double>{63});  // gdallocationinfo -b 1 ... 100 50
}

TEST(RasterSourceErrors, MissingFile) {
    expect_error([] { gg::RasterSource::open("data/x.tif"); }, "data/x.tif", ": no such file");
}

TEST(RasterSourceErrors, TextFileIsNotARaster) {
    gg::test::TempDir dir;
    gg::test::write_text(dir.file("notes.txt"), "field notes\nnot a raster\n");
    expect_error([&] { gg::RasterSource::open(dir.file("notes.txt")); }, "notes.txt",
                 ": not a raster GDAL can read");
}

TEST(RasterSourceErrors, VectorFileIsNotARaster) {
    expect_error([] { gg::RasterSource::open(std::string(GG_DATA_DIR) + "/olinda/olinda1.shp"); },
                 "olinda1.shp", ": is a vector dataset, not a raster");
}

TEST(RasterSourceErrors, BandOutOfRange) {
    const auto src = gg::RasterSource::open(kOlinda);
    expect_error([&] { src.check_band(7); }, "L7_ETMs.tif",
                 ": band 7 does not exist (the raster has 6 bands)");
    expect_error([&] { src.check_band(0); }, "L7_ETMs.tif", ": band 0 does not exist");
    std::vector<double> v;
    std::vector<unsigned char> valid;
    expect_error(
        [&] {
            src.read(7, gg::Window{0, 0, 1, 1}, v, valid);
        },
        "L7_ETMs.tif", "band 7 does not exist");
    EXPECT_NO_THROW(src.check_band(6));
}

TEST(RasterSourceErrors, NoCrs) {
    gg::test::TempDir dir;
    gg::test::RasterFixture r;
    r.geotransform = {0, 1, 0, 10, 0, -1};
    gg::test::write_raster(dir.file("nocrs.tif"), r);
    expect_error([&] { gg::RasterSource::open(dir.file("nocrs.tif")); }, "nocrs.tif",
                 ": has no coordinate reference system");
}

TEST(RasterSourceErrors, RotatedGeotransform) {
    gg::test::TempDir dir;
    gg::test::RasterFixture r;
    r.crs = "EPSG:31985";
    r.geotransform = {290000, 30, 5, 9115000, 5, -30};
    gg::test::write_raster(dir.file("rotated.tif"), r);
    expect_error([&] { gg::RasterSource::open(dir.file("rotated.tif")); }, "rotated.tif",
                 ": rotated geotransform not supported");
}

TEST(RasterSourceErrors, SouthUpGeotransform) {
    gg::test::TempDir dir;
    gg::test::RasterFixture r;
    r.crs = "EPSG:4326";
    r.geotransform = {100, 1, 0, 10, 0, 1};
    gg::test::write_raster(dir.file("southup.tif"), r);
    expect_error([&] { gg::RasterSource::open(dir.file("southup.tif")); }, "southup.tif",
                 ": south-up geotransform not supported");
}

TEST(RasterSourceErrors, WindowOutsideGridIsAProgrammingError) {
    const auto src = gg::RasterSource::open(kOlinda);
    std::vector<double> v;
    std::vector<unsigned char> valid;
    EXPECT_THROW(src.read(1, gg::Window{340, 0, 10, 1}, v, valid), std::out_of_range);
    EXPECT_THROW(src.read(1, gg::Window{-1, 0, 2, 1}, v, valid), std::out_of_range);
}

}  // namespace
