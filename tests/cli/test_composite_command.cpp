// greengauge composite end to end: three synthetic Landsat C2 L2 dates with clouds, whose
// median / mean / max-NDVI and count are worked out by hand; a scene on another grid or UTM zone
// reprojected onto the first; bad input fails cleanly.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "support/imagery_fixtures.hpp"

namespace gg::test {
namespace {

const std::string kId = "LC08_L2SP_129050_20230101_20230110_02_T1";  // write_c2_l2's product
constexpr double kClear = 21824;                                     // QA_PIXEL clear land
constexpr double kCloud = 22280;  // QA_PIXEL cloud (bit 3), high confidence

// Landsat C2 L2 surface reflectance (docs/methods.md 2).
double rho(double dn) {
    return dn * 0.0000275 - 0.2;
}
double ndvi_dn(double red, double nir) {
    return (rho(nir) - rho(red)) / (rho(nir) + rho(red));
}

struct Band2 {
    std::vector<float> value, count;
    int cols = 0, rows = 0;
    double nodata = 0;
    std::string layout, description1, description2;
};

Band2 open_composite(const std::string& path) {
    gg::init_gdal();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds) throw std::runtime_error("cannot open " + path);
    if (ds->GetRasterCount() != 2) throw std::runtime_error(path + ": not 2 bands");
    Band2 b;
    b.cols = ds->GetRasterXSize();
    b.rows = ds->GetRasterYSize();
    const char* layout = ds->GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE");
    b.layout = layout ? layout : "";
    b.nodata = ds->GetRasterBand(1)->GetNoDataValue();
    b.description1 = ds->GetRasterBand(1)->GetDescription();
    b.description2 = ds->GetRasterBand(2)->GetDescription();
    const auto n = static_cast<size_t>(b.cols) * static_cast<size_t>(b.rows);
    b.value.resize(n);
    b.count.resize(n);
    for (int band = 1; band <= 2; ++band)
        if (ds->GetRasterBand(band)->RasterIO(GF_Read, 0, 0, b.cols, b.rows,
                                              (band == 1 ? b.value : b.count).data(), b.cols,
                                              b.rows, GDT_Float32, 0, 0) != CE_None)
            throw std::runtime_error("cannot read " + path);
    return b;
}

// The three dates (2 x 2 pixels each, same grid). Pixel 0 is clear on every date, pixel 1 is
// cloudy on date B, pixel 2 clear on A only, pixel 3 cloudy on every date. The cloudy values are
// extreme (NDVI near 1 or negative), so using one would change every expected value.
struct Dates {
    TempDir a, b, c;
    std::string mtl_a, mtl_b, mtl_c;
    std::vector<double> red_a{10000, 10000, 10000, 10000}, nir_a{20000, 30000, 20000, 20000};
    std::vector<double> red_b{12000, 8000, 8000, 8000}, nir_b{24000, 40000, 40000, 40000};
    std::vector<double> red_c{11000, 10000, 20000, 8000}, nir_c{30000, 25000, 9000, 40000};
    Dates() {
        mtl_a = write_c2_l2(a.path(), red_a, nir_a, {kClear, kClear, kClear, kCloud});
        mtl_b = write_c2_l2(b.path(), red_b, nir_b, {kClear, kCloud, kCloud, kCloud});
        mtl_c = write_c2_l2(c.path(), red_c, nir_c, {kClear, kClear, kCloud, kCloud});
    }
    double ndvi_a(size_t p) const { return ndvi_dn(red_a[p], nir_a[p]); }
    double ndvi_b(size_t p) const { return ndvi_dn(red_b[p], nir_b[p]); }
    double ndvi_c(size_t p) const { return ndvi_dn(red_c[p], nir_c[p]); }
};

void expect_clean_failure(const CommandResult& r, const std::string& problem, const TempDir& out) {
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("greengauge: error: ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find(problem), std::string::npos) << r.err;
    EXPECT_TRUE(out.entries().empty()) << "output left behind";
}

CommandResult composite(const std::vector<std::string>& mtls, std::vector<std::string> extra) {
    std::vector<std::string> args = {"composite"};
    for (const auto& m : mtls) {
        args.emplace_back("-p");
        args.push_back(m);
    }
    args.insert(args.end(), extra.begin(), extra.end());
    return run_greengauge(args);
}

TEST(CompositeCommand, MedianNdviOfThreeCloudyDates) {
    Dates d;
    TempDir out;
    const auto r = composite({d.mtl_a, d.mtl_b, d.mtl_c},
                             {"--index", "ndvi", "--method", "median", "-o", out.file("m.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("3 with a value, 1 without a valid observation"), std::string::npos)
        << r.out;
    const Band2 c = open_composite(out.file("m.tif"));
    EXPECT_EQ(c.layout, "COG");
    EXPECT_EQ(c.nodata, -9999);
    EXPECT_EQ(c.description1, "ndvi median");
    EXPECT_EQ(c.description2, "valid observations");
    // Pixel 0: NDVIs A 0.6471, B 0.5593, C 0.7182 -> A is the middle one.
    EXPECT_NEAR(c.value[0], d.ndvi_a(0), 1e-6);
    EXPECT_LT(d.ndvi_b(0), d.ndvi_a(0));
    EXPECT_LT(d.ndvi_a(0), d.ndvi_c(0));
    // Pixel 1: B is cloudy; an even count of 2: the mean of A and C.
    EXPECT_NEAR(c.value[1], (d.ndvi_a(1) + d.ndvi_c(1)) / 2, 1e-6);
    // Pixel 2: A only. Pixel 3: cloudy on every date: nodata.
    EXPECT_NEAR(c.value[2], d.ndvi_a(2), 1e-6);
    EXPECT_EQ(c.value[3], -9999);
    EXPECT_EQ(c.count, (std::vector<float>{3, 2, 1, 0}));
}

TEST(CompositeCommand, MeanOfTheRedBandIsMeanReflectance) {
    Dates d;
    TempDir out;
    const auto r = composite({d.mtl_a, d.mtl_b, d.mtl_c},
                             {"--band", "red", "--method", "mean", "-o", out.file("red.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Band2 c = open_composite(out.file("red.tif"));
    EXPECT_NEAR(c.value[0], (rho(10000) + rho(12000) + rho(11000)) / 3, 1e-6);
    EXPECT_NEAR(c.value[1], (rho(10000) + rho(10000)) / 2, 1e-6);
    EXPECT_NEAR(c.value[2], rho(10000), 1e-6);
    EXPECT_EQ(c.value[3], -9999);
    EXPECT_EQ(c.count, (std::vector<float>{3, 2, 1, 0}));
}

TEST(CompositeCommand, MaxNdviPicksTheGreenestClearDatePerPixel) {
    Dates d;
    TempDir out;
    // Pixel 0: C greenest; pixel 1: A (0.786) beats C (0.733), B (cloudy, 0.957) is skipped;
    // pixel 2: A only (B's cloudy 0.957 would win if masks were ignored).
    ASSERT_GT(d.ndvi_c(0), std::max(d.ndvi_a(0), d.ndvi_b(0)));
    ASSERT_GT(d.ndvi_a(1), d.ndvi_c(1));
    ASSERT_GT(d.ndvi_b(2), d.ndvi_a(2));
    auto r = composite({d.mtl_a, d.mtl_b, d.mtl_c},
                       {"--band", "red", "--method", "max-ndvi", "-o", out.file("red.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    Band2 c = open_composite(out.file("red.tif"));
    EXPECT_NEAR(c.value[0], rho(d.red_c[0]), 1e-6);
    EXPECT_NEAR(c.value[1], rho(d.red_a[1]), 1e-6);
    EXPECT_NEAR(c.value[2], rho(d.red_a[2]), 1e-6);
    EXPECT_EQ(c.value[3], -9999);
    EXPECT_EQ(c.count, (std::vector<float>{3, 2, 1, 0}));
    r = composite({d.mtl_a, d.mtl_b, d.mtl_c},
                  {"-i", "ndvi", "-m", "max-ndvi", "-o", out.file("ndvi.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    c = open_composite(out.file("ndvi.tif"));
    EXPECT_NEAR(c.value[0], d.ndvi_c(0), 1e-6);
    EXPECT_NEAR(c.value[1], d.ndvi_a(1), 1e-6);
}

// Rewrites a C2 L2 product of write_c2_l2 on another grid: cols x rows cells of 30 m at (x0, y0)
// in crs, with the given values.
void regrid_c2_l2(const std::string& dir, const std::string& crs, double x0, double y0, int cols,
                  int rows, const std::vector<double>& red, const std::vector<double>& nir,
                  const std::vector<double>& qa) {
    const auto band = [&](const std::vector<double>& v) {
        RasterFixture r = utm_raster(cols, rows, 30, v);
        r.crs = crs;
        r.geotransform[0] = x0;
        r.geotransform[3] = y0;
        return r;
    };
    write_raster(dir + "/" + kId + "_SR_B4.TIF", band(red));
    write_raster(dir + "/" + kId + "_SR_B5.TIF", band(nir));
    write_raster(dir + "/" + kId + "_QA_PIXEL.TIF", band(qa));
    write_raster(dir + "/" + kId + "_QA_RADSAT.TIF",
                 band(std::vector<double>(static_cast<size_t>(cols * rows), 0)));
}

TEST(CompositeCommand, SceneShiftedByOnePixelIsAlignedOnTheFirst) {
    Dates d;
    TempDir shifted, out;
    // The second scene starts one pixel east: its column 0 lies on the output's column 1, and its
    // cloudy pixel (row 1, column 0) on the output's (row 1, column 1).
    const std::string mtl =
        write_c2_l2(shifted.path(), {1, 1, 1, 1}, {1, 1, 1, 1}, {kClear, kClear, kClear, kClear});
    regrid_c2_l2(shifted.path(), "EPSG:32647", 500030, 1000000, 2, 2, {14000, 16000, 14000, 16000},
                 {28000, 20000, 28000, 20000}, {kClear, kClear, kCloud, kClear});
    const auto r =
        composite({d.mtl_a, mtl}, {"--band", "nir", "-m", "mean", "-o", out.file("nir.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("(1 reprojected)"), std::string::npos) << r.out;
    const Band2 c = open_composite(out.file("nir.tif"));
    ASSERT_EQ(c.cols, 2);                                               // the first product's grid
    EXPECT_NEAR(c.value[0], rho(d.nir_a[0]), 1e-6);                     // shifted scene: outside
    EXPECT_NEAR(c.value[1], (rho(d.nir_a[1]) + rho(28000)) / 2, 1e-6);  // its column 0
    EXPECT_NEAR(c.value[2], rho(d.nir_a[2]), 1e-6);
    EXPECT_EQ(c.value[3], -9999);  // A cloudy; the shifted scene's cloud (mask reprojected)
    EXPECT_EQ(c.count, (std::vector<float>{1, 2, 1, 0}));
}

// Products larger than one window (1300 x 900 pixels, two dates): several windows go to 1, 2
// and 3 threads, and the output is the same bits (the same file, byte for byte, but the command
// line and the time in the metadata); pixels checked against the mean by hand.
TEST(CompositeCommand, ThreadsGiveTheSameBits) {
    TempDir a, b, out;
    const int cols = 1300, rows = 900;
    const auto n = static_cast<size_t>(cols * rows);
    std::vector<double> red_a(n), nir_a(n), qa_a(n, kClear), red_b(n), nir_b(n), qa_b(n, kClear);
    for (size_t p = 0; p < n; ++p) {
        red_a[p] = 9000 + static_cast<double>(p % 97) * 10;
        nir_a[p] = 20000 + static_cast<double>(p % 89) * 50;
        red_b[p] = 9500 + static_cast<double>(p % 53) * 20;
        nir_b[p] = 22000 + static_cast<double>(p % 61) * 40;
        if (p % 7 == 0) qa_b[p] = kCloud;
    }
    std::vector<std::string> mtl;
    for (const TempDir* d : {&a, &b}) {
        mtl.push_back(write_c2_l2(d->path(), {1, 1, 1, 1}, {1, 1, 1, 1}, {1, 1, 1, 1}));
        const bool first = d == &a;
        regrid_c2_l2(d->path(), "EPSG:32647", 500000, 1000000, cols, rows, first ? red_a : red_b,
                     first ? nir_a : nir_b, first ? qa_a : qa_b);
    }
    std::vector<Band2> results;
    for (const char* threads : {"1", "2", "3"}) {
        const std::string file = out.file(std::string("t") + threads + ".tif");
        const auto r = composite(mtl, {"-i", "ndvi", "-m", "mean", "-j", threads, "-o", file});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        results.push_back(open_composite(file));
        EXPECT_TRUE(output_bytes_without_run_stamp(file) ==
                    output_bytes_without_run_stamp(out.file("t1.tif")))
            << file << " differs from t1.tif";
    }
    EXPECT_EQ(results[0].value, results[1].value);
    EXPECT_EQ(results[0].value, results[2].value);
    EXPECT_EQ(results[0].count, results[1].count);
    for (const size_t p : {size_t{1}, size_t{7}, n / 2 + 3, n - 1}) {
        const double na = ndvi_dn(red_a[p], nir_a[p]), nb = ndvi_dn(red_b[p], nir_b[p]);
        const bool cloudy = p % 7 == 0;
        EXPECT_NEAR(results[1].value[p], cloudy ? na : (na + nb) / 2, 1e-6) << p;
        EXPECT_EQ(results[1].count[p], cloudy ? 1 : 2) << p;
    }
}

// Rewrites every .TIF of dir tiled in blocks of `block` x `block`.
void retile(const TempDir& dir, int block) {
    gg::init_gdal();
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    const std::string size = std::to_string(block);
    const char* options[] = {"TILED=YES", nullptr, nullptr, nullptr};
    const std::string bx = "BLOCKXSIZE=" + size, by = "BLOCKYSIZE=" + size;
    options[1] = bx.c_str();
    options[2] = by.c_str();
    for (const std::string& name : dir.entries()) {
        if (name.size() < 4 || name.substr(name.size() - 4) != ".TIF") continue;
        const std::string path = dir.file(name), tiled = path + ".tiled.tif";
        {
            GDALDatasetUniquePtr src(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER));
            GDALDatasetUniquePtr dst(gtiff->CreateCopy(
                tiled.c_str(), src.get(), FALSE, const_cast<char**>(options), nullptr, nullptr));
            if (!dst) throw std::runtime_error("cannot tile " + path);
        }
        if (std::rename(tiled.c_str(), path.c_str()) != 0)
            throw std::runtime_error("cannot replace " + path);
    }
}

// Three scenes in 1024 x 1024 blocks: a window is one block (1 M cells), over the 4 M-cell budget
// of 9 buffer layers (3 scenes x red, NIR, QA), so it is read in slices of rows (3 of 342). The
// median at pixels of every slice (and of the partial last block row) equals the median of the
// three NDVIs worked out here, and 1 or 2 threads give the same bits.
TEST(CompositeCommand, LargeBlocksAreReadInSlices) {
    TempDir a, b, c, out;
    const int cols = 1100, rows = 1100;
    const auto n = static_cast<size_t>(cols * rows);
    std::vector<std::vector<double>> red(3, std::vector<double>(n)), nir(3, std::vector<double>(n));
    for (size_t p = 0; p < n; ++p)
        for (size_t d = 0; d < 3; ++d) {
            red[d][p] = 9000 + static_cast<double>((p + 13 * d) % 97) * 10;
            nir[d][p] = 20000 + static_cast<double>((p * (d + 1)) % 89) * 50;
        }
    std::vector<std::string> mtl;
    size_t d = 0;
    for (const TempDir* dir : {&a, &b, &c}) {
        mtl.push_back(write_c2_l2(dir->path(), {1, 1, 1, 1}, {1, 1, 1, 1}, {1, 1, 1, 1}));
        regrid_c2_l2(dir->path(), "EPSG:32647", 500000, 1000000, cols, rows, red[d], nir[d],
                     std::vector<double>(n, kClear));
        retile(*dir, 1024);
        ++d;
    }
    std::vector<Band2> results;
    for (const char* threads : {"1", "2"}) {
        const std::string file = out.file(std::string("t") + threads + ".tif");
        const auto r = composite(mtl, {"-i", "ndvi", "-j", threads, "-o", file});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        results.push_back(open_composite(file));
    }
    EXPECT_EQ(results[0].value, results[1].value);
    for (const int row : {0, 341, 342, 700, 1023, 1024, 1099})
        for (const int col : {0, 517, 1023, 1024, 1099}) {
            const size_t p = static_cast<size_t>(row) * cols + static_cast<size_t>(col);
            std::vector<double> v;
            for (size_t k = 0; k < 3; ++k) v.push_back(ndvi_dn(red[k][p], nir[k][p]));
            std::sort(v.begin(), v.end());
            EXPECT_NEAR(results[0].value[p], v[1], 1e-6) << row << "," << col;
            EXPECT_EQ(results[0].count[p], 3) << row << "," << col;
        }
}

TEST(CompositeCommand, SceneInAnotherUtmZoneIsReprojected) {
    Dates d;
    TempDir zone48, out;
    // The output area (UTM 47N, 500000..500060 E, 999940..1000000 N) in UTM 48N, covered by a
    // 20 x 20 scene of constant values centred on it.
    OGRSpatialReference z47, z48;
    z47.SetFromUserInput("EPSG:32647");
    z48.SetFromUserInput("EPSG:32648");
    z47.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    z48.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&z47, &z48));
    double x = 500030, y = 999970;
    ASSERT_TRUE(ct->Transform(1, &x, &y));
    const std::string mtl =
        write_c2_l2(zone48.path(), {1, 1, 1, 1}, {1, 1, 1, 1}, {kClear, kClear, kClear, kClear});
    regrid_c2_l2(zone48.path(), "EPSG:32648", x - 300, y + 300, 20, 20,
                 std::vector<double>(400, 9000), std::vector<double>(400, 33000),
                 std::vector<double>(400, kClear));
    const auto r = composite({d.mtl_a, mtl}, {"-i", "ndvi", "-m", "mean", "-o", out.file("n.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("(1 reprojected)"), std::string::npos) << r.out;
    const Band2 c = open_composite(out.file("n.tif"));
    const double other = ndvi_dn(9000, 33000);
    for (size_t p = 0; p < 3; ++p) EXPECT_NEAR(c.value[p], (d.ndvi_a(p) + other) / 2, 1e-6) << p;
    EXPECT_NEAR(c.value[3], other, 1e-6);  // A cloudy there
    EXPECT_EQ(c.count, (std::vector<float>{2, 2, 2, 1}));
}

TEST(CompositeCommand, SceneThatAddsNothingGetsAWarning) {
    Dates d;
    TempDir cloudy, out;
    const std::string mtl =
        write_c2_l2(cloudy.path(), {1, 1, 1, 1}, {1, 1, 1, 1}, {kCloud, kCloud, kCloud, kCloud});
    const auto r = composite({d.mtl_a, mtl}, {"-i", "ndvi", "-o", out.file("n.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("warning: " + mtl + ": adds no valid observation"), std::string::npos)
        << r.err;
}

TEST(CompositeCommand, BadInputFailsWithOneLineAndNoOutput) {
    Dates d;
    TempDir out, far, cloudy1, cloudy2;
    const std::vector<std::string> two = {d.mtl_a, d.mtl_b};
    const std::string o = out.file("x.tif");
    expect_clean_failure(composite({d.mtl_a}, {"-i", "ndvi", "-o", o}), "at least 2 products", out);
    expect_clean_failure(composite({d.mtl_a, d.mtl_a}, {"-i", "ndvi", "-o", o}), "given twice",
                         out);
    // The same product under other spellings: dir/./x_MTL.txt, and its folder through a symlink
    // (each counted as a second date before).
    const std::filesystem::path a(d.mtl_a);
    const std::string dotted = (a.parent_path() / "." / a.filename()).string();
    expect_clean_failure(composite({d.mtl_a, dotted}, {"-i", "ndvi", "-o", o}),
                         dotted + ": the same product as " + d.mtl_a, out);
    const std::string linked = far.file("linked");
    std::filesystem::create_directory_symlink(a.parent_path(), linked);
    expect_clean_failure(
        composite({d.mtl_a, linked + "/" + a.filename().string()}, {"-i", "ndvi", "-o", o}),
        "give each product once", out);
    std::filesystem::remove(linked);
    expect_clean_failure(composite(two, {"-i", "ndvi", "-m", "mode", "-o", o}),
                         "unknown composite method 'mode'", out);
    expect_clean_failure(composite(two, {"-o", o}), "either --index or --band", out);
    expect_clean_failure(composite(two, {"-i", "ndvi", "-b", "red", "-o", o}),
                         "either --index or --band", out);
    expect_clean_failure(composite(two, {"-b", "purple", "-o", o}), "unknown band role", out);
    expect_clean_failure(composite(two, {"-i", "ndxx", "-o", o}), "ndxx", out);
    expect_clean_failure(composite(two, {"-i", "ndvi", "--compress", "jpeg", "-o", o}),
                         "--compress 'jpeg'", out);
    expect_clean_failure(composite(two, {"-i", "ndvi", "--mask", "fog", "-o", o}),
                         "unknown class 'fog'", out);
    expect_clean_failure(composite(two, {"-i", "ndvi", "-o", out.file("x.png")}), "x.png", out);
    // A scene 100 km away.
    const std::string mtl_far =
        write_c2_l2(far.path(), {1, 1, 1, 1}, {1, 1, 1, 1}, {kClear, kClear, kClear, kClear});
    regrid_c2_l2(far.path(), "EPSG:32647", 600000, 1000000, 2, 2, {9000, 9000, 9000, 9000},
                 {30000, 30000, 30000, 30000}, {kClear, kClear, kClear, kClear});
    expect_clean_failure(composite({d.mtl_a, mtl_far}, {"-i", "ndvi", "-o", o}),
                         mtl_far + ": does not overlap", out);
    // Every pixel cloudy in every product.
    const std::vector<double> clouds = {kCloud, kCloud, kCloud, kCloud};
    const std::string c1 = write_c2_l2(cloudy1.path(), d.red_a, d.nir_a, clouds);
    const std::string c2 = write_c2_l2(cloudy2.path(), d.red_a, d.nir_a, clouds);
    expect_clean_failure(composite({c1, c2}, {"-i", "ndvi", "-o", o}), "every pixel is masked",
                         out);
    expect_clean_failure(composite({d.mtl_a, out.file("missing")}, {"-i", "ndvi", "-o", o}),
                         "missing", out);
}

TEST(CompositeCommand, HelpExplainsTheChoices) {
    const auto r = run_greengauge({"composite", "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("mean of the two middle values"), std::string::npos);
    EXPECT_NE(r.out.find("nearest neighbour"), std::string::npos);
}

}  // namespace
}  // namespace gg::test
