#include "assess/run_summary.hpp"

#include <cmath>
#include <cstdint>

#include "gis/history_store.hpp"

namespace gg::assess {
namespace {

// Whole numbers (counts, persons) as JSON integers, others as reals, no value as null.
nlohmann::ordered_json number_or_null(const std::optional<double>& v) {
    if (!v) return nullptr;
    if (std::trunc(*v) == *v && std::abs(*v) < 9007199254740992.0)  // 2^53: exact integers
        return static_cast<int64_t>(*v);
    return *v;
}

}  // namespace

nlohmann::ordered_json run_summary_json(const Project& project, const AssessmentResult& result,
                                        const WrittenOutputs& written, const std::string& db) {
    nlohmann::ordered_json j;
    j["command"] = "assess";
    j["run_id"] = result.record.id;
    j["project"] = project.path;
    j["name"] = project.name;
    j["year"] = project.year;
    j["outputs"] = written.files;
    j["history_db"] =
        db.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(redact_target(db));
    j["zones"] = result.zones.zones.size();
    j["raster_passes"] = result.raster_passes;
    nlohmann::ordered_json totals = nlohmann::ordered_json::object();
    for (const auto& f : result.totals) totals[f.key] = number_or_null(f.value);
    j["totals"] = totals;
    nlohmann::ordered_json frameworks = nlohmann::ordered_json::array();
    for (const auto& f : result.framework_scores)
        frameworks.push_back({{"id", f.id},
                              {"name", f.name},
                              {"zones", f.zones},
                              {"zones_scored", f.zones_scored},
                              {"zones_partial", f.zones_partial},
                              {"indicators_defined", f.indicators_defined},
                              {"score_median", number_or_null(f.median)},
                              {"score_min", number_or_null(f.min)},
                              {"score_max", number_or_null(f.max)}});
    j["frameworks"] = frameworks;
    j["warnings"] = result.warnings;
    return j;
}

}  // namespace gg::assess
