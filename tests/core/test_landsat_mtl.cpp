// Landsat MTL parsing (core/landsat_mtl.hpp): the two real Collection 1 files of data/landsat/,
// a synthetic Collection 2 Level-2 file with the USGS key names, and every rejection with
// "<file>:<line>". Line numbers are counted by hand in the texts.
#include "core/landsat_mtl.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "core/error.hpp"

namespace {

// The repository root, from this file's path: <root>/tests/core/test_landsat_mtl.cpp.
std::string landsat_dir() {
    const std::string here = __FILE__;
    const std::string tail = "tests/core/test_landsat_mtl.cpp";
    EXPECT_TRUE(here.ends_with(tail)) << here;
    std::string dir = here.substr(0, here.size() - tail.size());
    dir.append("data/landsat/");
    return dir;
}

const std::string kL8 = "LC08_L1TP_195025_20130707_20170503_01_T1";
const std::string kL7 = "LE07_L1TP_195025_20010730_20170204_01_T1";

std::string path_of(const std::string& product, const std::string& suffix) {
    std::string path = landsat_dir();
    path.append(product).append(suffix);
    return path;
}

std::string parse_error(const std::string& text) {
    try {
        gg::parse_mtl(text, "m.txt");
    } catch (const gg::Error& e) {
        return e.what();
    }
    return "";
}

// A trimmed Collection 2 Level-2 MTL with the USGS key names and group order (LC09 L2SP): the
// Level-1 record after the Level-2 groups repeats PROCESSING_LEVEL, FILE_NAME_BAND_n and (in
// LEVEL1_RADIOMETRIC_RESCALING) REFLECTANCE_MULT/ADD_BAND_n with the Level-1 values.
const char* const kC2L2 = R"(GROUP = LANDSAT_METADATA_FILE
  GROUP = PRODUCT_CONTENTS
    ORIGIN = "Image courtesy of the U.S. Geological Survey"
    LANDSAT_PRODUCT_ID = "LC09_L2SP_029030_20240616_20240617_02_T1"
    PROCESSING_LEVEL = "L2SP"
    COLLECTION_NUMBER = 02
    COLLECTION_CATEGORY = "T1"
    FILE_NAME_BAND_4 = "LC09_L2SP_029030_20240616_20240617_02_T1_SR_B4.TIF"
    FILE_NAME_BAND_5 = "LC09_L2SP_029030_20240616_20240617_02_T1_SR_B5.TIF"
    FILE_NAME_BAND_ST_B10 = "LC09_L2SP_029030_20240616_20240617_02_T1_ST_B10.TIF"
    FILE_NAME_THERMAL_RADIANCE = "LC09_L2SP_029030_20240616_20240617_02_T1_ST_TRAD.TIF"
    FILE_NAME_QUALITY_L2_AEROSOL = "LC09_L2SP_029030_20240616_20240617_02_T1_SR_QA_AEROSOL.TIF"
    FILE_NAME_QUALITY_L2_SURFACE_TEMPERATURE = "LC09_L2SP_029030_20240616_20240617_02_T1_ST_QA.TIF"
    FILE_NAME_QUALITY_L1_PIXEL = "LC09_L2SP_029030_20240616_20240617_02_T1_QA_PIXEL.TIF"
    FILE_NAME_QUALITY_L1_RADIOMETRIC_SATURATION = "LC09_L2SP_029030_20240616_20240617_02_T1_QA_RADSAT.TIF"
  END_GROUP = PRODUCT_CONTENTS
  GROUP = IMAGE_ATTRIBUTES
    SPACECRAFT_ID = "LANDSAT_9"
    SENSOR_ID = "OLI_TIRS"
    DATE_ACQUIRED = 2024-06-16
    SUN_AZIMUTH = 134.43500878
    SUN_ELEVATION = 64.41443455
  END_GROUP = IMAGE_ATTRIBUTES
  GROUP = LEVEL2_SURFACE_REFLECTANCE_PARAMETERS
    REFLECTANCE_MULT_BAND_4 = 2.75E-05
    REFLECTANCE_ADD_BAND_4 = -0.2
  END_GROUP = LEVEL2_SURFACE_REFLECTANCE_PARAMETERS
  GROUP = LEVEL2_SURFACE_TEMPERATURE_PARAMETERS
    TEMPERATURE_MULT_BAND_ST_B10 = 0.00341802
    TEMPERATURE_ADD_BAND_ST_B10 = 149.0
  END_GROUP = LEVEL2_SURFACE_TEMPERATURE_PARAMETERS
  GROUP = LEVEL1_PROCESSING_RECORD
    LANDSAT_PRODUCT_ID = "LC09_L1TP_029030_20240616_20240616_02_T1"
    PROCESSING_LEVEL = "L1TP"
    FILE_NAME_BAND_4 = "LC09_L1TP_029030_20240616_20240616_02_T1_B4.TIF"
    FILE_NAME_QUALITY_L1_PIXEL = "LC09_L1TP_029030_20240616_20240616_02_T1_QA_PIXEL.TIF"
  END_GROUP = LEVEL1_PROCESSING_RECORD
  GROUP = LEVEL1_RADIOMETRIC_RESCALING
    REFLECTANCE_MULT_BAND_4 = 2.0000E-05
    REFLECTANCE_ADD_BAND_4 = -0.100000
  END_GROUP = LEVEL1_RADIOMETRIC_RESCALING
END_GROUP = LANDSAT_METADATA_FILE
END
)";

TEST(LandsatMtl, ReadsTheRealLandsat8Collection1File) {
    const auto mtl = gg::load_mtl_file(path_of(kL8, "_MTL.txt"));
    EXPECT_EQ(mtl.file, path_of(kL8, "_MTL.txt"));
    EXPECT_EQ(mtl.spacecraft(), "LANDSAT_8");
    EXPECT_EQ(mtl.collection(), 1);  // COLLECTION_NUMBER = 01
    EXPECT_EQ(mtl.processing_level(), "L1TP");
    EXPECT_DOUBLE_EQ(mtl.sun_elevation_deg(), 58.99675180);
    EXPECT_EQ(mtl.text("LANDSAT_PRODUCT_ID"), kL8);            // quotes removed
    EXPECT_EQ(mtl.text("FILE_DATE"), "2017-05-03T12:18:52Z");  // unquoted text
    EXPECT_EQ(mtl.text("ORIGIN"), "Image courtesy of the U.S. Geological Survey");
    EXPECT_DOUBLE_EQ(mtl.number("REFLECTANCE_MULT_BAND_4"), 2.0e-05);  // "2.0000E-05"
    EXPECT_DOUBLE_EQ(mtl.number("REFLECTANCE_ADD_BAND_4"), -0.1);
    EXPECT_DOUBLE_EQ(mtl.number("K1_CONSTANT_BAND_10"), 774.8853);
    EXPECT_DOUBLE_EQ(mtl.number_in("TIRS_THERMAL_CONSTANTS", "K2_CONSTANT_BAND_10"), 1321.0789);
    EXPECT_EQ(mtl.file_name("4"), kL8 + "_B4.TIF");
    EXPECT_EQ(mtl.file_name("10"), kL8 + "_B10.TIF");
    EXPECT_EQ(mtl.file_name("QUALITY"), kL8 + "_BQA.TIF");  // FILE_NAME_BAND_QUALITY
    EXPECT_EQ(mtl.file_name("QUALITY_L1_PIXEL"), std::nullopt);
    EXPECT_EQ(mtl.file_name("12"), std::nullopt);
    EXPECT_EQ(mtl.text("NO_SUCH_KEY"), std::nullopt);
    // 225 lines: 10 GROUP, 10 END_GROUP, 1 END, the rest keys (each once in this file).
    EXPECT_EQ(mtl.values.size(), 225u - 10 - 10 - 1);
    EXPECT_EQ(mtl.grouped.size(), mtl.values.size());
}

TEST(LandsatMtl, ReadsTheRealLandsat7Collection1File) {
    const auto mtl = gg::load_mtl_file(path_of(kL7, "_MTL.txt"));
    EXPECT_EQ(mtl.spacecraft(), "LANDSAT_7");
    EXPECT_EQ(mtl.collection(), 1);
    EXPECT_EQ(mtl.processing_level(), "L1TP");
    EXPECT_DOUBLE_EQ(mtl.sun_elevation_deg(), 53.87765310);
    EXPECT_EQ(mtl.file_name("3"), kL7 + "_B3.TIF");
    EXPECT_EQ(mtl.file_name("6_VCID_1"), kL7 + "_B6_VCID_1.TIF");
    EXPECT_EQ(mtl.file_name("6_VCID_2"), kL7 + "_B6_VCID_2.TIF");
    EXPECT_EQ(mtl.file_name("QUALITY"), kL7 + "_BQA.TIF");
    EXPECT_EQ(mtl.file_name("10"), std::nullopt);
    EXPECT_DOUBLE_EQ(mtl.number("REFLECTANCE_MULT_BAND_3"), 1.3198e-03);
    EXPECT_DOUBLE_EQ(mtl.number("K1_CONSTANT_BAND_6_VCID_1"), 666.09);
    EXPECT_EQ(mtl.text("GAIN_BAND_6_VCID_1"), "L");
}

TEST(LandsatMtl, ReadsACollection2Level2File) {
    const auto mtl = gg::parse_mtl(kC2L2, "c2.txt");
    EXPECT_EQ(mtl.collection(), 2);
    EXPECT_EQ(mtl.spacecraft(), "LANDSAT_9");
    // The product's level, not the Level-1 record's "L1TP" further down.
    EXPECT_EQ(mtl.processing_level(), "L2SP");
    EXPECT_EQ(mtl.text_in("LEVEL1_PROCESSING_RECORD", "PROCESSING_LEVEL"), "L1TP");
    EXPECT_DOUBLE_EQ(mtl.sun_elevation_deg(), 64.41443455);
    const std::string p = "LC09_L2SP_029030_20240616_20240617_02_T1_";
    EXPECT_EQ(mtl.file_name("4"), p + "SR_B4.TIF");
    EXPECT_EQ(mtl.file_name("5"), p + "SR_B5.TIF");
    EXPECT_EQ(mtl.file_name("ST_B10"), p + "ST_B10.TIF");
    EXPECT_EQ(mtl.file_name("THERMAL_RADIANCE"), p + "ST_TRAD.TIF");
    EXPECT_EQ(mtl.file_name("QUALITY"), p + "QA_PIXEL.TIF");
    EXPECT_EQ(mtl.file_name("QUALITY_L1_PIXEL"), p + "QA_PIXEL.TIF");
    EXPECT_EQ(mtl.file_name("QUALITY_L2_PIXEL"), p + "QA_PIXEL.TIF");  // alias, see the header
    EXPECT_EQ(mtl.file_name("QUALITY_L1_RADIOMETRIC_SATURATION"), p + "QA_RADSAT.TIF");
    EXPECT_EQ(mtl.file_name("QUALITY_L2_AEROSOL"), p + "SR_QA_AEROSOL.TIF");
    EXPECT_EQ(mtl.file_name("QUALITY_L2_SURFACE_TEMPERATURE"), p + "ST_QA.TIF");
    EXPECT_EQ(mtl.file_name("6"), std::nullopt);
    // Level-2 scale factors first; the Level-1 ones by group.
    EXPECT_DOUBLE_EQ(mtl.number("REFLECTANCE_MULT_BAND_4"), 2.75e-05);
    EXPECT_DOUBLE_EQ(mtl.number("REFLECTANCE_ADD_BAND_4"), -0.2);
    EXPECT_DOUBLE_EQ(
        mtl.number_in("LEVEL2_SURFACE_REFLECTANCE_PARAMETERS", "REFLECTANCE_MULT_BAND_4"),
        2.75e-05);
    EXPECT_DOUBLE_EQ(mtl.number_in("LEVEL1_RADIOMETRIC_RESCALING", "REFLECTANCE_MULT_BAND_4"),
                     2.0e-05);
    EXPECT_EQ(mtl.text_in("LEVEL1_PROCESSING_RECORD", "FILE_NAME_BAND_4"),
              "LC09_L1TP_029030_20240616_20240616_02_T1_B4.TIF");
    EXPECT_DOUBLE_EQ(mtl.number("TEMPERATURE_MULT_BAND_ST_B10"), 0.00341802);
    EXPECT_DOUBLE_EQ(mtl.number("TEMPERATURE_ADD_BAND_ST_B10"), 149.0);
}

TEST(LandsatMtl, CollectionDecidesWhichKeyNamesTheLevel) {
    // C1 has DATA_TYPE; a C2 file has PROCESSING_LEVEL only.
    const auto c2 = gg::parse_mtl(
        "GROUP = G\n  COLLECTION_NUMBER = 02\n  PROCESSING_LEVEL = \"L1TP\"\nEND_GROUP = G\nEND\n",
        "a.txt");
    EXPECT_EQ(c2.processing_level(), "L1TP");
    const auto c1 = gg::parse_mtl(
        "GROUP = G\n  COLLECTION_NUMBER = 01\n  PROCESSING_LEVEL = \"L1TP\"\nEND_GROUP = G\nEND\n",
        "b.txt");
    try {
        c1.processing_level();
        ADD_FAILURE() << "no error";
    } catch (const gg::Error& e) {
        EXPECT_STREQ(e.what(), "b.txt: DATA_TYPE is missing");
    }
}

TEST(LandsatMtl, AcceptsCrlfAndBlankLines) {
    const auto mtl = gg::parse_mtl(
        "GROUP = G\r\n\r\n  A = 1\r\n  B = \"x y\"\r\nEND_GROUP = G\r\nEND\r\n\r\n", "c");
    EXPECT_EQ(mtl.text("A"), "1");
    EXPECT_EQ(mtl.text("B"), "x y");
    EXPECT_EQ(mtl.text_in("G", "B"), "x y");
    EXPECT_EQ(mtl.text_in("H", "B"), std::nullopt);
}

TEST(LandsatMtl, RejectsMalformedLinesWithTheirLineNumber) {
    EXPECT_EQ(parse_error("GROUP = G\n  A = 1\n  GARBAGE\nEND_GROUP = G\nEND\n"),
              "m.txt:3: expected 'KEY = value', got 'GARBAGE'");
    EXPECT_EQ(parse_error("GROUP = G\n  A =\nEND_GROUP = G\nEND\n"), "m.txt:2: A has no value");
    EXPECT_EQ(parse_error("GROUP = G\n\n  = 4\nEND_GROUP = G\nEND\n"),
              "m.txt:3: invalid key '' (expected letters, digits and _)");
    EXPECT_EQ(parse_error("GROUP = G\n  A B = 4\nEND_GROUP = G\nEND\n"),
              "m.txt:2: invalid key 'A B' (expected letters, digits and _)");
    EXPECT_EQ(parse_error("GROUP = G\n  A = \"open\nEND_GROUP = G\nEND\n"),
              "m.txt:2: A has an unterminated quoted string");
    EXPECT_EQ(parse_error("GROUP = G\n  A = 1\n  A = 2\nEND_GROUP = G\nEND\n"),
              "m.txt:3: A appears twice in GROUP G");
    EXPECT_EQ(parse_error("GROUP = G\n  GROUP = H\n  END_GROUP = G\nEND_GROUP = G\nEND\n"),
              "m.txt:3: END_GROUP = G does not close GROUP = H (opened at line 2)");
    EXPECT_EQ(parse_error("A = 1\nEND_GROUP = G\nEND\n"),
              "m.txt:2: END_GROUP = G without an open GROUP");
    EXPECT_EQ(parse_error("GROUP = G\n  A = 1\nEND\n"),
              "m.txt:3: END inside GROUP G (opened at line 1)");
    EXPECT_EQ(parse_error("GROUP = G\n  A = 1\n"),
              "m.txt:1: GROUP = G is never closed by END_GROUP");
    EXPECT_EQ(parse_error("GROUP = G\n  A = 1\nEND_GROUP = G\n\n"),
              "m.txt:3: no END line after this one (truncated file?)");
    EXPECT_EQ(parse_error("GROUP = G\nEND_GROUP = G\nEND\n\nX = 1\n"),
              "m.txt:5: text after the END line");
}

TEST(LandsatMtl, ACorruptedRealFileNamesTheLine) {
    // Line 96 of the Landsat 8 MTL is "  END_GROUP = IMAGE_ATTRIBUTES"; drop its "=".
    std::string text;
    {
        const auto mtl = gg::load_mtl_file(path_of(kL8, "_MTL.txt"));  // proves the file is valid
        EXPECT_EQ(mtl.text("CLOUD_COVER"), "6.03");
    }
    std::ifstream in(path_of(kL8, "_MTL.txt"));
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (number == 96) {
            EXPECT_EQ(line, "  END_GROUP = IMAGE_ATTRIBUTES");
            line = "  END_GROUP IMAGE_ATTRIBUTES";
        }
        text.append(line).append("\n");
    }
    try {
        gg::parse_mtl(text, "LC08_MTL.txt");
        ADD_FAILURE() << "no error";
    } catch (const gg::Error& e) {
        EXPECT_STREQ(e.what(),
                     "LC08_MTL.txt:96: expected 'KEY = value', got 'END_GROUP IMAGE_ATTRIBUTES'");
    }
}

// A collection number beyond int's range was converted to int, which is undefined behaviour
// (a fuzz finding, fuzz/regressions/landsat_mtl/): now the error a wrong number gets.
TEST(LandsatMtl, HugeCollectionNumberIsAnError) {
    for (const char* number : {"088888888888888888888888888881", "1e300", "2147483648", "100"}) {
        const auto mtl = gg::parse_mtl(
            std::string("GROUP = G\n  COLLECTION_NUMBER = ") + number + "\nEND_GROUP = G\nEND\n",
            "k.txt");
        EXPECT_THROW(mtl.collection(), gg::Error) << number;
    }
}

TEST(LandsatMtl, MissingAndNonNumericKeysNameTheFile) {
    const auto mtl = gg::parse_mtl(
        "GROUP = G\n  SPACECRAFT = \"X\"\n  COLLECTION_NUMBER = two\nEND_GROUP = G\nEND\n",
        "k.txt");
    const auto error_of = [](auto&& call) -> std::string {
        try {
            call();
        } catch (const gg::Error& e) {
            return e.what();
        }
        return "";
    };
    EXPECT_EQ(error_of([&] { mtl.number("SUN_ELEVATION"); }), "k.txt: SUN_ELEVATION is missing");
    EXPECT_EQ(error_of([&] { mtl.sun_elevation_deg(); }), "k.txt: SUN_ELEVATION is missing");
    EXPECT_EQ(error_of([&] { mtl.spacecraft(); }), "k.txt: SPACECRAFT_ID is missing");
    EXPECT_EQ(error_of([&] { mtl.collection(); }),
              "k.txt: COLLECTION_NUMBER is not a number: 'two'");
    EXPECT_EQ(error_of([&] { mtl.number_in("G", "NOPE"); }), "k.txt: G/NOPE is missing");
    EXPECT_EQ(error_of([&] { mtl.number_in("G", "SPACECRAFT"); }),
              "k.txt: G/SPACECRAFT is not a number: 'X'");
    const auto c = gg::parse_mtl("GROUP = G\n  COLLECTION_NUMBER = 1.5\nEND_GROUP = G\nEND\n", "c");
    EXPECT_EQ(error_of([&] { c.collection(); }),
              "c: COLLECTION_NUMBER is not a collection number: '1.5'");
    EXPECT_EQ(error_of([] { gg::load_mtl_file("/nonexistent/x_MTL.txt"); }),
              "/nonexistent/x_MTL.txt: cannot open the Landsat metadata (MTL) file");
}

}  // namespace
