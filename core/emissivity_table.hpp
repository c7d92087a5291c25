#pragma once
// Emissivity by land-cover class, the alternative to NDVI thresholds for the single-channel LST
// of Level-1 products (docs/methods.md 7.1). The table is data (a CSV the project names), never
// hard-coded: each class code maps to a fixed emissivity, or to "ndvi" (the NDVI thresholds of
// Sobrino et al. 2004 for that class, e.g. one whose cover changes with the season). A class the
// table does not list gets no emissivity, so its pixels get no LST: a value for them would be a
// guess.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace gg {

struct EmissivityTable {
    // nullopt: the NDVI thresholds for that class.
    std::map<int64_t, std::optional<double>> by_class;
    std::string label;  // where it came from (a file name), for messages and metadata
};

// The CSV's columns (a header row, in any order; others such as name and source are kept in the
// file for people and ignored here): class (an integer code) and emissivity (a number in (0, 1],
// or ndvi). Throws gg::Error "<label>:<line>: reason" on a missing column, a duplicate class, or
// a value that is not one of these.
EmissivityTable parse_emissivity_table(std::string_view csv_text, const std::string& label);

// The same, read from a file (label: the path). Throws gg::Error "<path>: cannot open ...".
EmissivityTable load_emissivity_table(const std::string& path);

// What a pixel of class `code` gets: the table's emissivity, or from NDVI (and red reflectance)
// for an "ndvi" class (empty without NDVI), or empty when the class is not in the table or the
// code is not a whole number.
std::optional<double> class_emissivity(const EmissivityTable& table, double code,
                                       std::optional<double> ndvi, double red_reflectance);

}  // namespace gg
