// A pass that reads no pixel (gis/grid_only_source.hpp) on the real Landsat 8 Level-1 sample: the
// zones' area_m2 is the same bits as a pass that reads the LST (area counts every covered pixel,
// valid or not, over the same windows), and no value is accumulated.
#include "gis/grid_only_source.hpp"

#include <gtest/gtest.h>

#include "core/lst.hpp"
#include "gis/hotspot_source.hpp"
#include "support/imagery_fixtures.hpp"

namespace gg {
namespace {

TEST(GridOnlySource, TheSameCoveredAreaBitsAndNoValue) {
    LstInputs in;
    in.products = {recognise_product(test::kL8Mtl)};
    in.params.input = ThermalInput::BrightnessTemperature;
    in.params.wavelength_um = kLandsat89Band10WavelengthUm;
    const CustomWindowSource lst = lst_source(in);
    const Grid& g = lst.info.grid;
    // A zone over part of the 41 x 41 grid, off the cell edges, and one over its corner (half
    // outside).
    const auto box = [](double x0, double y0, double x1, double y1) {
        MultiPolygon m;
        m.parts.push_back({{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}, {}});
        return m;
    };
    const double x0 = g.x0, y0 = g.y0 - g.rows * g.dy;  // bottom-left corner
    const std::vector<MultiPolygon> zones = {
        box(x0 + 3.3 * g.dx, y0 + 5.7 * g.dy, x0 + 30.2 * g.dx, y0 + 22.9 * g.dy),
        box(x0 - 4.5 * g.dx, y0 - 6.1 * g.dy, x0 + 7.4 * g.dx, y0 + 8.8 * g.dy)};
    ZonalJob job;
    job.custom = lst;
    const auto read = run_zonal(job, zones);
    job.custom = grid_only_source(lst);
    const auto none = run_zonal(job, zones);
    for (size_t z = 0; z < zones.size(); ++z) {
        ASSERT_FALSE(read[z].empty());
        EXPECT_GT(read[z][0].count(), 0) << z;
        EXPECT_GT(read[z][0].area_m2(), 0) << z;
        EXPECT_EQ(none[z][0].area_m2(), read[z][0].area_m2()) << z;  // the same bits
        EXPECT_EQ(none[z][0].count(), 0) << z;
        EXPECT_EQ(none[z][0].valid_area_m2(), 0) << z;
        EXPECT_FALSE(none[z][0].has_values()) << z;
    }
}

}  // namespace
}  // namespace gg
