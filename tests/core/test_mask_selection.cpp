// --mask / imagery.mask (core/mask_selection.hpp): the words users type, and what each sensor
// then masks. Expected values are the class tables of docs/methods.md section 2, written out by
// hand.
#include "core/mask_selection.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace gg {
namespace {

TEST(MaskSelection, DefaultNoneAndFill) {
    const MaskSelection d = parse_mask_selection("default");
    EXPECT_TRUE(d.use_qa);
    EXPECT_EQ(mask_selection_text(d), "cloud,dilated_cloud,cirrus,shadow");
    EXPECT_FALSE(parse_mask_selection("none").use_qa);
    EXPECT_EQ(mask_selection_text(parse_mask_selection(" none ")), "none");
    const MaskSelection fill = parse_mask_selection("fill");
    EXPECT_TRUE(fill.use_qa);
    EXPECT_EQ(fill.classes, 0u);
    EXPECT_EQ(mask_selection_text(fill), "fill");
}

TEST(MaskSelection, ListsAndDefaultPlusOne) {
    const MaskSelection s = parse_mask_selection("default, snow");
    EXPECT_TRUE(s.has(MaskClass::Snow));
    EXPECT_TRUE(s.has(MaskClass::Cloud));
    EXPECT_FALSE(s.has(MaskClass::Water));
    const MaskSelection only = parse_mask_selection("cloud,water");
    EXPECT_TRUE(only.has(MaskClass::Cloud));
    EXPECT_TRUE(only.has(MaskClass::Water));
    EXPECT_FALSE(only.has(MaskClass::Shadow));
    // The canonical text parses back to the same selection.
    EXPECT_EQ(parse_mask_selection(mask_selection_text(s)), s);
}

TEST(MaskSelection, UnknownWordIsNamedWithTheValidOnes) {
    try {
        parse_mask_selection("cloud,haze");
        FAIL() << "no error";
    } catch (const Error& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("unknown class 'haze'"), std::string::npos) << m;
        EXPECT_NE(m.find("dark_area"), std::string::npos) << m;
    }
    EXPECT_THROW(parse_mask_selection("cloud,none"), Error);
    EXPECT_THROW(parse_mask_selection(""), Error);
}

TEST(MaskSelection, Sentinel2Classes) {
    // Default: 3 shadow, 8/9 cloud, 10 cirrus (0 and 1 are masked whatever the selection).
    EXPECT_EQ(sentinel2_options(MaskSelection{}).masked_classes, (std::set<int>{3, 8, 9, 10}));
    EXPECT_EQ(
        sentinel2_options(parse_mask_selection("snow,water,dark_area,unclassified")).masked_classes,
        (std::set<int>{2, 6, 7, 11}));
    const auto fill = sentinel2_options(parse_mask_selection("fill"));
    EXPECT_TRUE(fill.masked_classes.empty());
    EXPECT_TRUE(sentinel2_scl_masked(1, fill));   // saturated: always
    EXPECT_FALSE(sentinel2_scl_masked(9, fill));  // cloud: not selected
}

TEST(MaskSelection, LandsatBits) {
    const uint16_t water = 1u << 7, snow = 1u << 5, cloud = 1u << 3, fill = 1u;
    const auto d = landsat_c2_options(MaskSelection{});
    EXPECT_FALSE(landsat_c2_qa_masked(water, d));
    EXPECT_FALSE(landsat_c2_qa_masked(snow, d));
    EXPECT_TRUE(landsat_c2_qa_masked(cloud, d));
    const auto w = landsat_c2_options(parse_mask_selection("water,snow"));
    EXPECT_TRUE(landsat_c2_qa_masked(water, w));
    EXPECT_TRUE(landsat_c2_qa_masked(snow, w));
    EXPECT_FALSE(landsat_c2_qa_masked(cloud, w));
    EXPECT_TRUE(landsat_c2_qa_masked(fill, landsat_c2_options(parse_mask_selection("fill"))));
    // Collection 1 BQA (Landsat 8): cloud bit 4; snow/ice confidence high = bits 9-10 = 3.
    const uint16_t c1_snow = 3u << 9, c1_cloud = 1u << 4;
    const auto c1 = landsat_c1_options(parse_mask_selection("snow"));
    EXPECT_TRUE(landsat_c1_bqa_masked(c1_snow, LandsatC1Sensor::Landsat8, c1));
    EXPECT_FALSE(landsat_c1_bqa_masked(c1_cloud, LandsatC1Sensor::Landsat8, c1));
    EXPECT_TRUE(landsat_c1_bqa_masked(c1_cloud, LandsatC1Sensor::Landsat8,
                                      landsat_c1_options(MaskSelection{})));
}

}  // namespace
}  // namespace gg
