#pragma once
// Turns the metrics of an assess run into indicator results: loads the project's frameworks and
// records, gathers each zone's values (metrics, records, zone inputs) and scores them.
#include <string>
#include <vector>

#include "cli/project_file.hpp"
#include "core/framework.hpp"
#include "core/green_cover.hpp"
#include "core/indicator_tables.hpp"
#include "gis/zone_reader.hpp"

namespace gg::cli {

struct IndicatorRun {
    std::vector<Framework> frameworks;
    std::vector<ZoneFrameworkResults> zones;  // one per zone, frameworks in project order
    std::vector<std::string> missing_inputs;  // one line per input a framework needs but lacks
};

// Loads the frameworks (throws gg::Error for an unknown id or an invalid file) and the records
// CSV before any computation, so bad input fails fast.
std::vector<Framework> load_project_frameworks(const Project& project);

IndicatorRun evaluate_indicators(const Project& project, std::vector<Framework> frameworks,
                                 const ZoneSet& zones,
                                 const std::vector<GreenCoverMetrics>& metrics);

}  // namespace gg::cli
