// Wetlands in core/: the water index and its mask, land-cover classes to types, the type mapping
// and the union of the sources. Every expected value is worked out in the comment beside it.
#include "core/wetlands.hpp"

#include <gtest/gtest.h>

namespace gg {
namespace {

ChannelBuffer buffer(std::vector<double> values, std::vector<unsigned char> valid = {}) {
    ChannelBuffer b;
    if (valid.empty()) valid.assign(values.size(), 1);
    b.values = std::move(values);
    b.valid = std::move(valid);
    return b;
}

TEST(WaterIndex, IsTheNormalisedDifferenceAndNodataOnAZeroSum) {
    // MNDWI with green 0.3, SWIR1 0.1: (0.3 - 0.1) / (0.3 + 0.1) = 0.5; NDWI with NIR 0.5:
    // (0.3 - 0.5) / 0.8 = -0.25. Green = -SWIR1 gives a zero denominator: no value.
    EXPECT_DOUBLE_EQ(*water_index(0.3, 0.1), 0.5);
    EXPECT_DOUBLE_EQ(*water_index(0.3, 0.5), -0.25);
    EXPECT_FALSE(water_index(0.2, -0.2));
}

TEST(WaterIndex, WaterIsStrictlyAboveTheThresholdAndTheSweepHasItsOwnMasks) {
    // Pixels: index 0.5 (water), 0 (not water at threshold 0: water is index > 0, as the
    // positive values of McFeeters 1996 and Xu 2006; water at the sweep's -0.1), -0.25 (never),
    // and one pixel whose SWIR1 is nodata (no value anywhere).
    const ChannelBuffer green = buffer({0.3, 0.3, 0.3, 0.3});
    const ChannelBuffer swir1 = buffer({0.1, 0.3, 0.5, 0.1}, {1, 1, 1, 0});
    WaterParams p;  // threshold 0, sweep -0.1, 0, 0.1
    std::vector<ChannelBuffer> out(water_channel_count(p));
    ASSERT_EQ(out.size(), 5u);
    derive_water_channels(green, swir1, p, out);
    EXPECT_EQ(out[1].values, (std::vector<double>{1, 0, 0, 0}));
    EXPECT_EQ(out[1].valid, (std::vector<unsigned char>{1, 1, 1, 0}));
    EXPECT_EQ(out[2].values, (std::vector<double>{1, 1, 0, 0}));  // > -0.1
    EXPECT_EQ(out[4].values, (std::vector<double>{1, 0, 0, 0}));  // > 0.1

    // Accumulated over one zone of the four pixels, each 100 m2 and fully covered: the valid
    // area is 300 m2 of 400 (valid_share 0.75), water 100 m2 (share 1/3); the sweep gives 2/3 at
    // -0.1 and 1/3 at 0 and 0.1.
    std::vector<ZoneAccumulator> acc(out.size());
    for (size_t c = 0; c < out.size(); ++c)
        for (size_t i = 0; i < 4; ++i)
            out[c].valid[i] ? acc[c].add(out[c].values[i], 1, 100) : acc[c].add_invalid(1, 100);
    const WaterMetrics m = water_metrics(acc, p);
    EXPECT_DOUBLE_EQ(*m.valid_share, 0.75);
    EXPECT_DOUBLE_EQ(*m.water_area_m2, 100);
    EXPECT_DOUBLE_EQ(*m.water_share, 1.0 / 3);
    EXPECT_DOUBLE_EQ(*m.water_share_sweep_min, 1.0 / 3);
    EXPECT_DOUBLE_EQ(*m.water_share_sweep_max, 2.0 / 3);
}

TEST(WaterIndex, AZoneWithoutValidPixelsHasNoWaterFigures) {
    WaterParams p;
    std::vector<ZoneAccumulator> acc(water_channel_count(p));
    for (auto& a : acc) a.add_invalid(1, 100);
    const WaterMetrics m = water_metrics(acc, p);
    EXPECT_DOUBLE_EQ(*m.valid_share, 0);
    EXPECT_FALSE(m.water_share);  // empty, never 0
    EXPECT_FALSE(m.water_area_m2);
}

TEST(WetlandTypes, TheVocabularyFollowsTheRamsarGroupsAndEndsWithOther) {
    const auto& t = wetland_types();
    ASSERT_EQ(t.size(), 6u);
    EXPECT_STREQ(t[0].id, "open_water");
    EXPECT_STREQ(t[3].id, "mangrove");
    EXPECT_STREQ(t[3].ramsar_group, "marine/coastal");  // Ramsar type I
    EXPECT_STREQ(t[4].ramsar_group, "human-made");      // Ramsar type 3, rice fields
    EXPECT_STREQ(t.back().id, "other");
    EXPECT_EQ(wetland_type_index("marsh"), 1u);
    EXPECT_FALSE(wetland_type_index("bog"));
}

TEST(WetlandTypes, AnUnmappedValueIsOtherAndSaysSo) {
    WetlandTypeMapping m;
    m.types = {"mangrove", "open_water", "other"};
    m.values = {{"river", "open_water"}, {"ป่าชายเลน", "mangrove"}};
    bool unmapped = true;
    EXPECT_EQ(m.type_of(" River ", &unmapped), 1u);  // trimmed, case-insensitive
    EXPECT_FALSE(unmapped);
    EXPECT_EQ(m.type_of("ป่าชายเลน", &unmapped), 0u);  // Thai as it is
    EXPECT_EQ(m.type_of("lagoon", &unmapped), 2u);
    EXPECT_TRUE(unmapped);
}

TEST(WetlandClasses, EachMappedClassLightsItsTypeAndAny) {
    // Types 0 open_water, 1 mangrove; WorldCover 80 -> 0, 95 -> 1; 10 (trees) is no wetland.
    const WetlandClassMap map = {{80, 0}, {95, 1}};
    const ChannelBuffer classes = buffer({80, 95, 10, 80}, {1, 1, 1, 0});
    std::vector<ChannelBuffer> out(3);
    derive_wetland_class_channels(classes, map, out);
    EXPECT_EQ(out[0].values, (std::vector<double>{1, 0, 0, 0}));
    EXPECT_EQ(out[1].values, (std::vector<double>{0, 1, 0, 0}));
    EXPECT_EQ(out[2].values, (std::vector<double>{1, 1, 0, 0}));
    EXPECT_EQ(out[2].valid, classes.valid);
}

TEST(WetlandUnion, PolygonsThenTheRasterOutsideThemNothingTwice) {
    // Two types. Polygons: 300 m2 of type 0, 200 of type 1. Outside them the raster saw 1,000 m2
    // validly, of which 100 m2 type 0 and 50 m2 type 1. Area = 300 + 200 + 150 = 650; observed
    // = 500 + 1,000 = 1,500; share 650 / 1,500; type 0: 400 / 1,500, type 1: 250 / 1,500.
    WetlandSources s;
    s.types = 2;
    s.inventory = true;
    s.polygon_m2 = {300, 200};
    s.raster = true;
    s.raster_outside_m2 = {100, 50};
    s.raster_outside_total_m2 = 150;
    s.raster_valid_outside_m2 = 1000;
    const WetlandFigures f = combine_wetland_sources(s);
    EXPECT_DOUBLE_EQ(*f.area_m2, 650);
    EXPECT_DOUBLE_EQ(*f.observed_m2, 1500);
    EXPECT_DOUBLE_EQ(*f.share, 650.0 / 1500);
    EXPECT_DOUBLE_EQ(*f.type_area_m2[0], 400);
    EXPECT_DOUBLE_EQ(*f.type_share[1], 250.0 / 1500);
}

TEST(WetlandUnion, AnInventoryAloneIsMeasuredAgainstTheZonesGroundArea) {
    // 500 m2 of polygons in a zone of 2,000 m2: share 0.25. A zone without area: no value.
    WetlandSources s;
    s.types = 1;
    s.inventory = true;
    s.polygon_m2 = {500};
    s.zone_area_m2 = 2000;
    EXPECT_DOUBLE_EQ(*combine_wetland_sources(s).share, 0.25);
    s.zone_area_m2 = 0;
    const WetlandFigures f = combine_wetland_sources(s);
    EXPECT_FALSE(f.area_m2);
    EXPECT_EQ(f.reason, "the zone has no area");
}

TEST(WetlandUnion, NothingObservedIsNoValueNotZero) {
    WetlandSources s;
    s.types = 1;
    s.raster = true;
    s.raster_outside_m2 = {0};
    const WetlandFigures f = combine_wetland_sources(s);
    EXPECT_FALSE(f.area_m2);
    EXPECT_FALSE(f.share);
    EXPECT_FALSE(f.type_share[0]);
    EXPECT_FALSE(f.reason.empty());
}

TEST(WaterPersistence, PermanentAndSeasonalAreOccurrenceThresholds) {
    // Occurrences 1, 0.75, 0.5, 0.25, 0.2 and a pixel never observed. Permanent >= 0.75: the
    // first two; seasonal 0.25 <= o < 0.75: the next two; 0.2 neither.
    const ChannelBuffer occ = buffer({1, 0.75, 0.5, 0.25, 0.2, 0}, {1, 1, 1, 1, 1, 0});
    std::vector<ChannelBuffer> out(kPersistenceChannels);
    derive_persistence_channels(occ, PersistenceParams{}, out);
    EXPECT_EQ(out[1].values, (std::vector<double>{1, 1, 0, 0, 0, 0}));
    EXPECT_EQ(out[2].values, (std::vector<double>{0, 0, 1, 1, 0, 0}));
    // Six pixels of 100 m2 with counts 6, 6, 4, 4, 5 and 0: observed 500 of 600 m2; mean
    // occurrence (1 + 0.75 + 0.5 + 0.25 + 0.2) / 5 = 0.54; permanent 200, seasonal 200 m2; the
    // fewest observations 0 (the pixel never seen counts).
    const std::vector<double> counts = {6, 6, 4, 4, 5, 0};
    std::vector<ZoneAccumulator> acc(4);
    for (size_t i = 0; i < 6; ++i) {
        for (size_t c = 0; c < 3; ++c)
            out[c].valid[i] ? acc[c].add(out[c].values[i], 1, 100) : acc[c].add_invalid(1, 100);
        acc[3].add(counts[i], 1, 100);
    }
    const PersistenceMetrics m = persistence_metrics(acc[0], acc[1], acc[2], acc[3]);
    EXPECT_DOUBLE_EQ(*m.observed_share, 500.0 / 600);
    EXPECT_DOUBLE_EQ(*m.occurrence_mean, 0.54);
    EXPECT_DOUBLE_EQ(*m.permanent_m2, 200);
    EXPECT_DOUBLE_EQ(*m.seasonal_m2, 200);
    EXPECT_DOUBLE_EQ(*m.observations_min, 0);
}

TEST(WetlandChange, PercentChangeAgainstTheBaselineAndNothingWithoutOne) {
    // (12,500 - 15,000) / 15,000 x 100 = -16.67 %; growth from 200 to 300 is +50 %; from 0 there
    // is no percent change (not 0, not infinity).
    EXPECT_DOUBLE_EQ(*percent_change(15000, 12500), -2500.0 / 15000 * 100);
    EXPECT_DOUBLE_EQ(*percent_change(200, 300), 50);
    EXPECT_FALSE(percent_change(0, 300));
}

}  // namespace
}  // namespace gg
