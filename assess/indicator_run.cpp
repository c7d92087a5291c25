#include "assess/indicator_run.hpp"

#include <charconv>
#include <set>

#include "assess/framework_catalog.hpp"
#include "assess/indicator_baselines.hpp"
#include "core/error.hpp"
#include "core/records.hpp"

namespace gg::assess {
namespace {

std::optional<double> as_number(const std::string& text) {
    double v = 0;
    const char* end = text.data() + text.size();
    const auto r = std::from_chars(text.data(), end, v);
    if (r.ec != std::errc() || r.ptr != end) return std::nullopt;
    return v;
}

// The framework inputs this project cannot supply, as lines for the user.
std::vector<std::string> missing_inputs(const Project& p, const Framework& f,
                                        const Records* records) {
    std::vector<std::string> missing;
    for (const auto& in : f.inputs) {
        if (p.zone_inputs.count(in.id)) continue;
        if (records && records->columns.count(in.id)) continue;
        const bool from_zone = in.from == InputDef::From::ZoneAttribute;
        std::string line = f.id;
        line.append(" needs input \"").append(in.id).append("\" (").append(in.description.en);
        line.append(from_zone ? "): add `zone_inputs: {" + in.id + ": {field: ATTRIBUTE}}` (or " +
                                    in.id + ": VALUE for every zone) to the project"
                              : "): add a column " + in.id + " to the records CSV");
        missing.push_back(line.append("; its indicators stay without a score"));
    }
    return missing;
}

}  // namespace

std::vector<Framework> load_project_frameworks(const Project& project) {
    std::vector<Framework> frameworks;
    std::set<std::string> ids;
    for (const auto& ref : project.frameworks) {
        // An unknown id is the project file's mistake: its message names the file (a framework
        // file's own errors name that file).
        Framework f = [&] {
            try {
                return load_framework_ref(ref);
            } catch (const Error& e) {
                if (is_framework_file(ref)) throw;
                throw Error(project.path + ": " + e.what());
            }
        }();
        if (!ids.insert(f.id).second)
            throw Error(project.path + ": framework \"" + f.id + "\" is listed twice");
        frameworks.push_back(std::move(f));
    }
    return frameworks;
}

IndicatorRun evaluate_indicators(const Project& project, std::vector<Framework> frameworks,
                                 const ZoneSet& zones, const ZoneMetrics& metrics,
                                 const std::vector<std::string>& histories) {
    IndicatorRun run;
    run.frameworks = std::move(frameworks);
    std::optional<Records> records;
    if (!project.records.empty()) {
        std::set<std::string> ids;
        for (const auto& z : zones.zones) ids.insert(z.id);
        records = load_records_file(project.records, ids);
    }
    for (const auto& framework : run.frameworks)
        for (auto& line : missing_inputs(project, framework, records ? &*records : nullptr))
            run.missing_inputs.push_back(std::move(line));
    const IndicatorBaselines baselines(run.frameworks, records ? &*records : nullptr, histories);

    // Inputs that key by-class targets hold classes (text); every other input must be a number.
    std::set<std::string> class_inputs, declared_inputs;
    for (const auto& f : run.frameworks) {
        for (const auto& in : f.inputs) declared_inputs.insert(in.id);
        for (const auto& c : f.components)
            for (const auto& i : c.indicators)
                if (i.target && !i.target->by_input.empty())
                    class_inputs.insert(i.target->by_input);
    }

    run.zones.resize(zones.zones.size());
    for (size_t z = 0; z < zones.zones.size(); ++z) {
        const Zone& zone = zones.zones[z];
        ZoneValues values;
        metrics.fill(z, values);
        // A per-capita expression over a zone without residents is "no residents", not a
        // division by zero.
        values.zero_reasons["population"] = "no residents";
        // Zone inputs (an attribute or one value for all zones): a class, and a number too when
        // the text is numeric.
        for (const auto& [id, source] : project.zone_inputs) {
            const std::string text =
                source.field.empty() ? source.value : zone.attributes.at(source.field);
            if (text.empty()) continue;
            values.classes[id] = text;
            if (const auto v = as_number(text)) values.numbers[id] = *v;
        }
        if (records) {
            for (const auto& column : records->columns) {
                if (!declared_inputs.count(column)) continue;  // other columns are not ours
                if (class_inputs.count(column)) {
                    if (const auto text = records->text(zone.id, project.year, column))
                        values.classes[column] = *text;
                } else if (const auto v = record_number(*records, zone.id, project.year, column)) {
                    values.numbers[column] = *v;
                }
            }
        }
        run.zones[z].zone_id = zone.id;
        run.zones[z].zone_name = zone.name;
        for (const auto& f : run.frameworks) {
            if (!baselines.needed()) {
                run.zones[z].frameworks.push_back(evaluate_framework(f, values, project.year));
                continue;
            }
            ZoneValues with_baselines = values;  // each framework its own baselines
            baselines.fill(f, zone.id, with_baselines);
            run.zones[z].frameworks.push_back(evaluate_framework(f, with_baselines, project.year));
        }
    }
    // Ranks are per framework, across zones.
    for (size_t k = 0; k < run.frameworks.size(); ++k) {
        std::vector<FrameworkResult> column;
        for (const auto& z : run.zones) column.push_back(z.frameworks[k]);
        rank_zones(column);
        for (size_t z = 0; z < run.zones.size(); ++z) run.zones[z].frameworks[k] = column[z];
    }
    return run;
}

}  // namespace gg::assess
