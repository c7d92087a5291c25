#pragma once
// The machine-readable summary of an assessment run (greengauge assess --json): what was written,
// the counts, the families' totals, each framework's scores across zones and the warnings, all
// taken from the result as the library computed them.
#include <nlohmann/json.hpp>

#include <string>

#include "assess/assessment.hpp"
#include "assess/outputs.hpp"

namespace gg::assess {

// db: the history database the run was appended to ("" for none); its password is left out.
nlohmann::ordered_json run_summary_json(const Project& project, const AssessmentResult& result,
                                        const WrittenOutputs& written, const std::string& db = "");

}  // namespace gg::assess
