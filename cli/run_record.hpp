#pragma once
// Provenance of an assess run: the `runs` row (id, times, tool version, project hash, parameters)
// and the `run_inputs` rows (every input file with its SHA-256), appended to the history.
#include <string>
#include <vector>

#include "cli/project_file.hpp"
#include "core/framework.hpp"
#include "core/table.hpp"

namespace gg::cli {

struct RunRecord {
    std::string id;           // e.g. 20261125T120518Z-3f9a1c: sortable, unique enough per host
    std::string started_utc;  // ISO 8601
};

RunRecord start_run();
Table runs_table(const RunRecord& run, const Project& p, const std::vector<Framework>& frameworks);
Table run_inputs_table(const RunRecord& run, const Project& p,
                       const std::vector<Framework>& frameworks);

}  // namespace gg::cli
