#pragma once
// Municipal records: values maps cannot give, from a CSV keyed by zone id and year
// (columns: zone_id, year, then one column per input id; UTF-8; empty cell = missing).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

namespace gg {

struct Records {
    std::string file;
    // (zone id, year) -> input id -> value; text values are kept for class inputs.
    std::map<std::pair<std::string, int>, std::map<std::string, std::string>> rows;
    std::set<std::string> columns;  // input ids present

    // The value of `input` for the zone in `year`; empty when absent or empty.
    std::optional<std::string> text(const std::string& zone, int year,
                                    const std::string& input) const;
};

// Parses the CSV text. Throws gg::Error "<file>:<line>: <reason>" for a missing zone_id or year
// column, a year that is not an integer, a duplicate (zone, year), a row with the wrong number
// of cells, and zone ids not in known_zone_ids (listing the first few).
Records parse_records(const std::string& csv_text, const std::string& file_label,
                      const std::set<std::string>& known_zone_ids);
Records load_records_file(const std::string& path, const std::set<std::string>& known_zone_ids);

// A numeric value of a record; throws gg::Error "<file>: zone Z, year Y: input I is not a
// number ("abc")" for non-numeric text.
std::optional<double> record_number(const Records& records, const std::string& zone, int year,
                                    const std::string& input);

}  // namespace gg
