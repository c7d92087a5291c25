// The project's `areas`: every area of a run on the ellipsoid by default, or the CRS's plane
// areas with `areas: planar`; recorded in the run's parameters and the outputs' metadata. On the
// synthetic city (UTM 47N, 100 km east of the central meridian; synthetic_city.hpp).
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "assess/assessment.hpp"
#include "assess/families.hpp"
#include "core/error.hpp"
#include "support/geodesic_reference.hpp"
#include "synthetic_city.hpp"

namespace gg::assess {
namespace {

using test::SyntheticCity;

AssessmentResult assess(const SyntheticCity& city) {
    AssessmentOptions o;
    o.reporter.warning = [](const std::string&) {};
    return run_assessment(load_project(city.project, builtin_families()), o);
}

size_t zone_index(const AssessmentResult& r, const std::string& id) {
    for (size_t z = 0; z < r.zones.zones.size(); ++z)
        if (r.zones.zones[z].id == id) return z;
    ADD_FAILURE() << "no zone " << id;
    return 0;
}

// UTM's point scale factor (Snyder 1987, "Map Projections: A Working Manual", USGS Professional
// Paper 1395, eq. 8-11, k0 = 0.9996) at a point of EPSG:32647 (central meridian 99 E, WGS 84).
double utm47_scale(Point p) {
    const Point ll = test::GeodesicReference("EPSG:32647").lonlat(p);
    const double f = 1 / 298.257223563, e2 = f * (2 - f), ep2 = e2 / (1 - e2);
    const double phi = ll.y * std::numbers::pi / 180;
    const double t = std::tan(phi) * std::tan(phi), c = ep2 * std::cos(phi) * std::cos(phi);
    const double a = (ll.x - 99) * std::numbers::pi / 180 * std::cos(phi);
    return 0.9996 * (1 + (1 + c) * a * a / 2 +
                     (5 - 4 * t + 42 * c + 13 * c * c - 28 * ep2) * std::pow(a, 4) / 24 +
                     (61 - 148 * t + 16 * t * t) * std::pow(a, 6) / 720);
}

std::string runs_parameters(const AssessmentResult& r) {
    for (const auto& [name, table] : r.history)
        if (name == "runs")
            for (size_t c = 0; c < table.columns.size(); ++c)
                if (table.columns[c].name == "parameters")
                    return std::get<std::string>(table.rows.at(0).at(c));
    ADD_FAILURE() << "no runs.parameters";
    return "";
}

TEST(Areas, TheSyntheticCityIsMeasuredOnTheEllipsoidUnlessPlanar) {
    const SyntheticCity planar_city("", true, "planar"), city("", true, "");
    const AssessmentResult planar = assess(planar_city), ground = assess(city);
    const size_t f = zone_index(ground, "F"), t = zone_index(ground, "T");

    // F, 150 x 200 m around (600075, 1499900): 30,000 plane m2, 30,000 / k^2 on the ground
    // (k = 0.99972 there); the zone is small enough for k at its centre (1e-9).
    const double k = utm47_scale({600075, 1499900});
    EXPECT_NEAR(planar.metrics.value(f, "area_m2").value(), 30000, 1e-6);
    EXPECT_NEAR(ground.metrics.value(f, "area_m2").value() / (30000 / (k * k)), 1.0, 1e-8);
    EXPECT_NEAR(ground.metrics.value(f, "green_area_m2").value() / (30000 / (k * k)), 1.0, 1e-8);
    // The parks P (2500 m2 around 600045, 1499925) and Q (400 m2 around 600110, 1499910), each
    // at its own scale (k^2 changes by 5e-9 per metre east here).
    const double kp = utm47_scale({600045, 1499925}), kq = utm47_scale({600110, 1499910});
    EXPECT_NEAR(ground.metrics.value(f, "green_polygon_area_m2").value() /
                    (2500 / (kp * kp) + 400 / (kq * kq)),
                1.0, 1e-8);
    // Shares are ratios of areas measured alike: the same to the areal scale's change across a
    // zone (~1e-6 over 300 m here) in both conventions.
    EXPECT_NEAR(ground.metrics.value(t, "image_coverage_share").value(), 1.0 / 3, 1e-6);
    EXPECT_NEAR(ground.metrics.value(f, "image_coverage_share").value(), 1.0, 1e-8);
    EXPECT_NEAR(ground.metrics.value(f, "public_green_share").value(), 2500.0 / 30000, 1e-7);
    EXPECT_NEAR(ground.metrics.value(f, "green_share").value(), 1.0, 1e-12);

    // Which convention was used is recorded with the run and in every output's metadata.
    EXPECT_NE(runs_parameters(ground).find("\"areas\":\"ellipsoidal\""), std::string::npos)
        << runs_parameters(ground);
    EXPECT_NE(runs_parameters(planar).find("\"areas\":\"planar\""), std::string::npos);
    EXPECT_EQ(ground.metadata.at("greengauge_areas"), "ellipsoidal");
    EXPECT_EQ(planar.metadata.at("greengauge_areas"), "planar");
}

TEST(Areas, AnUnknownConventionIsAnErrorWithItsLine) {
    const SyntheticCity city("", true, "spherical");
    try {
        load_project(city.project, builtin_families());
        FAIL() << "no error";
    } catch (const Error& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("city.yaml:3: \"areas\" must be ellipsoidal or planar"), std::string::npos)
            << m;
    }
    const SyntheticCity explicit_default("", true, "ellipsoidal");
    EXPECT_EQ(load_project(explicit_default.project, builtin_families()).areas,
              AreaConvention::Ellipsoidal);
    EXPECT_EQ(load_project(SyntheticCity().project, builtin_families()).areas,
              AreaConvention::Planar);
}

}  // namespace
}  // namespace gg::assess
