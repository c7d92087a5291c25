// The fuzz targets (fuzz/targets.hpp) without libFuzzer, in the default suite: every input a
// fuzzing run found (fuzz/regressions/<target>/, one file each, kept after the fix) and the
// repository's own files of each kind must pass. A target aborts on a finding, which fails the
// test.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/targets.hpp"

namespace gg {
namespace {

namespace fs = std::filesystem;
const std::string kSource = GG_SOURCE_DIR;

std::string bytes_of(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void run(fuzz::Target target, const std::string& bytes) {
    target(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

fuzz::Target target_named(const std::string& name) {
    for (const auto& t : fuzz::all_targets())
        if (t.name == name) return t.run;
    return nullptr;
}

TEST(FuzzRegressions, EveryKeptFindingPasses) {
    const fs::path dir = kSource + "/fuzz/regressions";
    int inputs = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (!entry.is_directory()) continue;
        const fuzz::Target target = target_named(entry.path().filename().string());
        ASSERT_NE(target, nullptr) << "no fuzz target " << entry.path();
        for (const auto& file : fs::directory_iterator(entry.path())) {
            SCOPED_TRACE(file.path().string());
            run(target, bytes_of(file.path()));
            ++inputs;
        }
    }
    RecordProperty("inputs", inputs);
}

TEST(FuzzRegressions, TheRepositorysOwnFilesPass) {
    const std::vector<std::pair<std::string, std::string>> files = {
        {"project_file", "data/demo/olinda.yaml"},
        {"project_file", "data/demo/landsat_series.yaml"},
        {"framework", "data/frameworks/deqp_green_area.yaml"},
        {"framework", "data/frameworks/examples/my_municipality.yaml"},
        {"landsat_mtl", "data/landsat/LC08_L1TP_195025_20130707_20170503_01_T1_MTL.txt"},
        {"records", "data/frameworks/examples/records_example.csv"},
        {"emissivity_table", "data/emissivity/worldcover_landsat89_b10.csv"},
    };
    for (const auto& [name, file] : files) {
        SCOPED_TRACE(file);
        run(target_named(name), bytes_of(kSource + "/" + file));
    }
    run(target_named("expression"), "(nir - red) / (nir + red)");
    run(target_named("coverage"), std::string(64, '\x5a'));
}

}  // namespace
}  // namespace gg
