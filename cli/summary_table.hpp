#pragma once
// Prints the library's summary tables on standard output, as they are.
#include <vector>

#include "assess/summary.hpp"

namespace gg::cli {

void print_tables(const std::vector<assess::SummaryTable>& tables);

}  // namespace gg::cli
