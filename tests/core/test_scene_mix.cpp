// Dates and sensors of composited scenes (core/scene_mix).
#include "core/scene_mix.hpp"

#include <gtest/gtest.h>

namespace gg {
namespace {

TEST(SceneMixDates, IsoDatesFromMetadataAndProductIds) {
    EXPECT_EQ(iso_date("2013-07-07"), "2013-07-07");
    EXPECT_EQ(iso_date("2024-01-15T03:35:39.024Z"), "2024-01-15");
    EXPECT_EQ(iso_date("20230101_20230110_02_T1"), "2023-01-01");
    EXPECT_EQ(iso_date("2024-02-29"), "2024-02-29");
    EXPECT_FALSE(iso_date("2023-02-29"));  // not a leap year
    EXPECT_FALSE(iso_date("1900-02-29"));
    EXPECT_FALSE(iso_date("2023-13-01"));
    EXPECT_FALSE(iso_date("195025"));
    EXPECT_EQ(day_number("1970-01-01"), 0);
    EXPECT_EQ(*day_number("2013-07-07") - *day_number("2001-07-30"), 4360);
    EXPECT_EQ(*day_number("2000-03-01") - *day_number("2000-02-28"), 2);
}

TEST(SceneMixDates, SpanSensorsAndUndatedScenes) {
    const auto m = scene_mix({{"a", "Landsat 8 OLI", "Landsat OLI", "2023-05-01"},
                              {"b", "Landsat 9 OLI-2", "Landsat OLI", "2023-02-01"},
                              {"c", "Landsat 8 OLI", "Landsat OLI", std::nullopt}},
                             365, "--max-span-days");
    EXPECT_EQ(m.span_days, 89);
    EXPECT_EQ(m.first_date, "2023-02-01");
    EXPECT_EQ(m.last_date, "2023-05-01");
    EXPECT_EQ(m.sensors, (std::vector<std::string>{"Landsat 8 OLI", "Landsat 9 OLI-2"}));
    ASSERT_EQ(m.warnings.size(), 1u);
    EXPECT_EQ(m.warnings[0],
              "no acquisition date for c: the span of the dates is checked without it");
    EXPECT_TRUE(scene_mix({{"a", "", "", std::nullopt}, {"b", "", "", std::nullopt}}, 365, "x")
                    .warnings.empty());
}

}  // namespace
}  // namespace gg
