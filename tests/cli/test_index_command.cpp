// greengauge index end to end: a valid Cloud-Optimized GeoTIFF whose values are the index of the
// calibrated reflectance, masked where the QA band says cloud; bad input fails cleanly.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "support/imagery_fixtures.hpp"

namespace gg::test {
namespace {

struct Cog {
    int cols = 0, rows = 0, overviews = 0;
    std::string layout, greengauge_index;
    double nodata = 0;
    bool has_nodata = false;
    std::vector<float> values;
};

Cog open_cog(const std::string& path) {
    gg::init_gdal();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds) throw std::runtime_error("cannot open " + path);
    Cog c;
    c.cols = ds->GetRasterXSize();
    c.rows = ds->GetRasterYSize();
    const char* layout = ds->GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE");
    c.layout = layout ? layout : "";
    const char* index = ds->GetMetadataItem("greengauge_index");
    c.greengauge_index = index ? index : "";
    GDALRasterBand* b = ds->GetRasterBand(1);
    int ok = 0;
    c.nodata = b->GetNoDataValue(&ok);
    c.has_nodata = ok != 0;
    c.overviews = b->GetOverviewCount();
    c.values.resize(static_cast<size_t>(c.cols) * static_cast<size_t>(c.rows));
    if (b->RasterIO(GF_Read, 0, 0, c.cols, c.rows, c.values.data(), c.cols, c.rows, GDT_Float32, 0,
                    0) != CE_None)
        throw std::runtime_error("cannot read " + path);
    return c;
}

double dn(const std::string& band, int col, int row) {
    GDALDatasetUniquePtr ds(GDALDataset::Open((kLandsatDir + "/" + kL8Id + band).c_str()));
    double v = 0;
    if (ds->GetRasterBand(1)->RasterIO(GF_Read, col, row, 1, 1, &v, 1, 1, GDT_Float64, 0, 0) !=
        CE_None)
        throw std::runtime_error("cannot read " + band);
    return v;
}

// NDVI by hand from the MTL of the Landsat 8 sample: rho = (REFLECTANCE_MULT_BAND_n * DN +
// REFLECTANCE_ADD_BAND_n) / sin(SUN_ELEVATION) with MULT 2.0E-05, ADD -0.1, SUN_ELEVATION
// 58.99675180 for B4 (red) and B5 (nir). The same check by shell: `gdallocationinfo -valonly
// ..._B4.TIF COL ROW` and `..._B5.TIF` for the DNs, then the formula, against
// `gdallocationinfo -valonly ndvi.tif COL ROW`; e.g. (10, 20): DN 7822 / 11313 -> 0.382157.
double hand_ndvi(int col, int row) {
    const double s = std::sin(58.99675180 * M_PI / 180);
    const double red = (2.0e-5 * dn("_B4.TIF", col, row) - 0.1) / s;
    const double nir = (2.0e-5 * dn("_B5.TIF", col, row) - 0.1) / s;
    return (nir - red) / (nir + red);
}

void expect_clean_failure(const CommandResult& r, const std::string& problem, const TempDir& out) {
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("greengauge: error: ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find(problem), std::string::npos) << r.err;
    EXPECT_TRUE(out.entries().empty()) << "output left behind";
}

TEST(IndexCommand, Landsat8NdviIsACogOfTopOfAtmosphereNdvi) {
    TempDir out;
    const auto r = run_greengauge(
        {"index", "--product", kL8Mtl, "--index", "ndvi", "-o", out.file("ndvi.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("1681 valid, 0 masked"), std::string::npos) << r.out;
    const Cog c = open_cog(out.file("ndvi.tif"));
    EXPECT_EQ(c.layout, "COG");
    EXPECT_TRUE(c.has_nodata);
    EXPECT_EQ(c.nodata, -9999);
    EXPECT_EQ(c.greengauge_index, "ndvi");
    EXPECT_EQ(c.cols, 41);
    for (const auto& [col, row] :
         std::vector<std::pair<int, int>>{{0, 0}, {10, 20}, {40, 40}, {25, 3}})
        EXPECT_NEAR(c.values[static_cast<size_t>(row * 41 + col)], hand_ndvi(col, row), 1e-6)
            << col << "," << row;
    EXPECT_EQ(out.entries().size(), 1u);  // no temporary file left
}

TEST(IndexCommand, ExpressionOverRolesEqualsTheBuiltInIndex) {
    TempDir out;
    auto r = run_greengauge({"index", "-p", kL8Mtl, "--expression", "(nir - red) / (nir + red)",
                             "-o", out.file("e.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = run_greengauge({"index", "-p", kL8Mtl, "-i", "ndvi", "-o", out.file("n.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Cog e = open_cog(out.file("e.tif")), n = open_cog(out.file("n.tif"));
    EXPECT_EQ(e.values, n.values);
}

TEST(IndexCommand, CloudyBqaPixelsAreNodata) {
    // The sample's BQA is 2720 (clear) everywhere; 2800 is Landsat 8 C1 "cloud, high confidence".
    TempDir in, out;
    std::vector<double> bqa(41 * 41, 2720);
    bqa[0] = bqa[5 * 41 + 7] = bqa[40 * 41 + 40] = 2800;
    const std::string mtl = copy_l8_with_bqa(in.path(), bqa);
    const auto r = run_greengauge({"index", "-p", mtl, "-i", "ndvi", "-o", out.file("n.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("1678 valid, 3 masked"), std::string::npos) << r.out;
    const Cog c = open_cog(out.file("n.tif"));
    EXPECT_EQ(c.values[0], -9999);
    EXPECT_EQ(c.values[5 * 41 + 7], -9999);
    EXPECT_NEAR(c.values[1], hand_ndvi(1, 0), 1e-6);
    // --mask none keeps them.
    const auto r2 = run_greengauge(
        {"index", "-p", mtl, "-i", "ndvi", "--mask", "none", "-o", out.file("all.tif")});
    ASSERT_EQ(r2.exit_code, 0) << r2.err;
    EXPECT_NEAR(open_cog(out.file("all.tif")).values[0], hand_ndvi(0, 0), 1e-6);
}

TEST(IndexCommand, EveryPixelMaskedIsAnErrorWithoutOutput) {
    TempDir in, out;
    const std::string mtl = copy_l8_with_bqa(in.path(), std::vector<double>(41 * 41, 2800));
    expect_clean_failure(
        run_greengauge({"index", "-p", mtl, "-i", "ndvi", "-o", out.file("n.tif")}),
        "every pixel is masked", out);
}

TEST(IndexCommand, Sentinel2NdviUsesTheOffsetAndScl) {
    TempDir in, out;
    write_s2(in.path());
    const auto r =
        run_greengauge({"index", "-p", in.path(), "-i", "ndvi", "-o", out.file("s.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Cog c = open_cog(out.file("s.tif"));
    EXPECT_EQ(c.cols, 4);
    const double red = (1500 - 1000) / 1e4, nir = (4000 - 1000) / 1e4;
    EXPECT_NEAR(c.values[0], (nir - red) / (nir + red), 1e-6);
    EXPECT_EQ(c.values[2], -9999);  // SCL 9 (cloud) in that 20 m cell
    EXPECT_NE(r.out.find("12 valid, 4 masked"), std::string::npos) << r.out;
}

TEST(IndexCommand, MaskClassesAreChosenOnTheCommandLine) {
    TempDir in, out;
    S2Fixture f;
    f.scl = {4, 9, 11, 4};  // vegetation, cloud high, snow, vegetation (20 m cells)
    write_s2(in.path(), f);
    const auto run = [&](const std::string& mask, const std::string& name) {
        return run_greengauge(
            {"index", "-p", in.path(), "-i", "ndvi", "--mask", mask, "-o", out.file(name)});
    };
    // Each 20 m cell is 4 pixels at 10 m: default masks the cloud cell, default,snow also the
    // snow cell, snow alone only the snow cell.
    const auto d = run("default", "d.tif");
    ASSERT_EQ(d.exit_code, 0) << d.err;
    EXPECT_NE(d.out.find("12 valid, 4 masked"), std::string::npos) << d.out;
    const auto ds = run("default,snow", "ds.tif");
    ASSERT_EQ(ds.exit_code, 0) << ds.err;
    EXPECT_NE(ds.out.find("8 valid, 8 masked"), std::string::npos) << ds.out;
    const auto s = run("snow", "s.tif");
    ASSERT_EQ(s.exit_code, 0) << s.err;
    EXPECT_NE(s.out.find("12 valid, 4 masked"), std::string::npos) << s.out;
    const Cog c = open_cog(out.file("s.tif"));
    EXPECT_NE(c.values[2], -9999);  // the cloud cell is kept
    EXPECT_EQ(c.values[8], -9999);  // the snow cell is not
}

TEST(IndexCommand, SaturatedLandsatPixelsAreMaskedAndAMissingQaRadsatIsWarned) {
    TempDir in, bare, out;
    const std::string mtl =
        write_c2_l2(in.path(), {10000, 12000, 9000, 9500}, {20000, 21000, 22000, 23000},
                    {21824, 21824, 21824, 21824}, "LANDSAT_8", GDT_UInt16, {0, 16, 0, 0});
    const auto r = run_greengauge({"index", "-p", mtl, "-i", "ndvi", "-o", out.file("n.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("3 valid, 1 masked"), std::string::npos) << r.out;
    EXPECT_EQ(open_cog(out.file("n.tif")).values[1], -9999);
    EXPECT_TRUE(r.err.empty()) << r.err;
    const std::string bare_mtl =
        write_c2_l2(bare.path(), {10000, 12000, 9000, 9500}, {20000, 21000, 22000, 23000},
                    {21824, 21824, 21824, 21824}, "LANDSAT_8", GDT_UInt16, {});
    const auto w = run_greengauge({"index", "-p", bare_mtl, "-i", "ndvi", "-o", out.file("b.tif")});
    ASSERT_EQ(w.exit_code, 0) << w.err;
    EXPECT_NE(w.out.find("4 valid, 0 masked"), std::string::npos) << w.out;
    EXPECT_NE(w.err.find("QA_RADSAT file missing"), std::string::npos) << w.err;
    EXPECT_EQ(std::count(w.err.begin(), w.err.end(), '\n'), 1) << w.err;
}

// --compress: the same values whatever the codec; GDAL reads back the codec the file says.
TEST(IndexCommand, CompressionIsChosenOnTheCommandLine) {
    gg::init_gdal();
    TempDir out;
    int n = 0;
    for (const char* codec : {"deflate", "zstd", "none", "deflate:6"}) {
        // One file each (deflate and deflate:6 once shared a name, overwritten in turn).
        const std::string file = out.file("codec" + std::to_string(++n) + ".tif");
        const auto r =
            run_greengauge({"index", "-p", kL8Mtl, "-i", "ndvi", "--compress", codec, "-o", file});
        ASSERT_EQ(r.exit_code, 0) << codec << ": " << r.err;
        GDALDatasetUniquePtr ds(GDALDataset::Open(file.c_str(), GDAL_OF_RASTER));
        ASSERT_TRUE(ds);
        const char* c = ds->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE");
        const std::string expected = std::string(codec).rfind("deflate", 0) == 0 ? "DEFLATE"
                                     : std::string(codec) == "zstd"              ? "ZSTD"
                                                                                 : "";
        EXPECT_EQ(c ? std::string(c) : std::string(), expected) << codec;
        const Cog cog = open_cog(file);
        EXPECT_NEAR(cog.values[20 * 41 + 10], hand_ndvi(10, 20), 1e-6) << codec;
    }
}

// Several windows (a 1500 x 1000 product is more than one window of 1 M cells), computed on 1, 2
// and 3 threads, by the index and by an expression: the same bits everywhere, and for each of
// the two the same file, byte for byte (but the command line and the time in the metadata).
TEST(IndexCommand, ThreadsAndExpressionsGiveTheSameBits) {
    TempDir in, out;
    const int cols = 1500, rows = 1000;
    std::vector<double> b04, b08, scl;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            b04.push_back(1100 + (r * 7 + c * 3) % 900);
            b08.push_back(r == c ? 0 : 2500 + (r * 5 + c * 11) % 2000);  // 0: fill
        }
    for (int r = 0; r < rows / 2; ++r)
        for (int c = 0; c < cols / 2; ++c) scl.push_back((r / 40 + c / 60) % 7 == 0 ? 9 : 4);
    const std::string p = in.path() + "/T47PPR_20230101T033101_";
    write_raster(p + "B04_10m.tif", utm_raster(cols, rows, 10, b04));
    write_raster(p + "B08_10m.tif", utm_raster(cols, rows, 10, b08));
    write_raster(p + "SCL_20m.tif", utm_raster(cols / 2, rows / 2, 20, scl, GDT_Byte));
    write_text(in.path() + "/MTD_MSIL2A.xml", mtd_msil2a("04.00", -1000));
    std::vector<std::vector<float>> results;
    for (const std::string threads : {"1", "2", "3"})
        for (const bool expression : {false, true}) {
            const std::string f = out.file("n" + threads + (expression ? "e" : "i") + ".tif");
            std::vector<std::string> args = {"index", "-p", in.path(), "--threads",
                                             threads, "-o", f};
            if (expression) {
                args.insert(args.end(), {"--expression", "(nir - red) / (nir + red)"});
            } else {
                args.insert(args.end(), {"--index", "ndvi"});
            }
            const auto r = run_greengauge(args);
            ASSERT_EQ(r.exit_code, 0) << r.err;
            results.push_back(open_cog(f).values);
            const std::string first =
                out.file(std::string("n1") + (expression ? "e" : "i") + ".tif");
            EXPECT_TRUE(output_bytes_without_run_stamp(f) == output_bytes_without_run_stamp(first))
                << f << " differs from " << first;
        }
    const std::vector<float>& first = results.front();
    ASSERT_EQ(first.size(), static_cast<size_t>(cols * rows));
    EXPECT_EQ(first[0], -9999);                                         // b08 fill on the diagonal
    EXPECT_EQ(first[1], -9999);                                         // SCL 9 (cloud)
    const double red = (1490 - 1000) / 1e4, nir = (3930 - 1000) / 1e4;  // row 0, column 130
    EXPECT_NEAR(first[130], (nir - red) / (nir + red), 1e-6);
    for (const auto& v : results) {
        ASSERT_EQ(v.size(), first.size());
        EXPECT_EQ(std::memcmp(v.data(), first.data(), v.size() * sizeof(float)), 0);
    }
}

// The real Landsat 8 sample, by an index and by an expression, with each codec, on 1, 2 and 3
// threads: the same file whatever the thread count, byte for byte (but the command line and the
// time in the metadata, overwritten alike in every file: the command lines have the same length).
TEST(IndexCommand, ThreadsGiveTheSameBytesOnTheLandsatSample) {
    TempDir out;
    const std::vector<std::vector<std::string>> cases = {
        {"--index", "ndvi"},
        {"--index", "evi", "--compress", "zstd"},
        {"--expression", "(nir - swir1) / (nir + swir1)", "--compress", "none"}};
    for (size_t c = 0; c < cases.size(); ++c) {
        std::string first;
        for (const std::string threads : {"1", "2", "3"}) {
            const std::string f = out.file(std::to_string(c) + "t" + threads + ".tif");
            std::vector<std::string> args = {"index", "-p", kL8Mtl, "--threads", threads, "-o", f};
            args.insert(args.end(), cases[c].begin(), cases[c].end());
            const auto r = run_greengauge(args);
            ASSERT_EQ(r.exit_code, 0) << r.err;
            const std::string bytes = output_bytes_without_run_stamp(f);
            ASSERT_NE(bytes.find("greengauge_created_utc\">."), std::string::npos)
                << f << ": the run stamp was not found";
            if (first.empty()) {
                first = bytes;
                EXPECT_GT(first.size(), 1000u);
            } else {
                EXPECT_TRUE(bytes == first) << f << " differs from the one of 1 thread";
            }
        }
    }
}

TEST(IndexCommand, LargeOutputGetsOverviews) {
    TempDir in, out;
    const int cols = 1300, rows = 1100;
    RasterFixture f = utm_raster(cols, rows, 10, {});
    f.bands = 2;
    f.values.resize(static_cast<size_t>(2 * cols * rows));
    for (size_t i = 0; i < f.values.size() / 2; ++i) {
        f.values[i] = 100 + static_cast<double>(i % 97);
        f.values[i + f.values.size() / 2] = 300 + static_cast<double>(i % 89);
    }
    write_raster(in.file("stack.tif"), f);
    const auto r = run_greengauge({"index", "-p", in.file("stack.tif"), "--band", "red=1", "--band",
                                   "nir=2", "-i", "ndvi", "-o", out.file("big.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Cog c = open_cog(out.file("big.tif"));
    EXPECT_EQ(c.layout, "COG");
    EXPECT_GE(c.overviews, 1);
    const double red = 100 + 5, nir = 300 + 5;  // pixel 5
    EXPECT_NEAR(c.values[5], (nir - red) / (nir + red), 1e-6);
}

TEST(IndexCommand, BadInputFailsWithOneLineAndNoOutput) {
    TempDir in, out, s2;
    const auto index = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = {"index", "-o", out.file("x.tif")};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_greengauge(args);
    };
    expect_clean_failure(index({"-p", kL8Mtl, "-e", "(nir - purple) / 2"}), "unknown band 'purple'",
                         out);
    expect_clean_failure(index({"-p", kL8Mtl, "-e", "(nir - red"}), "does not parse", out);
    // A line break in the expression is shown as \n: the error stays one line.
    expect_clean_failure(index({"-p", kL8Mtl, "-e", "(nir - red) /\n (nir + red"}),
                         "--expression \"(nir - red) /\\n (nir + red\" does not parse", out);
    expect_clean_failure(index({"-p", kL8Mtl, "-i", "ndxx"}), "ndxx", out);
    expect_clean_failure(index({"-p", kL8Mtl, "-i", "ndvi", "--mask", "cloud,haze"}),
                         "--mask 'cloud,haze': unknown class 'haze'", out);
    expect_clean_failure(index({"-p", kL8Mtl, "-i", "ndvi", "--compress", "lzw"}),
                         "--compress 'lzw'", out);
    expect_clean_failure(index({"-p", kL8Mtl, "-i", "ndvi", "--compress", "deflate:13"}),
                         "DEFLATE level 13", out);
    write_raster(in.file("image.tif"), utm_raster(2, 2, 10, {}));
    expect_clean_failure(index({"-p", in.path(), "-i", "ndvi"}), "unknown imagery product", out);
    std::filesystem::copy_file(kLandsatDir + "/" + kL8Id + "_B4.TIF", in.file(kL8Id + "_B4.TIF"));
    expect_clean_failure(index({"-p", in.path(), "-i", "ndvi"}), "missing MTL", out);
    S2Fixture shifted;
    shifted.b08_x0 = 500020;
    write_s2(s2.path(), shifted);
    expect_clean_failure(index({"-p", s2.path(), "-i", "ndvi"}), "do not align", out);
}

TEST(IndexCommand, HelpShowsAnExample) {
    const auto r = run_greengauge({"index", "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("data/landsat/LC08"), std::string::npos);
    EXPECT_NE(r.out.find("every pixel is masked"), std::string::npos);
}

}  // namespace
}  // namespace gg::test
