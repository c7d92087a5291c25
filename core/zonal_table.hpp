#pragma once
// The table of `greengauge zonal`: the id column under its own name, then one column per
// statistic, prefixed b<N>_ when several bands were asked for; frac expands to one frac_<class>
// column per class value seen in any zone.
#include <string>
#include <vector>

#include "core/accumulator.hpp"
#include "core/stat_spec.hpp"
#include "core/table.hpp"

namespace gg {

struct ZoneIds {
    std::string column;               // the id field's name (or "fid")
    bool integer = false;             // write ids as integers
    std::vector<std::string> values;  // one per zone
};

// accumulators[zone][band index]; empty statistics become empty cells.
Table zonal_statistics_table(const ZoneIds& ids, const std::vector<int>& bands,
                             const std::vector<StatSpec>& stats,
                             const std::vector<std::vector<ZoneAccumulator>>& accumulators);

// "3" for 3.0, the shortest round-trip form otherwise ("0.25").
std::string class_label(double value);

}  // namespace gg
