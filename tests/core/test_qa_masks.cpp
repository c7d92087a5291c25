// Quality masks (core/qa_masks.hpp): every bit of Landsat C2 QA_PIXEL, the Collection 1 BQA
// layouts of Landsat 8 and 7 with their 2-bit confidence fields, Sentinel-2 SCL classes, and the
// real BQA values of data/landsat/.
#include "core/qa_masks.hpp"

#include <gtest/gtest.h>

#include <cstdint>

namespace {

uint16_t bit(int index) {
    return static_cast<uint16_t>(1u << index);
}
// A 2-bit field value at `first_bit`.
uint16_t field(int first_bit, int value) {
    return static_cast<uint16_t>(value << first_bit);
}

using gg::LandsatC1Sensor;

TEST(LandsatC2Qa, EveryBitAloneWithDefaultOptions) {
    // Bits 0 fill, 1 dilated cloud, 2 cirrus, 3 cloud, 4 cloud shadow mask; 5 snow (off by
    // default), 6 clear, 7 water and the confidences 8-15 do not.
    for (int b = 0; b < 16; ++b) {
        EXPECT_EQ(gg::landsat_c2_qa_masked(bit(b)), b <= 4) << "bit " << b;
    }
    EXPECT_FALSE(gg::landsat_c2_qa_masked(0));
    // Clear land: 21824 = 0x5540 = bit 6 (clear) + low (01) cloud, shadow, snow and cirrus
    // confidences (the value USGS QA_PIXEL tables list for clear land on Landsat 8/9).
    EXPECT_FALSE(gg::landsat_c2_qa_masked(21824));
}

TEST(LandsatC2Qa, EachOptionControlsOnlyItsBit) {
    gg::LandsatC2MaskOptions none;
    none.dilated_cloud = none.cirrus = none.cloud = none.cloud_shadow = none.snow = false;
    for (int b = 0; b < 16; ++b) {
        EXPECT_EQ(gg::landsat_c2_qa_masked(bit(b), none), b == 0)
            << "fill is always masked, bit " << b;
    }
    const auto only = [&](bool gg::LandsatC2MaskOptions::*member) {
        auto o = none;
        o.*member = true;
        return o;
    };
    const struct {
        bool gg::LandsatC2MaskOptions::*member;
        int bit;
    } cases[] = {{&gg::LandsatC2MaskOptions::dilated_cloud, 1},
                 {&gg::LandsatC2MaskOptions::cirrus, 2},
                 {&gg::LandsatC2MaskOptions::cloud, 3},
                 {&gg::LandsatC2MaskOptions::cloud_shadow, 4},
                 {&gg::LandsatC2MaskOptions::snow, 5}};
    for (const auto& c : cases) {
        const auto options = only(c.member);
        for (int b = 0; b < 16; ++b) {
            EXPECT_EQ(gg::landsat_c2_qa_masked(bit(b), options), b == 0 || b == c.bit)
                << "option of bit " << c.bit << ", bit " << b;
        }
    }
}

TEST(LandsatC2Qa, RadiometricSaturationAnyNonzeroIsMasked) {
    EXPECT_FALSE(gg::landsat_c2_radsat_masked(0));
    for (int b = 0; b < 16; ++b) EXPECT_TRUE(gg::landsat_c2_radsat_masked(bit(b))) << b;
}

TEST(LandsatC1Bqa, FillOcclusionAndSaturationAreAlwaysMasked) {
    gg::LandsatC1MaskOptions none;
    none.cloud = none.cloud_shadow_high = none.cirrus_high = none.snow_high = false;
    for (const auto sensor : {LandsatC1Sensor::Landsat8, LandsatC1Sensor::Landsat7}) {
        EXPECT_TRUE(gg::landsat_c1_bqa_masked(bit(0), sensor, none));  // designated fill
        EXPECT_TRUE(gg::landsat_c1_bqa_masked(bit(1), sensor, none));  // occlusion / dropped
        for (int v = 1; v <= 3; ++v) {  // bits 2-3: 1-2, 3-4, 5+ bands saturated
            EXPECT_TRUE(gg::landsat_c1_bqa_masked(field(2, v), sensor, none)) << v;
        }
        EXPECT_FALSE(gg::landsat_c1_bqa_masked(0, sensor, none));
        EXPECT_FALSE(gg::landsat_c1_bqa_masked(bit(4), sensor, none));  // cloud, option off
    }
}

TEST(LandsatC1Bqa, Landsat8EveryBitAloneWithDefaultOptions) {
    // Single bits: 0, 1, 2, 3 (saturation 1 or 2), 4 (cloud) masked; a single bit of a
    // confidence field is low (1) or medium (2), never high, so bits 5-12 alone are not masked.
    for (int b = 0; b < 16; ++b) {
        EXPECT_EQ(gg::landsat_c1_bqa_masked(bit(b), LandsatC1Sensor::Landsat8), b <= 4)
            << "bit " << b;
    }
}

TEST(LandsatC1Bqa, Landsat7EveryBitAloneWithDefaultOptions) {
    for (int b = 0; b < 16; ++b) {
        EXPECT_EQ(gg::landsat_c1_bqa_masked(bit(b), LandsatC1Sensor::Landsat7), b <= 4)
            << "bit " << b;
    }
}

TEST(LandsatC1Bqa, ConfidenceFieldsMaskOnlyWhenHigh) {
    const gg::LandsatC1MaskOptions defaults;
    gg::LandsatC1MaskOptions with_snow;
    with_snow.snow_high = true;
    for (int v = 0; v <= 3; ++v) {
        const bool high = v == 3;
        for (const auto sensor : {LandsatC1Sensor::Landsat8, LandsatC1Sensor::Landsat7}) {
            // 5-6 cloud, 7-8 cloud shadow: masked by default when high.
            EXPECT_EQ(gg::landsat_c1_bqa_masked(field(5, v), sensor), high) << v;
            EXPECT_EQ(gg::landsat_c1_bqa_masked(field(7, v), sensor), high) << v;
            // 9-10 snow/ice: only with the option.
            EXPECT_FALSE(gg::landsat_c1_bqa_masked(field(9, v), sensor, defaults)) << v;
            EXPECT_EQ(gg::landsat_c1_bqa_masked(field(9, v), sensor, with_snow), high) << v;
        }
        // 11-12 cirrus: Landsat 8 only; Landsat 7 has no cirrus field.
        EXPECT_EQ(gg::landsat_c1_bqa_masked(field(11, v), LandsatC1Sensor::Landsat8), high) << v;
        EXPECT_FALSE(gg::landsat_c1_bqa_masked(field(11, v), LandsatC1Sensor::Landsat7)) << v;
    }
}

TEST(LandsatC1Bqa, OptionsSwitchTheConfidenceTestsOff) {
    gg::LandsatC1MaskOptions o;
    o.cloud = false;
    EXPECT_FALSE(gg::landsat_c1_bqa_masked(bit(4) | field(5, 3), LandsatC1Sensor::Landsat8, o));
    EXPECT_TRUE(gg::landsat_c1_bqa_masked(field(7, 3), LandsatC1Sensor::Landsat8, o));
    o = {};
    o.cloud_shadow_high = false;
    EXPECT_FALSE(gg::landsat_c1_bqa_masked(field(7, 3), LandsatC1Sensor::Landsat8, o));
    o = {};
    o.cirrus_high = false;
    EXPECT_FALSE(gg::landsat_c1_bqa_masked(field(11, 3), LandsatC1Sensor::Landsat8, o));
}

TEST(LandsatC1Bqa, RealValuesOfTheDataLandsatFiles) {
    // gdalinfo -stats data/landsat/LC08_L1TP_195025_20130707_20170503_01_T1_BQA.TIF:
    //   STATISTICS_MINIMUM=2720, MAXIMUM=2720, STDDEV=0 (41 x 41 Int16); gdallocationinfo at
    //   (5,5) gives 2720.
    // 2720 = 2048 + 512 + 128 + 32 = binary 1010 1010 0000:
    //   bits 0-4 = 0 (no fill, no occlusion, no saturation, no cloud bit);
    //   bits 5-6 = 01 cloud low; 7-8 = 01 shadow low; 9-10 = 01 snow/ice low; 11-12 = 01 cirrus
    //   low: clear land (USGS C1 Landsat 8 BQA table: 2720 "clear, low confidence cloud").
    constexpr uint16_t kL8 = 2720;
    EXPECT_EQ(kL8, field(5, 1) | field(7, 1) | field(9, 1) | field(11, 1));
    EXPECT_FALSE(gg::landsat_c1_bqa_masked(kL8, LandsatC1Sensor::Landsat8));
    gg::LandsatC1MaskOptions all;
    all.snow_high = true;
    EXPECT_FALSE(gg::landsat_c1_bqa_masked(kL8, LandsatC1Sensor::Landsat8, all));
    // The same pixel with cloud confidence raised to high (bits 5-6 = 11) would be masked.
    EXPECT_TRUE(gg::landsat_c1_bqa_masked(kL8 | field(5, 3), LandsatC1Sensor::Landsat8));

    // gdalinfo -stats data/landsat/LE07_L1TP_195025_20010730_20170204_01_T1_BQA.TIF:
    //   STATISTICS_MINIMUM=672, MAXIMUM=672, STDDEV=0; gdallocationinfo at (5,5) gives 672.
    // 672 = 512 + 128 + 32 = binary 10 1010 0000: cloud, shadow and snow/ice confidence low, no
    // cirrus field (Landsat 7): clear (USGS C1 Landsat 4-7 BQA table: 672 "clear").
    constexpr uint16_t kL7 = 672;
    EXPECT_EQ(kL7, field(5, 1) | field(7, 1) | field(9, 1));
    EXPECT_FALSE(gg::landsat_c1_bqa_masked(kL7, LandsatC1Sensor::Landsat7));
    EXPECT_FALSE(gg::landsat_c1_bqa_masked(kL7, LandsatC1Sensor::Landsat7, all));
}

TEST(Sentinel2Scl, EveryClassWithTheDefaultMask) {
    // 0 no data, 1 saturated/defective, 3 cloud shadow, 8 cloud medium, 9 cloud high, 10 thin
    // cirrus are masked; 2 dark area, 4 vegetation, 5 not vegetated, 6 water, 7 unclassified,
    // 11 snow are not.
    const bool expected[12] = {true,  true,  false, true, false, false,
                               false, false, true,  true, true,  false};
    for (int c = 0; c < 12; ++c) EXPECT_EQ(gg::sentinel2_scl_masked(c), expected[c]) << c;
}

TEST(Sentinel2Scl, CustomMasksKeepNoDataAndDefectiveMasked) {
    gg::SentinelSclMaskOptions o;
    o.masked_classes = {2, 11};  // dark area and snow only
    for (int c = 0; c < 12; ++c) {
        EXPECT_EQ(gg::sentinel2_scl_masked(c, o), c == 0 || c == 1 || c == 2 || c == 11) << c;
    }
    o.masked_classes = {};
    for (int c = 0; c < 12; ++c) EXPECT_EQ(gg::sentinel2_scl_masked(c, o), c <= 1) << c;
    o.masked_classes = {0, 1, 2, 3, 8, 9, 10, 11};  // the default plus the optional 2 and 11
    for (int c = 0; c < 12; ++c) {
        EXPECT_EQ(gg::sentinel2_scl_masked(c, o), !(c >= 4 && c <= 7)) << c;
    }
}

TEST(Sentinel2Scl, ValuesOutsideTheClassesAreMasked) {
    EXPECT_TRUE(gg::sentinel2_scl_masked(-1));
    EXPECT_TRUE(gg::sentinel2_scl_masked(12));
    EXPECT_TRUE(gg::sentinel2_scl_masked(255));
}

}  // namespace
