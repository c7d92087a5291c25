// Bad input, as a user meets it: one clear error line naming the input and the problem, a
// non-zero exit code, and no output (not even a temporary file) left behind.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/run_command.hpp"

namespace gg::test {
namespace {

namespace fs = std::filesystem;

const std::string kData = GG_DATA_DIR;
const std::string kRaster = kData + "/olinda/L7_ETMs.tif";
const std::string kZones = kData + "/olinda/olinda1.shp";

// The run failed cleanly: exit code 1, exactly one line on stderr, that line is an error naming
// `names` and saying `problem`, and `dir` holds nothing but the files the test put there.
void expect_clean_failure(const CommandResult& r, const std::string& names,
                          const std::string& problem, const TempDir& dir, size_t files_before = 0) {
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("greengauge: error: ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find(names), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(problem), std::string::npos) << r.err;
    EXPECT_EQ(dir.entries().size(), files_before) << "output left behind";
}

CommandResult zonal(const std::string& raster, const std::string& zones, const std::string& out,
                    std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"zonal", "--raster", raster, "--zones", zones, "-o", out};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_greengauge(args);
}

// A copy of the Olinda project with one line changed, written into dir (absolute data paths).
std::string project(const TempDir& dir, const std::string& zones_extra = "",
                    const std::string& population = "V014", const std::string& zones = kZones,
                    const std::string& image = kRaster, int red = 3) {
    const std::string path = dir.file("project.yaml");
    write_text(path, "name: t\nzones:\n  source: " + zones + "\n  id_field: CD_GEOCODI\n" +
                         "  population_field: " + population + "\n" + zones_extra +
                         "imagery:\n  source: " + image + "\n  red_band: " + std::to_string(red) +
                         "\n  nir_band: 4\n");
    return path;
}

CommandResult assess(const std::string& project_path, const TempDir& out) {
    return run_greengauge({"assess", project_path, "-o", out.file("out")});
}

TEST(BadInput, MissingRasterFile) {
    TempDir out;
    expect_clean_failure(zonal(kData + "/nope.tif", kZones, out.file("z.csv")), "nope.tif",
                         "no such file", out);
}

TEST(BadInput, MissingZonesFile) {
    TempDir out;
    expect_clean_failure(zonal(kRaster, kData + "/nope.gpkg", out.file("z.csv")), "nope.gpkg",
                         "no such file", out);
}

TEST(BadInput, TruncatedRasterFailsWithoutPartialOutput) {
    // The first 4 KiB of a real GeoTIFF: the header may open, the pixels cannot be read.
    TempDir out;
    const std::string bytes = read_text(kRaster).substr(0, 4096);
    write_text(out.file("cut.tif"), bytes);
    const auto r = zonal(out.file("cut.tif"), kZones, out.file("z.csv"));
    expect_clean_failure(r, "cut.tif", "", out, 1);
}

TEST(BadInput, NotARaster) {
    TempDir out;
    write_text(out.file("notes.txt"), "this is not an image\n");
    expect_clean_failure(zonal(out.file("notes.txt"), kZones, out.file("z.csv")), "notes.txt",
                         "not a raster", out, 1);
}

TEST(BadInput, ZonesThatAreNotAVectorSource) {
    TempDir out;
    expect_clean_failure(zonal(kRaster, kRaster, out.file("z.csv")), "L7_ETMs.tif", "not a vector",
                         out);
}

TEST(BadInput, BandOutOfRange) {
    TempDir out;
    expect_clean_failure(zonal(kRaster, kZones, out.file("z.csv"), {"--band", "7"}), "band 7",
                         "6 bands", out);
}

TEST(BadInput, IdFieldMissing) {
    TempDir out;
    expect_clean_failure(zonal(kRaster, kZones, out.file("z.csv"), {"--id", "CODE"}), "CODE",
                         "olinda1", out);
}

TEST(BadInput, UnknownStatistic) {
    TempDir out;
    expect_clean_failure(zonal(kRaster, kZones, out.file("z.csv"), {"--stats", "mean,meen"}),
                         "meen", "unknown statistic", out);
}

TEST(BadInput, UnsupportedOutputFormat) {
    TempDir out;
    expect_clean_failure(zonal(kRaster, kZones, out.file("z.ods")), "z.ods",
                         "unsupported output format", out);
}

TEST(BadInput, ZonesWithoutCrs) {
    // The Olinda tracts without their .prj: coordinates in degrees with no CRS to say so.
    TempDir out;
    for (const char* ext : {".shp", ".shx", ".dbf"})
        fs::copy_file(kData + "/olinda/olinda1" + ext, out.file(std::string("tracts") + ext));
    expect_clean_failure(zonal(kRaster, out.file("tracts.shp"), out.file("z.csv")), "tracts.shp",
                         "coordinate reference system", out, 3);
}

TEST(BadInput, ZonesNotOverlappingTheRaster) {
    // A square in Bangkok (100.5 E, 13.75 N) against an image of Olinda, Brazil.
    TempDir out;
    write_text(out.file("bangkok.geojson"),
               R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":)"
               R"({"id":1},"geometry":{"type":"Polygon","coordinates":[[[100.5,13.75],)"
               R"([100.51,13.75],[100.51,13.76],[100.5,13.76],[100.5,13.75]]]}}]})");
    expect_clean_failure(zonal(kRaster, out.file("bangkok.geojson"), out.file("z.csv")),
                         "bangkok.geojson", "no zone overlaps the raster", out, 1);
}

TEST(BadInput, EmptyLayer) {
    TempDir out;
    write_text(out.file("empty.geojson"), R"({"type":"FeatureCollection","features":[]})");
    expect_clean_failure(zonal(kRaster, out.file("empty.geojson"), out.file("z.csv")),
                         "empty.geojson", "no features", out, 1);
}

TEST(BadInput, PopulationFieldMissing) {
    TempDir dir;
    const auto r = assess(project(dir, "", "RESIDENTS"), dir);
    expect_clean_failure(r, "RESIDENTS", "olinda1", dir, 1);
}

TEST(BadInput, NonNumericPopulation) {
    TempDir dir;
    const auto r = assess(project(dir, "", "NM_BAIR"), dir);
    expect_clean_failure(r, "NM_BAIR", "not numeric", dir, 1);
}

TEST(BadInput, ProjectBandOutOfRange) {
    TempDir dir;
    const auto r = assess(project(dir, "", "V014", kZones, kRaster, 9), dir);
    expect_clean_failure(r, "band 9", "6 bands", dir, 1);
}

TEST(BadInput, ProjectFileMissing) {
    TempDir dir;
    expect_clean_failure(assess(dir.file("nope.yaml"), dir), "nope.yaml", "no such", dir);
}

TEST(BadInput, MalformedYamlNamesTheLine) {
    TempDir dir;
    write_text(dir.file("p.yaml"), "name: t\nzones:\n  source: [unclosed\n");
    expect_clean_failure(assess(dir.file("p.yaml"), dir), "p.yaml:", "not valid YAML", dir, 1);
}

TEST(BadInput, UnknownProjectKeyNamesTheLine) {
    // "populaton_field" (typo) sits on line 6 of the generated file.
    TempDir dir;
    const auto r = assess(project(dir, "  populaton_field: V014\n"), dir);
    expect_clean_failure(r, "project.yaml:6", "unknown key \"populaton_field\"", dir, 1);
}

TEST(BadInput, FailedRunKeepsThePreviousOutput) {
    // A good run, then a failing one into the same folder: the first outputs stay as they were.
    TempDir dir;
    const auto good = assess(project(dir), dir);
    ASSERT_EQ(good.exit_code, 0) << good.err;
    const std::string before = read_text(dir.file("out/t.csv"));
    ASSERT_FALSE(before.empty());
    const auto bad = assess(project(dir, "", "NM_BAIR"), dir);
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_EQ(read_text(dir.file("out/t.csv")), before);
    size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.file("out"))) ++files;
    EXPECT_EQ(files, 3u);  // t.gpkg, t.csv and t.xlsx, no temporary left
}

}  // namespace
}  // namespace gg::test
