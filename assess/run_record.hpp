#pragma once
// Provenance of an assessment run: the `runs` row (id, times, tool version, project hash, the
// families' parameters) and the `run_inputs` rows (every input file with its SHA-256: the
// project's own and each family's), appended to the history.
#include <string>
#include <vector>

#include "assess/project.hpp"
#include "core/framework.hpp"
#include "core/table.hpp"

namespace gg::assess {

struct RunRecord {
    std::string id;           // e.g. 20261125T120518Z-3f9a1c: sortable, unique enough per host
    std::string started_utc;  // ISO 8601
};

RunRecord start_run();
// Every family's parameters as name -> value (and the year), for `runs` and the metadata.
std::vector<std::pair<std::string, std::string>> run_parameters(const Project& p);
Table runs_table(const RunRecord& run, const Project& p, const std::vector<Framework>& frameworks);
// Every input file of a run as (role, path): the project, the zones (each file of a shapefile),
// each family's inputs, the records and the framework files. The rows of run_inputs.
std::vector<std::pair<std::string, std::string>> run_input_files(
    const Project& p, const std::vector<Framework>& frameworks);
Table run_inputs_table(const RunRecord& run, const Project& p,
                       const std::vector<Framework>& frameworks);

}  // namespace gg::assess
