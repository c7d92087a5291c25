#pragma once
// Long-form tables of indicator results, the shape written to GeoPackage, PostGIS, CSV and JSON:
// one row per zone x framework x indicator, and one per zone x framework x component (plus the
// framework total, component ""), each stamped with the run id.
#include <string>
#include <vector>

#include "core/framework.hpp"
#include "core/table.hpp"

namespace gg {

struct ZoneFrameworkResults {
    std::string zone_id;
    std::string zone_name;
    std::vector<FrameworkResult> frameworks;  // one per framework, in project order
};

Table indicator_table(const std::string& run_id, const std::vector<ZoneFrameworkResults>& zones);
Table score_table(const std::string& run_id, const std::vector<ZoneFrameworkResults>& zones);

}  // namespace gg
