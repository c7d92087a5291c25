#pragma once
// The fuzz targets: each takes libFuzzer's bytes and returns 0. A gg::Error with a message
// is the clean rejection every input may get; anything else (a crash, undefined behaviour,
// another exception type, a broken invariant) aborts, so libFuzzer keeps the input as a finding.
// The same functions run, without libFuzzer, over the kept findings in the default test suite
// (tests/fuzz/).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gg::fuzz {

using Target = int (*)(const uint8_t* data, size_t size);

int project_file(const uint8_t* data, size_t size);      // assess/project.hpp load_project
int framework(const uint8_t* data, size_t size);         // core/framework.hpp parse_framework
int expression(const uint8_t* data, size_t size);        // core/expression.hpp
int landsat_mtl(const uint8_t* data, size_t size);       // core/landsat_mtl.hpp parse_mtl
int sentinel2_mtd(const uint8_t* data, size_t size);     // core/sentinel2_metadata.hpp
int records(const uint8_t* data, size_t size);           // core/records.hpp parse_records
int coverage(const uint8_t* data, size_t size);          // core/coverage.hpp, invariants vs GEOS
int emissivity_table(const uint8_t* data, size_t size);  // core/emissivity_table.hpp

struct NamedTarget {
    std::string name;  // as scripts/fuzz.sh and fuzz/regressions/<name>/ call it
    Target run;
};
std::vector<NamedTarget> all_targets();

}  // namespace gg::fuzz
