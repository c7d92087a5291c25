// greengauge index --index lst (docs/methods.md 7) on the real Landsat samples and on a synthetic
// Collection 2 Level-2 product.
//
// Expected values of the real samples were computed by hand, independently of GreenGauge, with
// Python 3 and Debian's numpy 1.24 (float64) from the MTL constants, over the band files read
// with GDAL's Python bindings (ReadAsArray):
//   red = (M_rho DN_red + A_rho) / sin(SUN_ELEVATION), nir likewise; NDVI = (nir-red)/(nir+red)
//   L = M_L DN_thermal + A_L; BT = K2 / ln(K1 / L + 1)
//   Pv = clip((NDVI - 0.2) / 0.3, 0, 1)^2
//   e = 0.979 - 0.035 red (NDVI < 0.2), 0.99 (NDVI > 0.5), 0.004 Pv + 0.986 otherwise
//   LST = BT / (1 + (lambda BT / 14388) ln e)
// Landsat 8: M_rho 2.0E-05, A_rho -0.1, SUN_ELEVATION 58.99675180 (B4, B5); B10 M_L 3.3420E-04,
// A_L 0.1, K1 774.8853, K2 1321.0789; lambda 10.895 um.
// Landsat 7: B3 M_rho 1.3198E-03 A_rho -0.011935, B4 2.9302E-03 / -0.018348, SUN_ELEVATION
// 53.87765310; B6_VCID_1 M_L 6.7087E-02 A_L -0.06709; B6_VCID_2 M_L 3.7205E-02 A_L 3.16280;
// K1 666.09, K2 1282.71 (both); lambda 11.45 um.
// Pixels (column, row) chosen to cover the three emissivity regimes.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "support/imagery_fixtures.hpp"

namespace gg::test {
namespace {

struct Lst {
    int cols = 0, rows = 0;
    std::vector<float> values;
    std::map<std::string, std::string> meta;
    float at(int col, int row) const { return values[static_cast<size_t>(row * cols + col)]; }
};

Lst open_lst(const std::string& path) {
    gg::init_gdal();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds) throw std::runtime_error("cannot open " + path);
    Lst l;
    l.cols = ds->GetRasterXSize();
    l.rows = ds->GetRasterYSize();
    for (const char* key :
         {"greengauge_index", "greengauge_unit", "greengauge_lst_method", "greengauge_thermal_band",
          "greengauge_emissivity", "greengauge_wavelength_um"})
        if (const char* v = ds->GetMetadataItem(key)) l.meta[key] = v;
    l.values.resize(static_cast<size_t>(l.cols) * static_cast<size_t>(l.rows));
    if (ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, l.cols, l.rows, l.values.data(), l.cols,
                                       l.rows, GDT_Float32, 0, 0) != CE_None)
        throw std::runtime_error("cannot read " + path);
    return l;
}

void expect_clean_failure(const CommandResult& r, const std::string& problem, const TempDir& out) {
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(problem), std::string::npos) << r.err;
    EXPECT_TRUE(out.entries().empty()) << "output left behind";
}

// The float32 output holds about 7 digits: 1e-4 K at 300 K.
constexpr double kTol = 1e-4;

TEST(LstIndex, Landsat8LevelOneSingleChannelMatchesTheHandComputation) {
    TempDir out;
    const auto r =
        run_greengauge({"index", "-p", kL8Mtl, "--index", "lst", "-o", out.file("lst.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Lst l = open_lst(out.file("lst.tif"));
    ASSERT_EQ(l.cols, 41);
    // (0,0): BT 302.01370693282865, NDVI 0.51614 > 0.5, e 0.99
    EXPECT_NEAR(l.at(0, 0), 302.70946786489066, kTol);
    // (1,0): BT 302.10355151998857, NDVI 0.42395, e 0.98822914495088476
    EXPECT_NEAR(l.at(1, 0), 302.92407890078965, kTol);
    // (9,0): BT 304.72361709985341, NDVI 0.23894, e 0.98606740301562379
    EXPECT_NEAR(l.at(9, 0), 305.71336035418011, kTol);
    // (12,0): BT 305.45860363895838, NDVI 0.18332 < 0.2, e 0.9753690798521929 (soil)
    EXPECT_NEAR(l.at(12, 0), 307.23086964427398, kTol);
    // (20,20): BT 300.38498696531911, NDVI 0.52431, e 0.99
    EXPECT_NEAR(l.at(20, 20), 301.07325528800317, kTol);
    EXPECT_EQ(l.meta.at("greengauge_index"), "lst");
    EXPECT_EQ(l.meta.at("greengauge_unit"), "K");
    EXPECT_EQ(l.meta.at("greengauge_thermal_band"), "B10");
    EXPECT_EQ(l.meta.at("greengauge_wavelength_um"), "10.895");
    EXPECT_NE(l.meta.at("greengauge_lst_method").find("single channel"), std::string::npos);
    EXPECT_NE(l.meta.at("greengauge_emissivity").find("Sobrino"), std::string::npos);
}

TEST(LstIndex, CelsiusIsKelvinMinus273_15) {
    TempDir out;
    const auto r = run_greengauge(
        {"index", "-p", kL8Mtl, "--index", "lst", "--unit", "celsius", "-o", out.file("c.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Lst l = open_lst(out.file("c.tif"));
    EXPECT_NEAR(l.at(0, 0), 302.70946786489066 - 273.15, kTol);
    EXPECT_EQ(l.meta.at("greengauge_unit"), "degC");
}

TEST(LstIndex, Landsat7LowGainByDefaultHighGainOnRequest) {
    TempDir out;
    auto r = run_greengauge({"index", "-p", kL7Mtl, "-i", "lst", "-o", out.file("low.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Lst low = open_lst(out.file("low.tif"));
    EXPECT_EQ(low.meta.at("greengauge_thermal_band"), "B6_VCID_1");
    EXPECT_EQ(low.meta.at("greengauge_wavelength_um"), "11.45");
    // (0,0): BT 299.51533162328377, NDVI 0.49801, e 0.9899471093384814
    EXPECT_NEAR(low.at(0, 0), 300.23839015367622, kTol);
    // (3,0): BT 299.01813964171782, NDVI 0.61186, e 0.99
    EXPECT_NEAR(low.at(3, 0), 299.73497693706645, kTol);
    // (9,0): BT 302.45783364817117, NDVI 0.19062 < 0.2, e 0.97574282839586846 (soil)
    EXPECT_NEAR(low.at(9, 0), 304.25616970993559, kTol);
    // (20,20): BT 299.51533162328377, NDVI 0.35729, e 0.98709961422010317
    EXPECT_NEAR(low.at(20, 20), 300.44517221541713, kTol);
    r = run_greengauge(
        {"index", "-p", kL7Mtl, "-i", "lst", "--thermal-gain", "high", "-o", out.file("high.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Lst high = open_lst(out.file("high.tif"));
    EXPECT_EQ(high.meta.at("greengauge_thermal_band"), "B6_VCID_2");
    // (0,0): BT 299.8915721144175 from B6_VCID_2 DN 167, same emissivity
    EXPECT_NEAR(high.at(0, 0), 300.61645054469597, kTol);
    EXPECT_NEAR(high.at(9, 0), 304.40578613779184, kTol);
}

// A 2 x 2 Landsat 8 L2SP with ST_B10 and ST_QA beside the fixture's SR bands.
std::string write_l2sp(const std::string& dir, const std::vector<double>& st,
                       const std::vector<double>& st_qa, const std::string& extra_mtl = "") {
    const std::string mtl = write_c2_l2(dir, {8000, 8000, 8000, 8000}, {20000, 20000, 20000, 20000},
                                        {21824, 21824, 21824, 1});
    const std::string id = "LC08_L2SP_129050_20230101_20230110_02_T1";
    write_raster(dir + "/" + id + "_ST_B10.TIF", utm_raster(2, 2, 30, st));
    if (!st_qa.empty())
        write_raster(dir + "/" + id + "_ST_QA.TIF", utm_raster(2, 2, 30, st_qa, GDT_Int16));
    if (!extra_mtl.empty()) {
        std::ifstream in(mtl);
        std::stringstream ss;
        ss << in.rdbuf();
        std::string text = ss.str();
        text.insert(text.find("END_GROUP = LANDSAT_METADATA_FILE"), extra_mtl);
        write_text(mtl, text);
    }
    return mtl;
}

TEST(LstIndex, CollectionTwoLevelTwoSurfaceTemperatureDnToKelvin) {
    TempDir in, out;
    // QA_PIXEL 21824 is clear; pixel 3 has QA 1 (fill): masked. ST DN 0 is fill.
    const std::string mtl = write_l2sp(in.path(), {44000, 45000, 0, 44000}, {150, 420, -9999, 150});
    auto r = run_greengauge({"index", "-p", mtl, "-i", "lst", "--json", "-o", out.file("st.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    Lst l = open_lst(out.file("st.tif"));
    // By hand: 44000 x 0.00341802 + 149 = 299.39288; 45000 x 0.00341802 + 149 = 302.8109
    EXPECT_NEAR(l.at(0, 0), 299.39288, kTol);
    EXPECT_NEAR(l.at(1, 0), 302.8109, kTol);
    EXPECT_EQ(l.at(0, 1), -9999.f);
    EXPECT_EQ(l.at(1, 1), -9999.f);
    EXPECT_EQ(l.meta.at("greengauge_thermal_band"), "ST_B10");
    EXPECT_NE(l.meta.at("greengauge_lst_method").find("Level-2 surface temperature"),
              std::string::npos);
    // ST_QA is reported: (1.50 + 4.20) / 2 K over the two valid pixels.
    EXPECT_NE(r.out.find("\"st_uncertainty_mean_k\": 2.85"), std::string::npos) << r.out;
    // --max-st-uncertainty 3 K masks the pixel of 4.20 K.
    r = run_greengauge(
        {"index", "-p", mtl, "-i", "lst", "--max-st-uncertainty", "3", "-o", out.file("st3.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    l = open_lst(out.file("st3.tif"));
    EXPECT_NEAR(l.at(0, 0), 299.39288, kTol);
    EXPECT_EQ(l.at(1, 0), -9999.f);
}

TEST(LstIndex, TheMtlScaleAndOffsetOfTheStBandAreUsedWhenGiven) {
    TempDir in, out;
    const std::string mtl = write_l2sp(in.path(), {44000, 45000, 44000, 44000}, {},
                                       "  GROUP = LEVEL2_SURFACE_TEMPERATURE_PARAMETERS\n"
                                       "    TEMPERATURE_MULT_BAND_ST_B10 = 0.00341802\n"
                                       "    TEMPERATURE_ADD_BAND_ST_B10 = 150.0\n"
                                       "  END_GROUP = LEVEL2_SURFACE_TEMPERATURE_PARAMETERS\n");
    const auto r = run_greengauge({"index", "-p", mtl, "-i", "lst", "-o", out.file("st.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // 44000 x 0.00341802 + 150.0 (the MTL's offset, here 1 K above the USGS default)
    EXPECT_NEAR(open_lst(out.file("st.tif")).at(0, 0), 300.39288, kTol);
}

TEST(LstIndex, BadInputFailsWithOneLineNamingTheBandAndNoOutput) {
    TempDir sr, l2, bare, out;
    // An L2SR product: surface reflectance only.
    const std::string sr_mtl =
        write_c2_l2(sr.path(), {8000, 8000, 8000, 8000}, {20000, 20000, 20000, 20000},
                    {21824, 21824, 21824, 21824});
    expect_clean_failure(
        run_greengauge({"index", "-p", sr_mtl, "-i", "lst", "-o", out.file("x.tif")}),
        "--index lst needs the thermal band ST_B10", out);
    // Every thermal pixel is fill: no value anywhere, no file.
    const std::string fill = write_l2sp(l2.path(), {0, 0, 0, 0}, {});
    expect_clean_failure(
        run_greengauge({"index", "-p", fill, "-i", "lst", "-o", out.file("x.tif")}),
        "every pixel is masked", out);
    // The Landsat 8 Level-1 sample without its B10 file.
    for (const char* s : {"_B4.TIF", "_B5.TIF", "_BQA.TIF", "_MTL.txt"})
        std::filesystem::copy_file(kLandsatDir + "/" + kL8Id + s, bare.file(kL8Id + s));
    expect_clean_failure(run_greengauge({"index", "-p", bare.file(kL8Id + "_MTL.txt"), "-i", "lst",
                                         "-o", out.file("x.tif")}),
                         "_B10.TIF (thermal)", out);
    // Sentinel-2 has no thermal band at all.
    TempDir s2;
    write_s2(s2.path(), S2Fixture{});
    expect_clean_failure(
        run_greengauge({"index", "-p", s2.path(), "-i", "lst", "-o", out.file("x.tif")}),
        "--index lst needs a thermal band; Sentinel-2", out);
    expect_clean_failure(run_greengauge({"index", "-p", kL8Mtl, "-i", "lst", "--unit", "F", "-o",
                                         out.file("x.tif")}),
                         "--unit 'F'", out);
    expect_clean_failure(run_greengauge({"index", "-p", kL7Mtl, "-i", "lst", "--thermal-gain",
                                         "medium", "-o", out.file("x.tif")}),
                         "thermal gain 'medium'", out);
    // --emissivity-table: Level-1 only, with a land-cover raster, a table that reads.
    const std::string table = std::string(GG_DATA_DIR) + "/emissivity/worldcover_landsat89_b10.csv";
    const std::string landcover = std::string(GG_DATA_DIR) + "/landcover/lc.tif";
    const std::string st = write_l2sp(l2.path(), {44000, 44000, 44000, 44000}, {});
    expect_clean_failure(run_greengauge({"index", "-p", st, "-i", "lst", "--emissivity-table",
                                         table, "--landcover", landcover, "-o", out.file("x.tif")}),
                         "--emissivity-table is for the single channel of Level-1 products", out);
    expect_clean_failure(run_greengauge({"index", "-p", kL8Mtl, "-i", "lst", "--emissivity-table",
                                         table, "-o", out.file("x.tif")}),
                         "--emissivity-table needs --landcover", out);
    expect_clean_failure(run_greengauge({"index", "-p", kL8Mtl, "-i", "lst", "--landcover",
                                         landcover, "-o", out.file("x.tif")}),
                         "--landcover needs --emissivity-table", out);
    expect_clean_failure(run_greengauge({"index", "-p", kL8Mtl, "-i", "ndvi", "--emissivity-table",
                                         table, "--landcover", landcover, "-o", out.file("x.tif")}),
                         "--emissivity-table and --landcover apply to --index lst only", out);
    // Options that would change nothing are refused, not ignored.
    expect_clean_failure(run_greengauge({"index", "-p", kL8Mtl, "-i", "ndvi", "--unit", "celsius",
                                         "-o", out.file("x.tif")}),
                         "--unit applies to --index lst only", out);
    expect_clean_failure(run_greengauge({"index", "-p", kL8Mtl, "-i", "lst", "--thermal-gain",
                                         "high", "-o", out.file("x.tif")}),
                         "--thermal-gain applies to the band 6 of Landsat 7 Level-1", out);
    expect_clean_failure(run_greengauge({"index", "-p", kL7Mtl, "-i", "ndvi", "--thermal-gain",
                                         "high", "-o", out.file("x.tif")}),
                         "with red, nir reads no such band", out);
    expect_clean_failure(run_greengauge({"index", "-p", kL8Mtl, "-i", "lst", "--landcover-band",
                                         "2", "-o", out.file("x.tif")}),
                         "--landcover-band needs --landcover", out);
    expect_clean_failure(
        run_greengauge({"index", "-p", kL8Mtl, "-i", "lst", "--emissivity-table",
                        out.file("none.csv"), "--landcover", landcover, "-o", out.file("x.tif")}),
        "none.csv: cannot open the emissivity table", out);
    expect_clean_failure(run_greengauge({"index", "-p", kL8Mtl, "-i", "lst", "--emissivity-table",
                                         table, "--landcover", landcover, "--landcover-band", "2",
                                         "-o", out.file("x.tif")}),
                         "band 2", out);
}

}  // namespace
}  // namespace gg::test
