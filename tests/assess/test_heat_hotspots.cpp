// Hot spots and heat island area of the heat family (assess/family_heat_hotspots.cpp;
// docs/methods.md 7.3). Expected values are derived here independently of the code under test:
// LST per pixel from the DNs (heat_city.hpp), Gi* by a brute-force double loop over every pair
// of pixels (textbook formula on raw sums), Benjamini-Hochberg exactly by sorting the p-values,
// the heat island threshold by a plain two-pass mean and population SD.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include "assess/assessment.hpp"
#include "assess/families.hpp"
#include "assess/outputs.hpp"
#include "assess/project.hpp"
#include "core/error.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/hotspot_source.hpp"
#include "gis/product.hpp"
#include "heat_city.hpp"
#include "support/imagery_fixtures.hpp"

namespace gg::assess {
namespace {

using namespace heat_test;  // NOLINT: the synthetic product of heat_city.hpp

// Share of the cells of columns c0..c1 with a z where pred(z) holds.
template <typename P>
double share(const Raster& z, int cols, int rows, int c0, int c1, P pred) {
    double all = 0, yes = 0;
    for (int r = 0; r < rows; ++r)
        for (int c = c0; c <= c1; ++c)
            if (const auto& v = z[static_cast<size_t>(r * cols + c)]) all += 1, yes += pred(*v);
    return yes / all;
}

std::vector<double> read_z(const std::string& path, std::map<std::string, std::string>* meta) {
    init_gdal();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER));
    EXPECT_TRUE(ds) << path;
    if (!ds) return {};
    const int cols = ds->GetRasterXSize(), rows = ds->GetRasterYSize();
    std::vector<double> v(static_cast<size_t>(cols) * static_cast<size_t>(rows));
    EXPECT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, cols, rows, v.data(), cols, rows,
                                             GDT_Float64, 0, 0),
              CE_None);
    if (char** md = ds->GetMetadata())
        for (char** p = md; *p; ++p) {
            const std::string kv = *p;
            const auto eq = kv.find('=');
            if (eq != std::string::npos) (*meta)[kv.substr(0, eq)] = kv.substr(eq + 1);
        }
    return v;
}

// band_m 30 on 30 m pixels: r = 1. z threshold 0.5 so both kinds of spot occur on 23 pixels.
TEST(HeatHotspots, SharesCogAndHeatIslandMatchBruteForce) {
    HeatCity city(false, "heat:\n  hotspots: {band_m: 30, z: 0.5}\n");
    const Project p = load_project(city.project, builtin_families());
    const AssessmentResult r = run_assessment(p);
    const ZoneMetrics& m = r.metrics;
    const Raster x = synthetic_lst();
    const Raster z = brute_force_gi(x, kCols, kRows, 1);
    const auto hot = [](double v) { return v >= 0.5; };
    const auto cold = [](double v) { return v <= -0.5; };
    EXPECT_NEAR(*m.value(0, "hotspot_share"), share(z, kCols, kRows, 0, 2, hot), 1e-12);
    EXPECT_NEAR(*m.value(0, "coldspot_share"), share(z, kCols, kRows, 0, 2, cold), 1e-12);
    EXPECT_NEAR(*m.value(1, "hotspot_share"), share(z, kCols, kRows, 3, 5, hot), 1e-12);
    EXPECT_NEAR(*m.value(1, "coldspot_share"), share(z, kCols, kRows, 3, 5, cold), 1e-12);
    // The gradient (ST DN + 300 per column) makes B warmer: hot spots there, cold ones in A.
    EXPECT_GT(*m.value(1, "hotspot_share"), 0);
    EXPECT_GT(*m.value(0, "coldspot_share"), 0);
    // C has no valid LST, D is outside: empty with a reason, never 0.
    EXPECT_FALSE(m.value(2, "hotspot_share"));
    EXPECT_NE(m.cell(2, "hotspot_share").reason.find("no valid LST"), std::string::npos);
    EXPECT_FALSE(m.value(3, "coldspot_share"));
    EXPECT_EQ(m.cell(3, "coldspot_share").reason, "zone outside the image");

    // Heat island: LST > mean + 1 SD (population) of the 23 valid pixels of the zones.
    double n = 0, sum = 0, ss = 0;
    for (const auto& v : x)
        if (v) n += 1, sum += *v;
    for (const auto& v : x)
        if (v) ss += (*v - sum / n) * (*v - sum / n);
    const double t = sum / n + std::sqrt(ss / n);
    const auto area_above = [&](int c0, int c1) {
        double a = 0;
        for (int row = 0; row < kRows; ++row)
            for (int c = c0; c <= c1; ++c)
                if (const auto& v = x[static_cast<size_t>(row * kCols + c)]; v && *v > t) a += 900;
        return a;
    };
    EXPECT_NEAR(*m.value(0, "heat_island_area_m2"), area_above(0, 2), 1e-6);
    EXPECT_NEAR(*m.value(1, "heat_island_area_m2"), area_above(3, 5), 1e-6);
    EXPECT_GT(area_above(3, 5), 0);
    EXPECT_FALSE(m.value(2, "heat_island_area_m2"));

    // The z COG: every pixel as the brute force, nodata where there is no z.
    write_outputs(p, r, city.dir.file("out"));
    std::map<std::string, std::string> meta;
    const std::vector<double> cog = read_z(city.dir.file("out/heat_lst_gi_z.tif"), &meta);
    ASSERT_EQ(cog.size(), z.size());
    for (size_t i = 0; i < z.size(); ++i) {
        if (z[i])
            EXPECT_NEAR(cog[i], *z[i], 1e-5) << i;  // Float32
        else
            EXPECT_EQ(cog[i], kGiZNodata) << i;
    }
    const std::string method = meta["lst_gi_star"];
    EXPECT_NE(method.find("Getis-Ord Gi*"), std::string::npos) << method;
    EXPECT_NE(method.find("1 x 1 pixels"), std::string::npos) << method;
    EXPECT_NE(method.find("n = 23"), std::string::npos) << method;
}

// Exact BH (sorting the two-sided p-values) on the brute-force z of all 23 pixels, q = 0.5 (a
// loose level, so that some pixels pass on so small a raster).
TEST(HeatHotspots, FalseDiscoveryRateMatchesExactBenjaminiHochberg) {
    HeatCity city(false, "heat:\n  hotspots: {band_m: 30, fdr: true, fdr_q: 0.5}\n");
    const AssessmentResult r = run_assessment(load_project(city.project, builtin_families()));
    const Raster z = brute_force_gi(synthetic_lst(), kCols, kRows, 1);
    std::vector<double> p;
    for (const auto& v : z)
        if (v) p.push_back(std::erfc(std::abs(*v) / std::sqrt(2.0)));
    std::sort(p.begin(), p.end());
    double cut = -1;  // the largest p(k) <= q k / m
    for (size_t k = 0; k < p.size(); ++k)
        if (p[k] <= 0.5 * static_cast<double>(k + 1) / static_cast<double>(p.size())) cut = p[k];
    ASSERT_GT(cut, 0) << "the level should let some pixels pass";
    const auto rejected = [cut](double v) {
        return std::erfc(std::abs(v) / std::sqrt(2.0)) <= cut;
    };
    const auto hot = [&](double v) { return v > 0 && rejected(v); };
    const auto cold = [&](double v) { return v < 0 && rejected(v); };
    EXPECT_NEAR(*r.metrics.value(0, "hotspot_share") + *r.metrics.value(0, "coldspot_share"),
                share(z, kCols, kRows, 0, 2, hot) + share(z, kCols, kRows, 0, 2, cold), 1e-12);
    EXPECT_NEAR(*r.metrics.value(1, "hotspot_share"), share(z, kCols, kRows, 3, 5, hot), 1e-12);
}

TEST(HeatHotspots, OffKeepsTheHeatIslandArea) {
    HeatCity city(false, "heat:\n  hotspots: false\n");
    const Project p = load_project(city.project, builtin_families());
    const AssessmentResult r = run_assessment(p);
    EXPECT_EQ(std::count(r.columns.begin(), r.columns.end(), "hotspot_share"), 0);
    EXPECT_EQ(std::count(r.columns.begin(), r.columns.end(), "heat_island_area_m2"), 1);
    EXPECT_TRUE(r.metrics.value(0, "heat_island_area_m2"));
}

// All thermal pixels fill: no statistics, so no z anywhere; the shares are empty with the
// reason and the COG is written all nodata, saying why.
TEST(HeatHotspots, AllMaskedGivesReasonsAndANodataCog) {
    HeatCity city(true, "heat: {}\n");
    const Project p = load_project(city.project, builtin_families());
    const AssessmentResult r = run_assessment(p);
    EXPECT_FALSE(r.metrics.value(0, "hotspot_share"));
    EXPECT_NE(r.metrics.cell(0, "hotspot_share").reason.find("at least 2 valid pixels"),
              std::string::npos)
        << r.metrics.cell(0, "hotspot_share").reason;
    write_outputs(p, r, city.dir.file("out"));
    std::map<std::string, std::string> meta;
    const std::vector<double> cog = read_z(city.dir.file("out/heat_lst_gi_z.tif"), &meta);
    ASSERT_EQ(cog.size(), static_cast<size_t>(kCols * kRows));
    for (double v : cog) EXPECT_EQ(v, kGiZNodata);
    EXPECT_NE(meta["lst_gi_star"].find("no Gi* z"), std::string::npos) << meta["lst_gi_star"];
}

void expect_error(const std::string& heat, const std::string& part, bool at_run = false) {
    HeatCity city(false, heat);
    try {
        const Project p = load_project(city.project, builtin_families());
        if (at_run) run_assessment(p);
        FAIL() << "no error for " << heat;
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
    }
}

TEST(HeatHotspots, BadValuesNameTheKey) {
    expect_error("heat:\n  hotspots: {band_m: -300}\n", "heat.hotspots.band_m");
    expect_error("heat:\n  hotspots: {band_m: .nan}\n", "heat.hotspots.band_m\" must be a finite");
    expect_error("heat:\n  hotspots: {bandm: 300}\n", "bandm");
    expect_error("heat:\n  hotspots: {fdr: true, z: 2}\n", "heat.hotspots.z");
    expect_error("heat:\n  hotspots: {fdr_q: 0.1}\n", "needs \"fdr: true\"");
    expect_error("heat:\n  hotspots: {fdr: true, fdr_q: 1.5}\n", "heat.hotspots.fdr_q");
    expect_error("heat:\n  hotspots: [300]\n", "heat.hotspots");
    expect_error("heat:\n  heat_island_sd: -1\n", "heat.heat_island_sd");
    // 10 m on 30 m pixels rounds to 0 pixels.
    expect_error("heat:\n  hotspots: {band_m: 10}\n", "heat.hotspots.band_m (10 m) is less than",
                 true);
}

// The real Landsat 8 Level-1 sample (data/landsat, 41 x 41 pixels of 30 m): default band 300 m
// = 10 pixels. Expected z by brute force over the LST the heat pass derives (its LST is checked
// against numpy in test_heat_family.cpp); zones "west" = columns 0-19, "east" = 20-40, whole
// pixels.
// The project of the real sample with its two zones and the given heat section.
std::string write_l8_project(const test::TempDir& dir, const std::string& heat) {
    test::write_l8_west_east_zones(dir.file("zones.gpkg"));
    test::write_text(dir.file("p.yaml"),
                     "name: l8\nareas: planar\nzones:\n  source: zones.gpkg\n  id_field: code\n"
                     "imagery:\n  products: [" +
                         test::kL8Mtl + "]\n" + heat);
    return dir.file("p.yaml");
}

// Brute-force Gi* with a band of r pixels over the LST of the real sample as the heat pass
// derives it.
Raster l8_brute_force_z(int r) {
    LstInputs in;
    in.products = {recognise_product(test::kL8Mtl)};
    in.params.input = ThermalInput::BrightnessTemperature;
    in.params.wavelength_um = 10.895;
    const CustomWindowSource lst = lst_source(in);
    std::vector<ChannelBuffer> c;
    lst.open()->read({0, 0, 41, 41}, c);
    Raster x;
    for (size_t i = 0; i < c[0].values.size(); ++i)
        x.push_back(c[0].valid[i] ? std::optional(c[0].values[i]) : std::nullopt);
    return brute_force_gi(x, 41, 41, r);
}

TEST(HeatHotspots, RealLandsat8LevelOneMatchesBruteForce) {
    test::TempDir dir;
    const Project p = load_project(write_l8_project(dir, "heat: {}\n"), builtin_families());
    const AssessmentResult r = run_assessment(p);
    const Raster z = l8_brute_force_z(10);
    const auto hot = [](double v) { return v >= 1.96; };
    const auto cold = [](double v) { return v <= -1.96; };
    const ZoneMetrics& m = r.metrics;
    EXPECT_NEAR(*m.value(0, "hotspot_share"), share(z, 41, 41, 0, 19, hot), 1e-12);
    EXPECT_NEAR(*m.value(0, "coldspot_share"), share(z, 41, 41, 0, 19, cold), 1e-12);
    EXPECT_NEAR(*m.value(1, "hotspot_share"), share(z, 41, 41, 20, 40, hot), 1e-12);
    EXPECT_NEAR(*m.value(1, "coldspot_share"), share(z, 41, 41, 20, 40, cold), 1e-12);
    // Level-1 LST is a proxy: the values say so.
    EXPECT_NE(m.cell(0, "hotspot_share").proxy.find("no atmospheric correction"),
              std::string::npos);
    write_outputs(p, r, dir.file("out"));
    std::map<std::string, std::string> meta;
    const std::vector<double> cog = read_z(dir.file("out/l8_lst_gi_z.tif"), &meta);
    ASSERT_EQ(cog.size(), z.size());
    for (size_t i = 0; i < z.size(); ++i)
        if (z[i]) {
            EXPECT_NEAR(cog[i], *z[i], 1e-4) << i;
        }
    EXPECT_NE(meta["lst_gi_star"].find("300 m = 10 x 10 pixels"), std::string::npos)
        << meta["lst_gi_star"];
    std::printf(
        "real L8 hot spots (z >= 1.96, 300 m): west %.4f hot %.4f cold; east %.4f hot "
        "%.4f cold; heat island west %.0f m2 east %.0f m2\n",
        *m.value(0, "hotspot_share"), *m.value(0, "coldspot_share"), *m.value(1, "hotspot_share"),
        *m.value(1, "coldspot_share"), *m.value(0, "heat_island_area_m2"),
        *m.value(1, "heat_island_area_m2"));
}

// Benjamini-Hochberg on the real sample against exact BH on the brute-force z (sorted p-values,
// q = 0.05): the histogram's threshold must select the same pixels here.
TEST(HeatHotspots, RealLandsat8FdrMatchesExactBenjaminiHochberg) {
    test::TempDir dir;
    const AssessmentResult r = run_assessment(load_project(
        write_l8_project(dir, "heat:\n  hotspots: {fdr: true}\n"), builtin_families()));
    const Raster z = l8_brute_force_z(10);
    std::vector<double> p;
    for (const auto& v : z)
        if (v) p.push_back(std::erfc(std::abs(*v) / std::sqrt(2.0)));
    std::sort(p.begin(), p.end());
    double cut = -1;
    for (size_t k = 0; k < p.size(); ++k)
        if (p[k] <= 0.05 * static_cast<double>(k + 1) / static_cast<double>(p.size())) cut = p[k];
    ASSERT_GT(cut, 0);
    const auto rejected = [cut](double v) {
        return std::erfc(std::abs(v) / std::sqrt(2.0)) <= cut;
    };
    const auto hot = [&](double v) { return v > 0 && rejected(v); };
    const auto cold = [&](double v) { return v < 0 && rejected(v); };
    for (size_t zone = 0; zone < 2; ++zone) {
        const int c0 = zone == 0 ? 0 : 20, c1 = zone == 0 ? 19 : 40;
        EXPECT_NEAR(*r.metrics.value(zone, "hotspot_share"), share(z, 41, 41, c0, c1, hot), 1e-12);
        EXPECT_NEAR(*r.metrics.value(zone, "coldspot_share"), share(z, 41, 41, c0, c1, cold),
                    1e-12);
    }
}

}  // namespace
}  // namespace gg::assess
