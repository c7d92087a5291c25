// Emissivity by land-cover class (core/emissivity_table.hpp, docs/methods.md 7.1): the table's
// reading and errors, and the single-channel LST it gives, against values computed by hand with
// LST = BT / (1 + (lambda BT / rho) ln e), lambda 10.895 um, rho 14388 um K (Python's math.log):
//   BT 300 K, e 0.973: 301.877033053229 K;   e 0.995: 300.3419968715882 K;
//   an "ndvi" class at NDVI 0.35: Pv = ((0.35 - 0.2) / 0.3)^2 = 0.25, e = 0.004 x 0.25 + 0.986 =
//   0.987 (Sobrino et al. 2004): 300.8944248951979 K.
#include "core/emissivity_table.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"
#include "core/heat.hpp"

namespace {

constexpr const char* kTable =
    "\xEF\xBB\xBF"  // a BOM, as Excel writes
    "class,name,emissivity,source\n"
    "10,Tree cover,0.995,somewhere\n"
    "50,\"Built-up, dense\",0.973,somewhere\n"
    "95,Mangroves,ndvi,none\n";

std::string error_of(const std::string& text) {
    try {
        gg::parse_emissivity_table(text, "t.csv");
    } catch (const gg::Error& e) {
        return e.what();
    }
    return "no error";
}

TEST(EmissivityTable, ReadsClassesValuesAndNdviClasses) {
    const gg::EmissivityTable t = gg::parse_emissivity_table(kTable, "t.csv");
    ASSERT_EQ(t.by_class.size(), 3u);
    EXPECT_EQ(t.by_class.at(10), 0.995);
    EXPECT_EQ(t.by_class.at(50), 0.973);
    EXPECT_FALSE(t.by_class.at(95).has_value());
    EXPECT_EQ(t.label, "t.csv");
    // Columns in another order, extra columns ignored, blanks around cells.
    const auto u = gg::parse_emissivity_table("emissivity, class\n 0.96 , 7\n", "u.csv");
    EXPECT_EQ(u.by_class.at(7), 0.96);
}

TEST(EmissivityTable, BadTablesNameTheFileLineAndProblem) {
    EXPECT_EQ(error_of(""), "t.csv: the emissivity table is empty (columns class, emissivity)");
    EXPECT_EQ(error_of("code,emissivity\n1,0.9\n"),
              "t.csv:1: the emissivity table needs the columns class and emissivity");
    EXPECT_EQ(error_of("class,emissivity\n"), "t.csv: the emissivity table has no class");
    EXPECT_EQ(error_of("class,emissivity\n10,0.9\n10,0.95\n"), "t.csv:3: class 10 is given twice");
    EXPECT_EQ(error_of("class,emissivity\n1.5,0.9\n"),
              "t.csv:2: class \"1.5\" is not a whole number");
    EXPECT_EQ(error_of("class,emissivity\n1,1.2\n"),
              "t.csv:2: emissivity \"1.2\" is neither a number in (0, 1] nor ndvi");
    EXPECT_EQ(error_of("class,emissivity\n1,0\n"),
              "t.csv:2: emissivity \"0\" is neither a number in (0, 1] nor ndvi");
    EXPECT_EQ(error_of("class,emissivity\n1,nan\n"),
              "t.csv:2: emissivity \"nan\" is neither a number in (0, 1] nor ndvi");
    EXPECT_EQ(error_of("class,emissivity\n1,\n"),
              "t.csv:2: emissivity \"\" is neither a number in (0, 1] nor ndvi");
}

TEST(EmissivityTable, ClassEmissivityAndTheLstItGives) {
    const auto t =
        std::make_shared<const gg::EmissivityTable>(gg::parse_emissivity_table(kTable, "t.csv"));
    EXPECT_EQ(gg::class_emissivity(*t, 50, std::nullopt, 0), 0.973);
    EXPECT_FALSE(gg::class_emissivity(*t, 60, 0.5, 0.1));  // not in the table
    EXPECT_FALSE(gg::class_emissivity(*t, 50.5, 0.5, 0.1));
    EXPECT_FALSE(gg::class_emissivity(*t, 95, std::nullopt, 0.1));  // ndvi class without NDVI
    EXPECT_NEAR(*gg::class_emissivity(*t, 95, 0.35, 0.1), 0.987, 1e-15);

    gg::HeatParams p;
    p.input = gg::ThermalInput::BrightnessTemperature;
    p.wavelength_um = 10.895;
    p.emissivity_table = t;
    EXPECT_NEAR(*gg::pixel_lst(300, std::nullopt, 0, p, 50.0), 301.877033053229, 1e-9);
    EXPECT_NEAR(*gg::pixel_lst(300, 0.9, 0.02, p, 10.0), 300.3419968715882, 1e-9);
    EXPECT_NEAR(*gg::pixel_lst(300, 0.35, 0.1, p, 95.0), 300.8944248951979, 1e-9);
    EXPECT_FALSE(gg::pixel_lst(300, 0.35, 0.1, p, 60.0));          // class not listed: no LST
    EXPECT_FALSE(gg::pixel_lst(300, 0.35, 0.1, p, std::nullopt));  // no class: no LST
    // Without a table the NDVI thresholds decide, whatever the class.
    p.emissivity_table = nullptr;
    EXPECT_NEAR(*gg::pixel_lst(300, 0.35, 0.1, p, 50.0), 300.8944248951979, 1e-9);
}

TEST(EmissivityTable, HeatChannelsTakeTheClassOfEachPixel) {
    gg::HeatParams p;
    p.input = gg::ThermalInput::BrightnessTemperature;
    p.wavelength_um = 10.895;
    p.emissivity_table =
        std::make_shared<const gg::EmissivityTable>(gg::parse_emissivity_table(kTable, "t.csv"));
    gg::ChannelBuffer bt, red, nir, classes;
    bt.values = {300, 300, 300, 300};
    bt.valid = {1, 1, 1, 0};
    red.values = {0.1, 0.1, 0.1, 0.1};
    nir.values = {0.1, 0.1, 0.1, 0.1};
    red.valid = nir.valid = {0, 1, 1, 1};  // pixel 0 has no NDVI: a fixed class needs none
    classes.values = {50, 10, 60, 50};
    classes.valid = {1, 1, 1, 1};
    std::vector<gg::ChannelBuffer> out(gg::kHeatChannels);
    gg::derive_heat_channels(bt, red, nir, p, out, &classes);
    EXPECT_EQ(out[0].valid, (std::vector<unsigned char>{1, 1, 0, 0}));
    EXPECT_NEAR(out[0].values[0], 301.877033053229, 1e-9);
    EXPECT_NEAR(out[0].values[1], 300.3419968715882, 1e-9);
    EXPECT_THROW(gg::derive_heat_channels(bt, red, nir, p, out, nullptr), gg::Error);
}

}  // namespace
