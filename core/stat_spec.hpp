#pragma once
// The statistics a user asks for by name (`--stats mean,sum,quantile_90,frac`), parsed once and
// turned into output columns.
#include <optional>
#include <string>
#include <vector>

#include "core/accumulator.hpp"

namespace gg {

enum class StatKind {
    Count,
    Sum,
    Mean,
    Min,
    Max,
    Stddev,
    Median,
    Quantile,  // quantile_<q>, q a percentage in [0, 100]: quantile_90
    Majority,
    Minority,
    Frac,  // frac: one column frac_<class> per class value seen in any zone
    AreaM2,
    ValidShare,
};

struct StatSpec {
    StatKind kind = StatKind::Mean;
    double percent = 0;  // only for Quantile
    // Column name as written: "mean", "quantile_90", "area_m2"; for Frac the prefix "frac".
    std::string name() const;
    // Whether computing it needs ZoneAccumulator(keep_distribution = true).
    bool needs_distribution() const;
};

// Parses a comma-separated list; throws gg::Error naming the unknown or malformed statistic and
// listing the valid names. Duplicates are removed, order is kept.
std::vector<StatSpec> parse_stats(const std::string& comma_separated);

// All statistic names for --help.
std::string stat_names_help();

// The value of a (non-Frac) statistic from an accumulator; empty when undefined (no valid pixel).
std::optional<double> stat_value(const StatSpec& spec, const ZoneAccumulator& acc);

}  // namespace gg
