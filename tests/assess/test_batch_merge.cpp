// assess/batch_merge: the merge streams its tables through the GeoPackage in chunks; the chunk
// size must change no value of any output. Expected values: the outputs of the default merge of
// the same task results (one chunk for these small batches): the CSVs, XLSX and reports byte for
// byte, the GeoPackage layer by layer and row by row (SQLite lays its pages out by transaction,
// so its bytes differ with the chunks while every row is the same).
#include "assess/batch_merge.hpp"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <filesystem>

#include "gis/gdal_setup.hpp"
#include "gis/history_store.hpp"
#include "support/run_command.hpp"

namespace gg::test {
namespace {

namespace fs = std::filesystem;
const std::string kData = GG_DATA_DIR;

// OUT/'s plan and task results copied to a fresh folder: what a second merge reads.
std::string copy_of_tasks(const std::string& out, const std::string& to) {
    fs::create_directories(to);
    fs::copy(out + "/tasks", to + "/tasks", fs::copy_options::recursive);
    fs::copy_file(out + "/batch_plan.json", to + "/batch_plan.json");
    return to;
}

std::vector<std::string> layer_names(const std::string& gpkg) {
    init_gdal();
    const GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR));
    std::vector<std::string> names;
    if (ds)
        for (OGRLayer* layer : ds->GetLayers()) names.emplace_back(layer->GetName());
    return names;
}

void expect_same_gpkg(const std::string& gpkg, const std::string& expected, size_t chunk) {
    const std::vector<std::string> names = layer_names(expected);
    ASSERT_GE(names.size(), 5u);  // zones, zone_periods, zone_series, zone_trends, batch_tasks
    EXPECT_EQ(layer_names(gpkg), names) << "chunk " << chunk;
    for (const std::string& name : names) {
        const Table got = read_table(gpkg, name), want = read_table(expected, name);
        EXPECT_EQ(got.rows, want.rows) << name << ", chunk " << chunk;
        ASSERT_EQ(got.columns.size(), want.columns.size()) << name << ", chunk " << chunk;
        for (size_t c = 0; c < want.columns.size(); ++c)
            EXPECT_EQ(got.columns[c].name, want.columns[c].name) << name << ", chunk " << chunk;
    }
}

void expect_same_outputs(const std::string& manifest, const TempDir& dir) {
    const std::string out = dir.file("out");
    const auto run = run_greengauge({"batch", manifest, "-o", out, "-q"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    for (const size_t chunk : {size_t{1}, size_t{7}}) {
        const std::string again = copy_of_tasks(out, dir.file("chunk" + std::to_string(chunk)));
        assess::MergeOptions options;
        options.chunk_rows = chunk;
        const assess::MergeResult m = assess::merge_batch(again, options);
        ASSERT_GE(m.files.size(), 6u);
        for (const std::string& file : m.files) {
            const std::string name = fs::path(file).filename();
            if (fs::path(file).extension() == ".gpkg")
                expect_same_gpkg(file, out + "/" + name, chunk);
            else
                EXPECT_EQ(read_text(file), read_text(out + "/" + name))
                    << name << ", chunk " << chunk;
        }
    }
}

// The Landsat series (4 per-date tasks, 2 zones each: zone_periods, zone_series, zone_trends).
TEST(BatchMerge, ChunksOfAnySizeGiveTheSameOutputsForASeries) {
    TempDir dir;
    expect_same_outputs(kData + "/demo/landsat_series.yaml", dir);
}

// Olinda split by neighbourhood (32 tasks of 470 tracts, scored by two frameworks: the
// indicators and scores tables too).
TEST(BatchMerge, ChunksOfAnySizeGiveTheSameOutputsWithIndicatorsAndScores) {
    TempDir dir;
    const std::string project = dir.file("olinda.yaml"), manifest = dir.file("m.yaml");
    write_text(project, "name: olinda\nzones:\n  source: " + kData +
                            "/olinda/olinda1.shp\n  layer: olinda1\n  id_field: CD_GEOCODI\n"
                            "  name_field: NM_BAIR\n  population_field: V014\nimagery:\n"
                            "  source: " +
                            kData +
                            "/olinda/L7_ETMs.tif\n  red_band: 3\n  nir_band: 4\nyear: 2010\n"
                            "frameworks: [onep_green_per_capita, green_benchmarks]\n");
    write_text(manifest, "project: " + project + "\nzone_sets:\n  - split_by: NM_BAIR\n");
    expect_same_outputs(manifest, dir);
}

}  // namespace
}  // namespace gg::test
