#include "assess/batch_merge.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
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

// The merge's tables go into the GeoPackage a chunk of rows at a time, so memory holds one
// task's result and one chunk whatever the number of tasks; the CSVs and the workbook are then
// read back from it row by row. The first chunk creates zone_periods, zone_series and an empty
// zone_trends (filled after the series), in that order; indicators and scores come when first
// seen.
struct Chunks {
    std::string gpkg;
    size_t chunk_rows;
    Table periods, series, indicators, scores;
    std::vector<std::string> created;  // table names, in creation order
    size_t rows = 0;

    void flush() {
        NamedTables tables;
        const bool first = created.empty();
        const auto add = [&](const char* name, Table& t, bool create_empty) {
            const bool known = std::find(created.begin(), created.end(), name) != created.end();
            if (t.rows.empty() && (known || !create_empty)) return;
            if (!known) created.push_back(name);
            tables.emplace_back(name, Table{t.columns, std::move(t.rows)});
            t.rows = {};
        };
        add("zone_periods", periods, first);
        add("zone_series", series, first);
        Table no_trends_yet{first ? zone_trends_columns() : std::vector<Column>{}, {}};
        add("zone_trends", no_trends_yet, first);
        add("indicators", indicators, false);
        add("scores", scores, false);
        if (!tables.empty()) append_tables_into(gpkg, tables);
        rows = 0;
    }
    void added(size_t n) {
        rows += n;
        if (rows >= chunk_rows) flush();
    }
};

// The zone_series rows grouped by zone set, zone and metric, each group in series order and the
// groups in the order their first rows were written: the trends' order.
const char* const kSeriesByZone =
    "SELECT zone_set, zone_id, zone_name, date, product, metric, value, valid_share "
    "FROM zone_series "
    "ORDER BY MIN(fid) OVER (PARTITION BY zone_set, zone_id, metric), fid";

}  // namespace

MergeResult merge_batch(const std::string& out_dir, const MergeOptions& options) {
    const Plan plan = read_plan(out_dir);
    MergeResult m;
    m.name = plan.name;
    m.tasks = plan.tasks.size();

    // Each task's status. The zones layer takes each zone set's zones and geometry from its
    // first done task, in the first set's CRS: read once per zone set.
    Table tasks;
    tasks.columns = {{"task", T::String},   {"zone_set", T::String}, {"period", T::String},
                     {"date", T::String},   {"scenes", T::String},   {"status", T::String},
                     {"reason", T::String}, {"warnings", T::Integer}};
    Table zones;
    zones.columns = {{"zone_set", T::String}, {"zone_id", T::String}, {"zone_name", T::String}};
    TableGeometry geometry;
    std::set<std::string> placed;
    std::vector<std::pair<std::string, size_t>> done_rows;  // result, row of `tasks`
    for (const auto& t : plan.tasks) {
        std::error_code ec;
        const std::string done = task_result_path(out_dir, t.key, false);
        const std::string failed = task_result_path(out_dir, t.key, true);
        std::string status = "not run", reason;
        int64_t warnings = 0;
        if (fs::exists(done, ec)) {
            if (placed.insert(t.zone_set).second) {
                TaskResult r = read_task_result(done);
                read_task_geometry(done, r);
                if (geometry.crs_wkt.empty()) geometry.crs_wkt = r.crs_wkt;
                for (size_t i = 0; i < r.zone_ids.size(); ++i) {
                    zones.rows.push_back({r.zone_set, r.zone_ids[i], r.zone_names[i]});
                    geometry.wkb.push_back(reproject_wkb(r.wkb[i], r.crs_wkt, geometry.crs_wkt));
                }
            }
            status = "done";  // its warnings are counted when its rows are read
            done_rows.emplace_back(done, tasks.rows.size());
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

    const std::string base = out_dir + "/" + plan.name;
    const Metadata metadata = {{"greengauge_version", kVersion}, {"batch", plan.name}};
    const ReproducibleGpkgTime fixed_time;
    AtomicOutput gpkg(base + ".gpkg");
    write_gpkg(zones, gpkg.temp_path(), "zones",
               geometry.crs_wkt.empty() ? std::nullopt : std::optional(geometry), metadata);
    zones = Table{};
    geometry = TableGeometry{};

    // The done tasks' rows, one result in memory at a time.
    Chunks chunks{gpkg.temp_path(),
                  std::max<size_t>(options.chunk_rows, 1),
                  {},
                  zone_series_table({}),
                  {},
                  {},
                  {},
                  0};
    const std::vector<Column> period_lead = {{"zone_set", T::String},
                                             {"period", T::String},
                                             {"date", T::String},
                                             {"zone_id", T::String},
                                             {"zone_name", T::String}};
    const std::vector<Column> lead = {{"zone_set", T::String}, {"period", T::String}};
    for (const auto& [path, task_row] : done_rows) {
        const TaskResult r = read_task_result(path);
        tasks.rows[task_row].back() = static_cast<int64_t>(r.warnings.size());
        size_t added = 0;
        for (size_t i = 0; i < r.zones.rows.size(); ++i) {
            const Table one{r.zones.columns, {r.zones.rows[i]}};
            append_with(
                chunks.periods, period_lead,
                {r.zone_set, r.period, text_or_empty(r.date), r.zone_ids[i], r.zone_names[i]}, one);
        }
        added += r.zones.rows.size();
        m.zone_periods += r.zones.rows.size();
        if (r.date) {
            Table series = zone_series_table({&r});
            m.series_rows += series.rows.size();
            added += series.rows.size();
            for (auto& row : series.rows) chunks.series.rows.push_back(std::move(row));
        }
        if (r.indicators) {
            append_with(chunks.indicators, lead, {r.zone_set, r.period}, *r.indicators);
            added += r.indicators->rows.size();
        }
        if (r.scores) {
            append_with(chunks.scores, lead, {r.zone_set, r.period}, *r.scores);
            added += r.scores->rows.size();
        }
        chunks.added(added);
    }
    chunks.flush();

    // Trends per zone and metric, from the series as written (SQLite sorts on disk as needed).
    Table trends{zone_trends_columns(), {}};
    {
        std::vector<std::vector<Cell>> group;
        const auto end_group = [&] {
            if (!group.empty()) trends.rows.push_back(zone_trend_row(group));
            group.clear();
        };
        for_each_query_row(
            gpkg.temp_path(), kSeriesByZone,
            {[](const std::vector<Column>&) {},
             [&](const std::vector<Cell>& row) {
                 if (!group.empty() && (group.front()[0] != row[0] || group.front()[1] != row[1] ||
                                        group.front()[5] != row[5]))
                     end_group();
                 group.push_back(row);
             }});
        end_group();
    }
    m.trends = trends.rows.size();
    m.trend_summary = trend_summary_lines(trends);
    append_tables_into(gpkg.temp_path(), {{"zone_trends", std::move(trends)}});
    append_tables_into(gpkg.temp_path(), {{"batch_tasks", tasks}});
    chunks.created.push_back("batch_tasks");

    // CSV and XLSX of every table, read back row by row.
    const CsvOptions csv{options.csv_bom};
    std::vector<std::string> csv_files;
    XlsxStream xlsx(base + ".xlsx", metadata);
    for (const std::string& name : chunks.created) {
        const std::string file =
            name == "batch_tasks" ? out_dir + "/batch_report.csv" : base + "_" + name + ".csv";
        std::optional<CsvStream> out;
        for_each_row(gpkg.temp_path(), name,
                     {[&](const std::vector<Column>& columns) {
                          out.emplace(file, columns, csv);
                          xlsx.begin_sheet(name, columns);
                      },
                      [&](const std::vector<Cell>& row) {
                          out->add_row(row);
                          xlsx.add_row(row);
                      }});
        out->finish();
        csv_files.push_back(file);
    }
    write_json(tasks, out_dir + "/batch_report.json", metadata);
    xlsx.finish();
    gpkg.commit();
    m.files.push_back(base + ".gpkg");
    m.files.insert(m.files.end(), csv_files.begin(), csv_files.end());
    m.files.push_back(out_dir + "/batch_report.json");
    m.files.push_back(base + ".xlsx");
    return m;
}

}  // namespace gg::assess
