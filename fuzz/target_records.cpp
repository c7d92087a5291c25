// The records CSV reader on any text, with zone ids known or not (the first byte chooses), then
// every value read back as a number.
#include <set>
#include <string>

#include "core/records.hpp"
#include "fuzz/clean_errors.hpp"
#include "fuzz/targets.hpp"

namespace gg::fuzz {

int records(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const std::set<std::string> some = {"1", "2", "10", "A", "zone 1", "เขต 1"};
    const std::set<std::string> known = data[0] & 1 ? some : std::set<std::string>{};
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    expect_clean([&] {
        const Records r = parse_records(text, "records.csv", known);
        // Plain loop variables: clang 14 cannot capture structured bindings in a lambda.
        for (const auto& row : r.rows)
            for (const auto& cell : row.second)
                expect_clean(
                    [&] { (void)record_number(r, row.first.first, row.first.second, cell.first); });
    });
    return 0;
}

}  // namespace gg::fuzz
