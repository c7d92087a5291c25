#pragma once
// Turns the metrics of a run into indicator results: loads the project's frameworks and records,
// gathers each zone's values (metrics with their reasons, proxies and withheld sources, records,
// zone inputs) and scores them.
#include <string>
#include <vector>

#include "assess/project.hpp"
#include "assess/zone_metrics.hpp"
#include "core/framework.hpp"
#include "core/indicator_tables.hpp"
#include "gis/zone_reader.hpp"

namespace gg::assess {

struct IndicatorRun {
    std::vector<Framework> frameworks;
    std::vector<ZoneFrameworkResults> zones;  // one per zone, frameworks in project order
    std::vector<std::string> missing_inputs;  // one line per input a framework needs but lacks
};

// Loads the frameworks (throws gg::Error for an unknown id or an invalid file) before any
// computation, so bad input fails fast.
std::vector<Framework> load_project_frameworks(const Project& project);

// `histories`: the run histories baselines given by a year alone are read from, in order (the
// project's GeoPackage, the --db database; assess/indicator_baselines.hpp); none: the records
// CSV alone.
IndicatorRun evaluate_indicators(const Project& project, std::vector<Framework> frameworks,
                                 const ZoneSet& zones, const ZoneMetrics& metrics,
                                 const std::vector<std::string>& histories = {});

}  // namespace gg::assess
