// The project's `areas`: every area of a run on the ellipsoid by default, or the CRS's plane
// areas with `areas: planar`; recorded in the run's parameters and the outputs' metadata. On the
// synthetic city (UTM 47N, 100 km east of the central meridian; synthetic_city.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
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

// A zone and a park given in longitude/latitude (EPSG:4326) near Hat Yai, 1.5 degrees east of
// UTM 47N's central meridian, and an image (red 0.1, NIR 0.5: all green) over them in `crs`.
struct LonLatPark {
    test::TempDir dir;
    // Zone Z: 100.46..100.48 E, 6.99..7.01 N, edges straight in longitude/latitude.
    const Ring zone = {
        {100.46, 6.99}, {100.48, 6.99}, {100.48, 7.01}, {100.46, 7.01}, {100.46, 6.99}};
    // A pentagon about 1 km across inside it.
    const Ring park = {{100.4652, 6.9953}, {100.4731, 6.9968}, {100.4744, 7.0041},
                       {100.4690, 7.0072}, {100.4641, 7.0019}, {100.4652, 6.9953}};

    static std::string wkt(const Ring& r) {
        std::string text = "POLYGON ((";
        for (size_t i = 0; i < r.size(); ++i)
            text.append(i ? "," : "")
                .append(std::to_string(r[i].x))
                .append(" ")
                .append(std::to_string(r[i].y));
        return text + "))";
    }

    // Writes the inputs and returns the project file's path.
    std::string write(const std::string& crs, const std::string& areas) const {
        const test::GeodesicReference ref(crs);
        Box box;
        for (const Point& p : zone) {
            const Point q = ref.project(p);
            box.xmin = std::min(box.xmin, q.x);
            box.xmax = std::max(box.xmax, q.x);
            box.ymin = std::min(box.ymin, q.y);
            box.ymax = std::max(box.ymax, q.y);
        }
        const bool geographic = crs == "EPSG:4326";
        const double pixel = geographic ? 0.0002 : 20, margin = 10 * pixel;
        test::RasterFixture image;
        image.crs = crs;
        image.geotransform = {std::floor(box.xmin / pixel) * pixel - margin, pixel, 0,
                              std::ceil(box.ymax / pixel) * pixel + margin,  0,     -pixel};
        image.cols = static_cast<int>((box.xmax - box.xmin + 4 * margin) / pixel);
        image.rows = static_cast<int>((box.ymax - box.ymin + 4 * margin) / pixel);
        image.bands = 2;
        image.type = GDT_Float32;
        const size_t n = static_cast<size_t>(image.cols) * static_cast<size_t>(image.rows);
        image.values.assign(n, 0.1);
        image.values.resize(2 * n, 0.5);
        const std::string name = crs.substr(5);
        test::write_raster(dir.file(name + ".tif"), image);

        test::LayerFixture zones;
        zones.crs = "EPSG:4326";
        zones.fields = {{"code", OFTString}};
        zones.features = {{wkt(zone), {"Z"}}};
        test::write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
        test::LayerFixture parks;
        parks.name = "parks";
        parks.crs = "EPSG:4326";
        parks.features = {{wkt(park), {}}};
        test::write_vector(dir.file("parks.gpkg"), "GPKG", {parks});

        const std::string project = dir.file(name + "_" + areas + ".yaml");
        test::write_text(project, "name: park\nareas: " + areas +
                                      "\nzones:\n  source: zones.gpkg\n  id_field: code\n"
                                      "imagery:\n  source: " +
                                      name +
                                      ".tif\n  red_band: 1\n  nir_band: 2\n"
                                      "green_spaces:\n  source: parks.gpkg\n");
        return project;
    }
};

double metric(const std::string& project, const std::string& name) {
    AssessmentOptions o;
    o.reporter.warning = [](const std::string&) {};
    const AssessmentResult r = run_assessment(load_project(project, builtin_families()), o);
    return r.metrics.value(zone_index(r, "Z"), name).value();
}

TEST(Areas, AParkInLonLatHasOneAreaWhateverTheRastersCrs) {
    // The park's and the zone's geodesic areas, computed apart from gis/: their edges densified
    // to 1e-6 degree and measured by PROJ's geod_polygonarea on WGS 84 (support/
    // geodesic_reference.hpp). With the image in UTM 47N or in EPSG:4326, green_polygon_area_m2
    // is the park's and area_m2 (the zone's pixels) the zone's, to 1e-7 each, so the two runs
    // agree to 2e-7.
    const LonLatPark inputs;
    const test::GeodesicReference lonlat("EPSG:4326");
    const double park = lonlat.ring(inputs.park, 1e-6), zone = lonlat.ring(inputs.zone, 1e-6);
    std::map<std::string, double> polygons, pixels;
    for (const std::string crs : {"EPSG:32647", "EPSG:4326"}) {
        const std::string project = inputs.write(crs, "ellipsoidal");
        polygons[crs] = metric(project, "green_polygon_area_m2");
        pixels[crs] = metric(project, "area_m2");
        EXPECT_NEAR(polygons[crs] / park, 1.0, 1e-7) << crs;
        EXPECT_NEAR(pixels[crs] / zone, 1.0, 1e-7) << crs;
    }
    EXPECT_NEAR(polygons["EPSG:32647"] / polygons["EPSG:4326"], 1.0, 2e-7);
    EXPECT_NEAR(pixels["EPSG:32647"] / pixels["EPSG:4326"], 1.0, 2e-7);

    // Planar, the UTM run measures the park on UTM's plane, where the scale is k = 0.99993
    // (Snyder 1987, eq. 8-11, at the park): k^2 - 1 = -1.46e-4, far outside the tolerance
    // above. A geographic CRS's areas are ellipsoidal either way.
    const double k = utm47_scale(test::GeodesicReference("EPSG:32647").project({100.469, 7.001}));
    EXPECT_NEAR(metric(inputs.write("EPSG:32647", "planar"), "green_polygon_area_m2") /
                    polygons["EPSG:32647"],
                k * k, 1e-6);
    EXPECT_EQ(metric(inputs.write("EPSG:4326", "planar"), "green_polygon_area_m2"),
              polygons["EPSG:4326"]);
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
