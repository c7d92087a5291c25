#include "assess/batch_merge.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "assess/batch_run.hpp"
#include "assess/batch_task_result.hpp"
#include "assess/zone_series.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "gis/history_store.hpp"
#include "gis/reproducible_gpkg.hpp"
#include "gis/table_writer.hpp"

namespace gg::assess {
namespace {

namespace fs = std::filesystem;
using T = ColumnType;

struct PlannedTask {
    std::string key, zone_set, period;
    std::optional<std::string> date;
    std::vector<std::string> scenes;
};

struct Plan {
    std::string name;
    std::vector<PlannedTask> tasks;
};

Plan read_plan(const std::string& out_dir) {
    const std::string path = batch_plan_path(out_dir);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(out_dir + ": no batch here (no batch_plan.json: run greengauge batch)");
    try {
        const auto j = nlohmann::json::parse(in);
        Plan plan{j.at("name"), {}};
        for (const auto& t : j.at("tasks")) {
            PlannedTask p{t.at("key"),
                          t.at("zone_set"),
                          t.at("period"),
                          {},
                          t.at("scenes").get<std::vector<std::string>>()};
            if (!t.at("date").is_null()) p.date = t.at("date").get<std::string>();
            plan.tasks.push_back(std::move(p));
        }
        return plan;
    } catch (const nlohmann::json::exception& e) {
        throw Error(path + ": not a batch plan (" + std::string(e.what()) + ")");
    }
}

Cell text_or_empty(const std::optional<std::string>& s) {
    return s ? Cell(*s) : Cell(std::monostate{});
}

std::string joined(const std::vector<std::string>& items) {
    std::string s;
    for (const auto& i : items) s.append(s.empty() ? "" : "; ").append(i);
    return s;
}

// Table `part` under the columns `lead` (one value per row, the same for every row).
void append_with(Table& into, const std::vector<Column>& lead, const std::vector<Cell>& values,
                 const Table& part) {
    if (into.columns.empty()) {
        into.columns = lead;
        into.columns.insert(into.columns.end(), part.columns.begin(), part.columns.end());
    }
    for (const auto& row : part.rows) {
        std::vector<Cell> r = values;
        r.insert(r.end(), row.begin(), row.end());
        into.rows.push_back(std::move(r));
    }
}

}  // namespace

MergeResult merge_batch(const std::string& out_dir, const MergeOptions& options) {
    const Plan plan = read_plan(out_dir);
    MergeResult m;
    m.name = plan.name;
    m.tasks = plan.tasks.size();

    std::vector<TaskResult> results;  // the done ones, in plan order
    // The zones layer takes each zone set's geometry from its first done task: read once per
    // zone set (memory and time: one geometry per zone set, not per task).
    std::set<std::string> with_geometry;
    Table tasks;
    tasks.columns = {{"task", T::String},   {"zone_set", T::String}, {"period", T::String},
                     {"date", T::String},   {"scenes", T::String},   {"status", T::String},
                     {"reason", T::String}, {"warnings", T::Integer}};
    for (const auto& t : plan.tasks) {
        std::error_code ec;
        const std::string done = task_result_path(out_dir, t.key, false);
        const std::string failed = task_result_path(out_dir, t.key, true);
        std::string status = "not run", reason;
        int64_t warnings = 0;
        if (fs::exists(done, ec)) {
            results.push_back(read_task_result(done));
            if (with_geometry.insert(results.back().zone_set).second)
                read_task_geometry(done, results.back());
            else
                std::vector<std::vector<unsigned char>>().swap(results.back().wkb);
            status = "done";
            warnings = static_cast<int64_t>(results.back().warnings.size());
            ++m.done;
        } else if (fs::exists(failed, ec)) {
            status = "failed";
            reason = read_task_result(failed).error;
            m.failures.push_back(t.zone_set + " / " + t.period + ": " + reason);
            ++m.failed;
        } else {
            ++m.not_run;
        }
        tasks.rows.push_back({t.key, t.zone_set, t.period, text_or_empty(t.date), joined(t.scenes),
                              status, reason.empty() ? Cell(std::monostate{}) : Cell(reason),
                              warnings});
    }

    // zones: each zone set once (its first done task), in the first set's CRS.
    Table zones;
    zones.columns = {{"zone_set", T::String}, {"zone_id", T::String}, {"zone_name", T::String}};
    TableGeometry geometry;
    std::map<std::string, bool> placed;
    Table periods, indicators, scores;
    const std::vector<Column> period_lead = {{"zone_set", T::String},
                                             {"period", T::String},
                                             {"date", T::String},
                                             {"zone_id", T::String},
                                             {"zone_name", T::String}};
    std::vector<const TaskResult*> per_date;
    for (const TaskResult& r : results) {
        if (!placed[r.zone_set]) {
            placed[r.zone_set] = true;
            if (geometry.crs_wkt.empty()) geometry.crs_wkt = r.crs_wkt;
            for (size_t i = 0; i < r.zone_ids.size(); ++i) {
                zones.rows.push_back({r.zone_set, r.zone_ids[i], r.zone_names[i]});
                geometry.wkb.push_back(reproject_wkb(r.wkb[i], r.crs_wkt, geometry.crs_wkt));
            }
        }
        for (size_t i = 0; i < r.zones.rows.size(); ++i) {
            Table one{r.zones.columns, {r.zones.rows[i]}};
            append_with(
                periods, period_lead,
                {r.zone_set, r.period, text_or_empty(r.date), r.zone_ids[i], r.zone_names[i]}, one);
        }
        const std::vector<Column> lead = {{"zone_set", T::String}, {"period", T::String}};
        if (r.indicators) append_with(indicators, lead, {r.zone_set, r.period}, *r.indicators);
        if (r.scores) append_with(scores, lead, {r.zone_set, r.period}, *r.scores);
        if (r.date) per_date.push_back(&r);
    }
    const Table series = zone_series_table(per_date);
    const Table trends = zone_trends_table(series);
    m.zone_periods = periods.rows.size();
    m.series_rows = series.rows.size();
    m.trends = trends.rows.size();
    m.trend_summary = trend_summary_lines(trends);

    const std::string base = out_dir + "/" + plan.name;
    const Metadata metadata = {{"greengauge_version", kVersion}, {"batch", plan.name}};
    NamedTables tables = {
        {"zone_periods", periods}, {"zone_series", series}, {"zone_trends", trends}};
    if (!indicators.rows.empty()) tables.emplace_back("indicators", indicators);
    if (!scores.rows.empty()) tables.emplace_back("scores", scores);
    tables.emplace_back("batch_tasks", tasks);
    {
        const ReproducibleGpkgTime fixed_time;
        AtomicOutput gpkg(base + ".gpkg");
        write_gpkg(zones, gpkg.temp_path(), "zones",
                   geometry.crs_wkt.empty() ? std::nullopt : std::optional(geometry), metadata);
        append_tables_into(gpkg.temp_path(), tables);
        gpkg.commit();
    }
    m.files.push_back(base + ".gpkg");
    const CsvOptions csv{options.csv_bom};
    std::vector<Sheet> sheets;
    for (const auto& [name, table] : tables) {
        const std::string file =
            name == "batch_tasks" ? out_dir + "/batch_report.csv" : base + "_" + name + ".csv";
        write_csv(table, file, csv);
        m.files.push_back(file);
        sheets.push_back({name, &table});
    }
    write_json(tasks, out_dir + "/batch_report.json", metadata);
    m.files.push_back(out_dir + "/batch_report.json");
    write_xlsx(sheets, base + ".xlsx", metadata);
    m.files.push_back(base + ".xlsx");
    return m;
}

}  // namespace gg::assess
