// The coverage engine on random grids and star-shaped polygons drawn from the fuzzer's bytes
// (tests/support/star_polygons.hpp), held to the invariants of tests/support/
// coverage_invariants.hpp against GEOS: a broken one aborts with its figures.
#include <cstring>
#include <string>

#include "fuzz/clean_errors.hpp"
#include "fuzz/targets.hpp"
#include "support/coverage_invariants.hpp"

namespace gg::fuzz {

int coverage(const uint8_t* data, size_t size) {
    // Numbers in [0, 1) from 8 bytes each; 0 once the bytes run out.
    size_t at = 0;
    const test::Unit next = [&] {
        uint64_t bits = 0;
        const size_t n = std::min<size_t>(8, size - at);
        std::memcpy(&bits, data + at, n);
        at += n;
        return static_cast<double>(bits >> 11) * 0x1.0p-53;
    };
    static test::GeosReference geos;
    const test::CoverageCase c = test::random_coverage_case(next);
    // The engine requires valid shapes (gis/ makes them valid); the generator's rare misses are
    // its own problem, not the engine's (the property tests check it on 1000 seeds).
    if (!geos.valid(c.shape)) return 0;
    const std::string why = test::coverage_violation(c, geos);
    if (!why.empty()) finding(why);
    return 0;
}

}  // namespace gg::fuzz
