// The core tests check the framework machinery against a metric list of their own: the metric
// ids below are test data (the ids the test frameworks name, some not available), installed once
// for the whole executable. The real list comes from the assessment library's families and is
// checked against the built-in frameworks in tests/assess/.
#include <gtest/gtest.h>

#include "core/metric_registry.hpp"

namespace gg {
namespace {

class TestMetricRegistry : public ::testing::Environment {
  public:
    void SetUp() override {
        set_metric_registry({
            {"area_m2", "m2",
             "ground area of the zone covered by the raster (nodata and masked pixels included)",
             "exact coverage x true pixel ground area (docs/methods.md 1)"},
            {"valid_share", "1", "share of area_m2 with a valid (non-nodata, unmasked) value",
             "docs/methods.md 1"},
            {"ndvi_mean", "1", "coverage-weighted mean NDVI of the valid pixels",
             "NDVI = (NIR-Red)/(NIR+Red) (docs/methods.md 3)"},
            {"green_share", "1",
             "share of the valid area where NDVI >= the green threshold (area-weighted)",
             "docs/methods.md 3 and 5; threshold 0.3 by default"},
            {"green_area_m2", "m2",
             "observed green area: valid area with NDVI >= threshold (unobserved pixels not "
             "counted)",
             "docs/methods.md 5"},
            {"tree_canopy_share", "1",
             "share of the valid area with NDVI >= the tree threshold (0.5 by default, dense "
             "vegetation): a canopy proxy",
             "UNEP-WCMC NDVI > 0.5 dense vegetation (docs/methods.md 3); 3-30-300 (docs/methods.md "
             "5)"},
            {"canopy_30_met", "1", "1 when tree_canopy_share >= 0.30, else 0 (the 30 of 3-30-300)",
             "Konijnendijk 2021, 2023 (docs/methods.md 5)"},
            {"green_share_sweep_min", "1", "lowest green_share over the NDVI threshold sweep",
             "docs/methods.md 3: thresholds 0.2, 0.3, 0.4 by default"},
            {"green_share_sweep_max", "1", "highest green_share over the NDVI threshold sweep",
             "docs/methods.md 3"},
            {"green_m2_per_capita_sweep_min", "m2/person",
             "lowest green_m2_per_capita over the NDVI threshold sweep", "docs/methods.md 3 and 5"},
            {"green_m2_per_capita_sweep_max", "m2/person",
             "highest green_m2_per_capita over the NDVI threshold sweep",
             "docs/methods.md 3 and 5"},
            {"landcover_green_area_m2", "m2",
             "area of the land-cover classes listed as green (landcover.green_classes)",
             "docs/methods.md 4; exact coverage"},
            {"landcover_green_share", "1", "share of the classified area in green classes",
             "docs/methods.md 4"},
            {"landcover_tree_share", "1",
             "share of the classified area in tree classes; replaces the NDVI canopy proxy in "
             "tree_canopy_share when given",
             "docs/methods.md 4 and 5"},
            {"green_polygon_area_m2", "m2",
             "area of the dissolved green-space polygons inside the zone (no overlap counted "
             "twice)",
             "green_spaces layer; docs/methods.md 5"},
            {"public_green_area_m2", "m2", "the same for the polygons marked public",
             "green_spaces layer with public_field; docs/methods.md 5"},
            {"green_combined_area_m2", "m2",
             "green_polygon_area_m2 plus imagery green outside the polygons (their union)",
             "docs/methods.md 5"},
            {"green_combined_m2_per_capita", "m2/person", "green_combined_area_m2 / population",
             "docs/methods.md 5"},
            {"pop_within_300m_share", "1",
             "share of residents within access.distance_m (300 m) straight line of a green space "
             "of "
             "at least access.min_area_m2 (0.5 ha); uniform residents without a population raster",
             "WHO Europe 2016 (docs/methods.md 5)"},
            {"access_300_met", "1",
             "1 when every resident is within the access distance (the 300 of "
             "3-30-300), else 0",
             "Konijnendijk 2021, 2023 (docs/methods.md 5)"},
            {"population", "persons", "residents of the zone (from the zones' population field)",
             "input"},
            {"population_covered_share", "1",
             "share of the zone's ground area covered by valid pixels of the population raster",
             "exact coverage (docs/methods.md 1); only with zones.population_raster"},
            {"green_m2_per_capita", "m2/person",
             "green_area_m2 / population (empty when population is"
             " 0 or missing)",
             "docs/methods.md 5"},
            // Declared for the frameworks; computed by later issues (green space, wetlands, heat).
            {"green_ha_per_100k", "ha/100000 persons", "green area per 100,000 residents",
             "ISO 37120:2018 (docs/methods.md 5)"},
            {"public_green_share", "1", "share of the zone that is green space open to the public",
             "DEQP green area criteria (docs/methods.md 5)", false},
            {"area_within_400m_public_space_share", "1",
             "share of the zone's area within 400 m of public space",
             "Green Bangkok 2030 (docs/methods.md 5)", false},
            {"wetland_share", "1", "share of the zone that is wetland or open water",
             "docs/methods.md 6", false},
            {"wetland_change_pct", "%", "percent change of wetland area against a baseline",
             "docs/methods.md 6", false},
            {"lst_mean_k", "K", "mean land surface temperature", "docs/methods.md 7", false},
            {"suhii_k", "K", "surface urban heat island intensity", "docs/methods.md 7", false},
        });
    }
};

const auto* const kRegistry = ::testing::AddGlobalTestEnvironment(new TestMetricRegistry);

}  // namespace
}  // namespace gg
