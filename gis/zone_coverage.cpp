#include "gis/zone_coverage.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "gis/history_store.hpp"

namespace gg {

std::vector<std::string> zone_coverage_warnings(const ZoneSet& zones,
                                                const std::string& raster_label,
                                                const std::vector<double>& covered_m2) {
    std::vector<std::string> lines = zones.warnings;
    std::vector<std::string> outside;
    for (size_t z = 0; z < zones.zones.size(); ++z)
        if (covered_m2[z] <= 0) outside.push_back(zones.zones[z].id);
    if (outside.size() == zones.zones.size())
        throw Error(redact_target(zones.path) + ": no zone overlaps the raster " + raster_label +
                    " (check that both cover the same place)");
    if (!outside.empty()) {
        std::string ids;
        for (size_t i = 0; i < std::min<size_t>(outside.size(), 5); ++i)
            ids.append(i ? ", " : "").append(outside[i]);
        if (outside.size() > 5) ids += ", ...";
        lines.push_back(std::to_string(outside.size()) +
                        " zone(s) are empty or outside the raster; their statistics are left "
                        "empty: " +
                        ids);
    }
    return lines;
}

}  // namespace gg
