#include "assess/assessment.hpp"

#include <cmath>

#include "assess/indicator_summary.hpp"
#include "assess/raster_plan.hpp"
#include "gis/output_metadata.hpp"

namespace gg::assess {
namespace {

// A metric the run marked integer is an integer column when every value is a whole number that a
// double holds exactly (always, for flags and integer population fields).
bool integer_column(const std::string& id, const ZoneMetrics& metrics) {
    if (!metrics.is_integer(id)) return false;
    for (size_t z = 0; z < metrics.zones(); ++z)
        if (const auto v = metrics.value(z, id))
            if (std::trunc(*v) != *v || std::abs(*v) > 9007199254740992.0) return false;
    return true;
}

// id, name, the kept source fields (zones.keep_fields, with their types), the metric columns.
Table zones_table(const Project& p, const ZoneSet& zones, const std::vector<std::string>& columns,
                  const ZoneMetrics& metrics) {
    Table t;
    t.columns.push_back({zones.id_field.empty() ? "fid" : zones.id_field,
                         zones.id_is_integer ? ColumnType::Integer : ColumnType::String});
    if (!p.zones.name_field.empty()) t.columns.push_back({p.zones.name_field, ColumnType::String});
    for (const auto& k : zones.kept_columns) t.columns.push_back(k);
    std::vector<bool> integer;
    for (const auto& c : columns) {
        integer.push_back(integer_column(c, metrics));
        t.columns.push_back({c, integer.back() ? ColumnType::Integer : ColumnType::Real});
    }
    for (size_t z = 0; z < zones.zones.size(); ++z) {
        const Zone& zone = zones.zones[z];
        std::vector<Cell> row;
        if (zones.id_is_integer)
            row.emplace_back(static_cast<int64_t>(std::stoll(zone.id)));
        else
            row.emplace_back(zone.id);
        if (!p.zones.name_field.empty()) row.emplace_back(zone.name);
        for (const auto& k : zone.kept) row.push_back(k);
        for (size_t c = 0; c < columns.size(); ++c) {
            row.emplace_back();  // empty unless there is a value
            if (const auto v = metrics.value(z, columns[c])) {
                if (integer[c])
                    row.back() = static_cast<int64_t>(*v);
                else
                    row.back() = *v;
            }
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

}  // namespace

std::vector<std::string> zone_metric_columns(const Project& project) {
    std::vector<std::string> columns;
    for (const auto& [family, settings] : project.families)
        for (auto& c : family->columns(*settings)) columns.push_back(std::move(c));
    return columns;
}

AssessmentResult run_assessment(const Project& p, const AssessmentOptions& options) {
    // Everything that can be checked before the long passes is checked first: frameworks and
    // records, every family's inputs, the zones.
    std::vector<Framework> frameworks = load_project_frameworks(p);
    std::vector<std::string> warnings;  // kept for the result, and passed on to the caller's
    Reporter reporter = options.reporter;
    reporter.warning = [&warnings, forward = options.reporter.warning](const std::string& line) {
        warnings.push_back(line);
        if (forward) forward(line);
    };
    RunContext ctx(p, options.threads, reporter, options.every_zone);
    ctx.use_coverage_cache(options.coverage_cache);
    ctx.use_ground_area_cache(options.ground_area_cache);
    std::vector<std::unique_ptr<FamilyRun>> runs;
    for (const auto& [family, settings] : p.families) runs.push_back(family->start(*settings, ctx));
    ctx.open_rasters();

    AssessmentResult out;
    const ZoneSet& zones = ctx.zones();  // moved into out.zones at the end
    out.record = start_run();
    RunPlan plan(ctx);
    for (auto& r : runs) r->plan(ctx, plan);
    const PassResults passes = run_passes(ctx, plan);
    out.raster_passes = passes.passes();
    out.metrics = ZoneMetrics(zones.zones.size());
    for (auto& r : runs) r->finish(ctx, passes, out.metrics);
    for (auto& r : runs)
        for (auto& raster : r->rasters(ctx)) out.rasters.push_back(std::move(raster));

    if (!frameworks.empty()) {
        out.indicators =
            evaluate_indicators(p, std::move(frameworks), zones, out.metrics, options.histories);
        for (const auto& line : out.indicators->missing_inputs) ctx.warn(line);
    }
    const std::vector<Framework> none;
    const auto& used = out.indicators ? out.indicators->frameworks : none;
    out.columns = zone_metric_columns(p);
    std::vector<std::string> zone_ids;
    for (const auto& z : zones.zones) zone_ids.push_back(z.id);
    out.history = {
        {"runs", runs_table(out.record, p, used)},
        {"run_inputs", run_inputs_table(out.record, p, used)},
        {"zone_metrics", zone_metrics_table(out.record.id, zone_ids, out.columns, out.metrics)}};
    if (out.indicators) {
        out.history.emplace_back("indicators",
                                 indicator_table(out.record.id, out.indicators->zones));
        out.history.emplace_back("scores", score_table(out.record.id, out.indicators->zones));
    }
    out.zones_table = zones_table(p, zones, out.columns, out.metrics);

    std::vector<std::pair<std::string, std::string>> meta = {
        {"run_id", out.record.id}, {"project", p.path}, {"zones", redact_target(p.zones.path)}};
    for (auto& kv : run_parameters(p)) meta.push_back(std::move(kv));
    out.metadata = output_metadata(meta);

    for (auto& r : runs) {
        for (auto& t : r->summaries(ctx, out.metrics)) out.summaries.push_back(std::move(t));
        for (auto& f : r->totals(ctx, out.metrics)) out.totals.push_back(std::move(f));
    }
    if (out.indicators) {
        for (auto& t : indicator_summary(*out.indicators, options.every_zone))
            out.summaries.push_back(std::move(t));
        out.framework_scores = framework_scores(*out.indicators);
    }
    out.warnings = std::move(warnings);
    out.zones = ctx.release_zones();
    return out;
}

}  // namespace gg::assess
