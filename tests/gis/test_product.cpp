// Product recognition and reading: the real Landsat 8/7 Collection 1 samples and synthetic
// Landsat C2 L2 and Sentinel-2 L2A products.
#include <cpl_string.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/error.hpp"
#include "gis/product.hpp"
#include "gis/product_reader.hpp"
#include "support/imagery_fixtures.hpp"

namespace gg::test {
namespace {

namespace fs = std::filesystem;

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

TEST(Product, RecognisesLandsat8Collection1FromItsMtl) {
    const Product p = recognise_product(kL8Mtl);
    EXPECT_NE(p.name.find("Landsat 8 Collection 1 Level-1"), std::string::npos) << p.name;
    EXPECT_TRUE(ends_with(p.band("red").path, "_B4.TIF"));
    EXPECT_TRUE(ends_with(p.band("nir").path, "_B5.TIF"));
    EXPECT_TRUE(ends_with(p.band("swir2").path, "_B7.TIF"));
    const Conversion& red = p.band("red").conversion;
    EXPECT_EQ(red.kind, Conversion::Kind::ToaReflectance);
    EXPECT_DOUBLE_EQ(red.mult, 2.0e-5);
    EXPECT_DOUBLE_EQ(red.add, -0.1);
    EXPECT_DOUBLE_EQ(red.sun_elevation_deg, 58.99675180);
    const Conversion& th = p.band("thermal").conversion;
    EXPECT_EQ(th.kind, Conversion::Kind::BrightnessTemperature);
    EXPECT_DOUBLE_EQ(th.k1, 774.8853);
    EXPECT_DOUBLE_EQ(th.k2, 1321.0789);
    EXPECT_EQ(p.mask.kind, MaskKind::LandsatC1Bqa);
    EXPECT_EQ(p.mask.c1_sensor, LandsatC1Sensor::Landsat8);
    EXPECT_TRUE(ends_with(p.mask.path, "_BQA.TIF"));
}

TEST(Product, RecognisesLandsat7Collection1WithItsOwnLayout) {
    const Product p = recognise_product(kL7Mtl);
    EXPECT_NE(p.name.find("Landsat 7 Collection 1 Level-1"), std::string::npos) << p.name;
    EXPECT_TRUE(ends_with(p.band("red").path, "_B3.TIF"));
    EXPECT_TRUE(ends_with(p.band("nir").path, "_B4.TIF"));
    EXPECT_TRUE(ends_with(p.band("thermal").path, "_B6_VCID_1.TIF"));
    EXPECT_DOUBLE_EQ(p.band("thermal").conversion.k1, 666.09);
    EXPECT_DOUBLE_EQ(p.band("red").conversion.saturated_dn.value_or(0), 255);
    EXPECT_EQ(p.mask.c1_sensor, LandsatC1Sensor::Landsat7);
}

TEST(Product, FindsTheMtlBesideABandFile) {
    const Product p = recognise_product(kLandsatDir + "/" + kL7Id + "_B4.TIF");
    EXPECT_NE(p.name.find("Landsat 7"), std::string::npos);
}

TEST(Product, FolderWithTwoProductsAsksWhichOne) {
    EXPECT_NE(error_of([] { recognise_product(kLandsatDir); }).find("several Landsat MTL files"),
              std::string::npos);
}

TEST(Product, ReadsLandsat8TopOfAtmosphereReflectance) {
    const Product p = recognise_product(kL8Mtl);
    ProductReader reader(p, {"red", "thermal"}, MaskSelection{});
    EXPECT_EQ(reader.grid().cols, 41);
    std::vector<ChannelBuffer> ch;
    reader.read(Window{0, 0, 41, 41}, ch);
    ASSERT_EQ(ch.size(), 2u);
    // Pixel (col 0, row 0): B4 DN 8321 (gdallocationinfo -valonly ..._B4.TIF 0 0).
    const double s = std::sin(58.99675180 * M_PI / 180);
    EXPECT_NEAR(ch[0].values[0], (2e-5 * 8321 - 0.1) / s, 1e-12);
    EXPECT_TRUE(ch[0].valid[0]);
    // Brightness temperature of a summer scene near Marburg: about 290-310 K.
    EXPECT_GT(ch[1].values[0], 280);
    EXPECT_LT(ch[1].values[0], 320);
}

TEST(Product, MissingMtlIsNamed) {
    TempDir d;
    fs::copy_file(kLandsatDir + "/" + kL8Id + "_B4.TIF", d.file(kL8Id + "_B4.TIF"));
    EXPECT_NE(error_of([&] { recognise_product(d.path()); }).find("missing MTL"),
              std::string::npos);
    EXPECT_NE(error_of([&] { recognise_product(d.file(kL8Id + "_B4.TIF")); }).find("missing MTL"),
              std::string::npos);
}

TEST(Product, UnknownProductSaysWhatWasLookedFor) {
    TempDir d;
    write_raster(d.file("image.tif"), utm_raster(2, 2, 10, {}));
    const std::string e = error_of([&] { recognise_product(d.path()); });
    EXPECT_NE(e.find("unknown imagery product"), std::string::npos) << e;
    EXPECT_NE(e.find("MTL"), std::string::npos) << e;
    EXPECT_NE(
        error_of([&] { recognise_product(d.file("image.tif")); }).find("unknown imagery product"),
        std::string::npos);
}

TEST(Product, MissingBandFileIsNamedWhenTheRoleIsRead) {
    TempDir d;
    for (const char* s : {"_B5.TIF", "_BQA.TIF", "_MTL.txt"})
        fs::copy_file(kLandsatDir + "/" + kL8Id + s, d.file(kL8Id + s));
    const Product p = recognise_product(d.file(kL8Id + "_MTL.txt"));
    const std::string e = error_of([&] { ProductReader r(p, {"red", "nir"}, MaskSelection{}); });
    EXPECT_NE(e.find("missing band file"), std::string::npos) << e;
    EXPECT_NE(e.find(kL8Id + "_B4.TIF"), std::string::npos) << e;
}

TEST(Product, LandsatC2Level2ScaleAndQaPixelMask) {
    TempDir d;
    // QA_PIXEL 21824: clear land; 22280: cloud (bit 3) high confidence; 1: fill.
    const std::string mtl = write_c2_l2(d.path(), {10000, 12000, 9000, 9500},
                                        {20000, 21000, 0, 22000}, {21824, 22280, 21824, 1});
    const Product p = recognise_product(mtl);
    EXPECT_NE(p.name.find("Level-2"), std::string::npos);
    EXPECT_TRUE(ends_with(p.band("red").path, "_SR_B4.TIF"));
    EXPECT_EQ(p.mask.kind, MaskKind::LandsatC2QaPixel);
    ProductReader reader(p, {"red", "nir"}, MaskSelection{});
    std::vector<ChannelBuffer> ch;
    reader.read(Window{0, 0, 2, 2}, ch);
    EXPECT_NEAR(ch[0].values[0], 10000 * 0.0000275 - 0.2, 1e-12);
    EXPECT_NEAR(ch[1].values[0], 20000 * 0.0000275 - 0.2, 1e-12);
    EXPECT_EQ(ch[0].valid, (std::vector<unsigned char>{1, 0, 1, 0}));  // cloud, fill QA
    EXPECT_EQ(ch[1].valid, (std::vector<unsigned char>{1, 0, 0, 0}));  // + SR fill DN 0
    ProductReader unmasked(p, {"red"}, MaskSelection::none());
    unmasked.read(Window{0, 0, 2, 2}, ch);
    EXPECT_EQ(ch[0].valid, (std::vector<unsigned char>{1, 1, 1, 1}));
}

// QA_RADSAT (docs/methods.md 2): any nonzero value masks the pixel, whatever classes are selected;
// 0 never does. Pixel 1: bit 3 (band 4 saturated); pixel 2: bit 11 (terrain occlusion).
TEST(Product, LandsatC2SaturationIsAlwaysMasked) {
    TempDir d;
    const std::string mtl =
        write_c2_l2(d.path(), {10000, 12000, 9000, 9500}, {20000, 21000, 22000, 23000},
                    {21824, 21824, 21824, 21824}, "LANDSAT_8", GDT_UInt16, {0, 8, 2048, 0});
    const Product p = recognise_product(mtl);
    EXPECT_FALSE(p.mask.saturation_missing);
    std::vector<ChannelBuffer> ch;
    for (const char* selection : {"default", "fill", "snow"}) {
        ProductReader reader(p, {"red", "nir"}, parse_mask_selection(selection));
        reader.read(Window{0, 0, 2, 2}, ch);
        EXPECT_EQ(ch[0].valid, (std::vector<unsigned char>{1, 0, 0, 1})) << selection;
        EXPECT_EQ(ch[1].valid, (std::vector<unsigned char>{1, 0, 0, 1})) << selection;
    }
    // --mask none reads no QA band at all.
    ProductReader unmasked(p, {"red"}, MaskSelection::none());
    unmasked.read(Window{0, 0, 2, 2}, ch);
    EXPECT_EQ(ch[0].valid, (std::vector<unsigned char>{1, 1, 1, 1}));
}

TEST(Product, LandsatC2WithoutQaRadsatStillReads) {
    TempDir d;
    const std::string mtl =
        write_c2_l2(d.path(), {10000, 12000, 9000, 9500}, {20000, 21000, 22000, 23000},
                    {21824, 22280, 21824, 21824}, "LANDSAT_8", GDT_UInt16, {});
    const Product p = recognise_product(mtl);
    EXPECT_TRUE(p.mask.saturation_missing);
    ProductReader reader(p, {"red"}, MaskSelection{});
    std::vector<ChannelBuffer> ch;
    reader.read(Window{0, 0, 2, 2}, ch);
    EXPECT_EQ(ch[0].valid, (std::vector<unsigned char>{1, 0, 1, 1}));  // the cloud only
}

// Sentinel-2 SCL with a selection: the fixture's SCL is 4, 9, 4, 5 per 20 m cell; with "snow"
// only (no cloud) the cloudy cell (9) stays valid; with "default" it is masked.
TEST(Product, Sentinel2SelectionDecidesTheSclClasses) {
    TempDir d;
    S2Fixture f;
    f.scl = {4, 9, 11, 1};  // vegetation, cloud high, snow, saturated
    write_s2(d.path(), f);
    const Product p = recognise_product(d.path());
    std::vector<ChannelBuffer> ch;
    const auto valid_cells = [&](const char* selection) {
        ProductReader reader(p, {"red"}, parse_mask_selection(selection));
        reader.read(Window{0, 0, 4, 4}, ch);
        // One value per 20 m cell: its top-left 10 m pixel.
        return std::vector<unsigned char>{ch[0].valid[0], ch[0].valid[2], ch[0].valid[8],
                                          ch[0].valid[10]};
    };
    EXPECT_EQ(valid_cells("default"), (std::vector<unsigned char>{1, 0, 1, 0}));
    EXPECT_EQ(valid_cells("snow"), (std::vector<unsigned char>{1, 1, 0, 0}));
    EXPECT_EQ(valid_cells("default,snow"), (std::vector<unsigned char>{1, 0, 0, 0}));
}

TEST(Product, LandsatLayoutComesFromTheSpacecraft) {
    TempDir d;
    const std::string mtl = write_c2_l2(d.path(), {1, 1, 1, 1}, {1, 1, 1, 1},
                                        {21824, 21824, 21824, 21824}, "LANDSAT_5");
    const Product p = recognise_product(mtl);
    // On Landsat 4-7 SR_B4 is near infrared, not red.
    EXPECT_TRUE(ends_with(p.band("nir").path, "_SR_B4.TIF"));
    EXPECT_NE(error_of([&] { p.band("red"); }).find("SR_B3"), std::string::npos);
}

TEST(Product, WrongDataTypeIsAnError) {
    TempDir d;
    const std::string mtl = write_c2_l2(d.path(), {0.1, 0.1, 0.1, 0.1}, {1, 1, 1, 1},
                                        {21824, 21824, 21824, 21824}, "LANDSAT_8", GDT_Float32);
    const std::string e = error_of([&] { recognise_product(mtl); });
    EXPECT_NE(e.find("data type Float32"), std::string::npos) << e;
    EXPECT_NE(e.find("SR_B4"), std::string::npos) << e;
}

TEST(Product, Sentinel2OffsetSclMaskAndTwentyMetreBands) {
    TempDir d;
    write_s2(d.path());
    const Product p = recognise_product(d.file("MTD_MSIL2A.xml"));
    EXPECT_EQ(p.band("red").conversion.boa_add_offset, -1000);
    EXPECT_EQ(p.mask.kind, MaskKind::Sentinel2Scl);
    ProductReader reader(p, {"red", "swir1"}, MaskSelection{});
    EXPECT_EQ(reader.grid().cols, 4);  // the 10 m grid
    EXPECT_EQ(reader.grid().dx, 10);
    std::vector<ChannelBuffer> ch;
    reader.read(Window{0, 0, 4, 4}, ch);
    EXPECT_NEAR(ch[0].values[0], (1500 - 1000) / 10000.0, 1e-12);  // baseline 04.00 offset
    // Each 20 m pixel covers 2 x 2 pixels of the 10 m grid, values repeated exactly.
    const std::vector<double> swir_dn = {2000, 2000, 2100, 2100, 2000, 2000, 2100, 2100,
                                         2200, 2200, 2300, 2300, 2200, 2200, 2300, 2300};
    for (size_t i = 0; i < 16; ++i)
        EXPECT_NEAR(ch[1].values[i], (swir_dn[i] - 1000) / 10000.0, 1e-12) << i;
    // SCL 9 (cloud) in the top-right 20 m cell masks fine pixels (2..3, 0..1) of every band.
    const std::vector<unsigned char> valid = {1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1};
    EXPECT_EQ(ch[0].valid, valid);
    EXPECT_EQ(ch[1].valid, valid);
    // A window not aligned to the 20 m grid still maps each fine pixel to its coarse one.
    reader.read(Window{1, 1, 2, 2}, ch);
    EXPECT_NEAR(ch[1].values[0], 0.1, 1e-12);   // fine (1,1) -> coarse (0,0): DN 2000
    EXPECT_NEAR(ch[1].values[3], 0.13, 1e-12);  // fine (2,2) -> coarse (1,1): DN 2300
    // Fine rows 2 and 3 share coarse row 1 (the second one is copied from the first): columns
    // 1..3 -> coarse columns 0, 1, 1, DNs 2200, 2300, 2300 on both rows.
    reader.read(Window{1, 1, 3, 3}, ch);
    const std::vector<double> rows_1_to_3 = {2000, 2100, 2100, 2200, 2300, 2300, 2200, 2300, 2300};
    for (size_t i = 0; i < 9; ++i)
        EXPECT_NEAR(ch[1].values[i], (rows_1_to_3[i] - 1000) / 10000.0, 1e-12) << i;
    EXPECT_EQ(ch[1].valid, (std::vector<unsigned char>{1, 0, 0, 1, 1, 1, 1, 1, 1}));
}

TEST(Product, Sentinel2BandsGivenElsewhereAreFoundByTheirBandId) {
    // A STAC download's layout: the metadata in one folder, the bands as B04.tif ... in another
    // (as Earth Search names its COGs). They are found among the given files by band id; a
    // given file wins over one under the metadata's folder.
    TempDir d;
    fs::create_directories(d.file("meta"));
    fs::create_directories(d.file("cogs"));
    fs::create_directories(d.file("src"));
    write_s2(d.file("src"));
    fs::rename(d.file("src/MTD_MSIL2A.xml"), d.file("meta/MTD_MSIL2A.xml"));
    RecogniseOptions o;
    for (const char* id : {"B04_10m", "B08_10m", "B11_20m", "SCL_20m"}) {
        const std::string to = d.file("cogs/" + std::string(id).substr(0, 3) + ".tif");
        fs::rename(d.file("src/T47PPR_20230101T033101_" + std::string(id) + ".tif"), to);
        o.files.push_back(to);
    }
    // A stale red band beside the metadata: the given one is taken.
    fs::copy_file(d.file("cogs/B04.tif"), d.file("meta/T47PPR_20230101T033101_B04_10m.tif"));
    const Product p = recognise_product(d.file("meta/MTD_MSIL2A.xml"), o);
    EXPECT_EQ(p.band("red").path, d.file("cogs/B04.tif"));
    EXPECT_EQ(p.band("nir").path, d.file("cogs/B08.tif"));
    EXPECT_EQ(p.band("swir1").path, d.file("cogs/B11.tif"));
    EXPECT_EQ(p.mask.path, d.file("cogs/SCL.tif"));
    EXPECT_EQ(p.band("red").conversion.boa_add_offset, -1000);  // from the metadata
    EXPECT_FALSE(p.mask.missing);
    // Without the given files only the stale red band is found.
    const Product alone = recognise_product(d.file("meta/MTD_MSIL2A.xml"));
    EXPECT_EQ(alone.band("red").path, d.file("meta/T47PPR_20230101T033101_B04_10m.tif"));
    EXPECT_FALSE(alone.has("nir"));
    EXPECT_TRUE(alone.mask.missing);
}

TEST(Product, Sentinel2WithoutMetadataNeedsAnExplicitOffset) {
    TempDir d;
    S2Fixture f;
    f.with_mtd = false;
    write_s2(d.path(), f);
    const std::string e = error_of([&] { recognise_product(d.path()); });
    EXPECT_NE(e.find("BOA_ADD_OFFSET"), std::string::npos) << e;
    EXPECT_NE(e.find("--boa-offset"), std::string::npos) << e;
    const Product p = recognise_product(d.path(), {-1000.0});
    EXPECT_EQ(p.band("nir").conversion.boa_add_offset, -1000);
}

TEST(Product, MisalignedBandsAreNamed) {
    TempDir d1, d2;
    S2Fixture shifted;
    shifted.b08_x0 = 500005;
    write_s2(d1.path(), shifted);
    std::string e = error_of([&] {
        ProductReader r(recognise_product(d1.path()), {"red", "nir"}, MaskSelection{});
    });
    EXPECT_NE(e.find("do not align: different extents"), std::string::npos) << e;
    EXPECT_NE(e.find("B04"), std::string::npos) << e;
    EXPECT_NE(e.find("B08"), std::string::npos) << e;
    S2Fixture other_crs;
    other_crs.b08_crs = "EPSG:32648";
    write_s2(d2.path(), other_crs);
    e = error_of([&] {
        ProductReader r(recognise_product(d2.path()), {"red", "nir"}, MaskSelection{});
    });
    EXPECT_NE(e.find("different coordinate reference systems"), std::string::npos) << e;
}

TEST(Product, GenericProfileMapsRolesToBands) {
    TempDir d;
    RasterFixture r = utm_raster(2, 1, 10, {10, 20, 30, 40});
    r.bands = 2;
    write_raster(d.file("stack.tif"), r);
    const Product p = generic_product(d.file("stack.tif"), {{"red", 1}, {"nir", 2}}, {0.01, 0});
    ProductReader reader(p, {"nir"}, MaskSelection{});
    std::vector<ChannelBuffer> ch;
    reader.read(Window{0, 0, 2, 1}, ch);
    EXPECT_NEAR(ch[0].values[1], 0.4, 1e-12);
    EXPECT_NE(error_of([&] {
                  generic_product(d.file("stack.tif"), {{"purple", 1}});
              }).find("unknown band role 'purple'"),
              std::string::npos);
    EXPECT_NE(error_of([&] {
                  generic_product(d.file("stack.tif"), {{"red", 3}});
              }).find("band 3 does not exist"),
              std::string::npos);
}

// A tiled UInt16 GeoTIFF of cols x rows with block x block tiles.
void write_tiled(const std::string& path, int cols, int rows, int block) {
    init_gdal();
    CPLStringList opts;
    opts.SetNameValue("TILED", "YES");
    opts.SetNameValue("BLOCKXSIZE", std::to_string(block).c_str());
    opts.SetNameValue("BLOCKYSIZE", std::to_string(block).c_str());
    GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
        path.c_str(), cols, rows, 1, GDT_UInt16, opts.List()));
    ASSERT_TRUE(ds);
    double gt[6] = {500000, 10, 0, 1000000, 0, -10};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.SetFromUserInput("EPSG:32647");
    ds->SetSpatialRef(&srs);
}

// Every cell in exactly one window, row-major, whole blocks, within the budget.
void expect_tiling(const std::vector<Window>& ws, int64_t cols, int64_t rows, int64_t block,
                   int64_t budget) {
    std::vector<int> hits(static_cast<size_t>(cols * rows), 0);
    for (size_t i = 0; i < ws.size(); ++i) {
        const Window& w = ws[i];
        EXPECT_EQ(w.col0 % block, 0);
        EXPECT_EQ(w.row0 % block, 0);
        EXPECT_LE(w.size(), budget);
        if (i > 0) {
            const Window& p = ws[i - 1];
            EXPECT_TRUE(w.row0 > p.row0 || (w.row0 == p.row0 && w.col0 > p.col0));
        }
        for (int64_t r = w.row0; r < w.row_end(); ++r)
            for (int64_t c = w.col0; c < w.col_end(); ++c)
                ++hits[static_cast<size_t>(r * cols + c)];
    }
    EXPECT_EQ(std::count(hits.begin(), hits.end(), 1), std::ssize(hits));
}

TEST(Product, WindowsAreWholeBlocksWithinTheBudget) {
    TempDir d;
    write_tiled(d.file("t.tif"), 100, 70, 16);
    ProductReader reader(generic_product(d.file("t.tif"), {{"red", 1}}), {"red"},
                         MaskSelection::none());
    // A row of blocks (16 x 100) fits twice: windows of 32 full rows.
    auto ws = reader.layout(3200).windows();
    ASSERT_EQ(ws.size(), 3u);
    EXPECT_EQ(ws[0].cols, 100);
    EXPECT_EQ(ws[0].rows, 32);
    expect_tiling(ws, 100, 70, 16, 3200);
    // A row of blocks does not fit: whole blocks across.
    ws = reader.layout(768).windows();
    EXPECT_GT(ws.size(), 5u);
    expect_tiling(ws, 100, 70, 16, 768);
    // Windows of three 16 x 16 UInt16 blocks (768 / 256 = 3): only those blocks are cached.
    EXPECT_EQ(reader.block_cache_bytes(reader.layout(768)), 3 * 16 * 16 * 2);
    // Not even one block (16 x 16 = 256 cells) fits: one block per window all the same, not thin
    // strips that would decode every block of a row once per strip.
    ws = reader.layout(100).windows();
    ASSERT_EQ(ws.size(), 35u);  // ceil(100 / 16) = 7 across, ceil(70 / 16) = 5 down
    for (const Window& w : ws) {
        EXPECT_EQ(w.col0 % 16, 0);
        EXPECT_EQ(w.row0 % 16, 0);
        EXPECT_LE(w.cols, 16);
        EXPECT_LE(w.rows, 16);
    }
    expect_tiling(ws, 100, 70, 16, 256);
}

}  // namespace
}  // namespace gg::test
