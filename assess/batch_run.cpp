#include "assess/batch_run.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <mutex>

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include "assess/assessment.hpp"
#include "assess/batch_task_result.hpp"
#include "core/error.hpp"
#include "gis/parallel.hpp"
#include "gis/table_writer.hpp"

namespace gg::assess {
namespace {

namespace fs = std::filesystem;

// The fields every result of task t starts with, done or failed.
// What the tasks of one batch share: coverage on one grid (null when --coverage-cache 0) and the
// zones' ground areas.
struct TaskCaches {
    std::shared_ptr<CoverageCache> coverage;
    std::shared_ptr<GroundAreaCache> ground_areas;
};

TaskResult result_of(const BatchTask& t) {
    TaskResult r;
    r.key = t.key;
    r.zone_set = t.zone_set;
    r.period = t.period;
    r.date = t.date;
    r.scenes = t.scenes;
    return r;
}

TaskResult run_task(const BatchTask& t, const BatchOptions& options, const TaskCaches& caches) {
    AssessmentOptions o;
    o.threads = 0;  // the batch's arena (run_batch), shared with the other tasks
    o.coverage_cache = caches.coverage;
    o.ground_area_cache = caches.ground_areas;
    o.reporter = options.reporter;
    std::vector<std::string> warnings;
    o.reporter.warning = [&warnings, &options](const std::string& line) {
        warnings.push_back(line);
        if (options.reporter.warning) options.reporter.warning(line);
    };
    AssessmentResult a = run_assessment(t.project, o);
    TaskResult r = result_of(t);
    r.zones = a.zones_table;  // without its id and name: zone_ids, zone_names hold them
    const auto skip = static_cast<std::ptrdiff_t>(t.project.zones.name_field.empty() ? 1 : 2);
    r.zones.columns.erase(r.zones.columns.begin(), r.zones.columns.begin() + skip);
    for (auto& row : r.zones.rows) row.erase(row.begin(), row.begin() + skip);
    r.crs_wkt = a.zones.source_crs_wkt;
    r.warnings = warnings;
    for (const auto& [name, table] : a.history) {
        // The history's run id is a clock time: the task key stands for it, so a redone task
        // writes the same bytes.
        if (name != "indicators" && name != "scores") continue;
        Table copy = table;
        for (auto& row : copy.rows) row[0] = t.key;
        copy.columns[0].name = "task";
        (name == "indicators" ? r.indicators : r.scores) = std::move(copy);
    }
    for (auto& z : a.zones.zones) {  // the assessment is done with them
        r.zone_ids.push_back(z.id);
        r.zone_names.push_back(z.name);
        r.wkb.push_back(std::move(z.source_wkb));
    }
    return r;
}

void write_plan(const BatchManifest& m, const std::vector<BatchTask>& tasks,
                const std::string& out_dir) {
    nlohmann::ordered_json plan = {{"name", m.name},
                                   {"manifest", fs::absolute(m.path).lexically_normal().string()}};
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& t : tasks)
        list.push_back({{"key", t.key},
                        {"zone_set", t.zone_set},
                        {"period", t.period},
                        {"date", t.date ? nlohmann::ordered_json(*t.date) : nullptr},
                        {"scenes", t.scenes}});
    plan["tasks"] = list;
    const std::string text = plan.dump(1) + "\n";
    const std::string path = batch_plan_path(out_dir);
    {  // every shard writes the same plan: leave an identical one alone
        std::ifstream in(path, std::ios::binary);
        std::string old((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (old == text) return;
    }
    write_text_file(path, text, "the batch plan");
}

TaskOutcome run_one(const BatchTask& t, const std::string& out_dir, const BatchOptions& options,
                    const TaskCaches& caches) {
    TaskOutcome outcome{&t, TaskStatus::Run, {}};
    std::error_code ec;
    const std::string done_path = task_result_path(out_dir, t.key, false);
    const std::string failed_path = task_result_path(out_dir, t.key, true);
    if (!options.rerun_finished && fs::exists(done_path, ec) && task_result_usable(done_path)) {
        outcome.status = TaskStatus::Reused;
        return outcome;
    }
    try {
        if (!t.error.empty()) throw Error(t.error);
        write_task_result(run_task(t, options, caches), done_path);
        fs::remove(failed_path, ec);     // an earlier failure, now mended
    } catch (const std::exception& e) {  // gg::Error, or a library's (bad_alloc)
        outcome.status = TaskStatus::Failed;
        outcome.reason = e.what();
        TaskResult failed = result_of(t);
        failed.error = e.what();
        write_task_result(failed, failed_path);
        fs::remove(done_path, ec);  // a result of before, when --overwrite ran the task again
    }
    return outcome;
}

}  // namespace

std::string batch_plan_path(const std::string& out_dir) {
    return out_dir + "/batch_plan.json";
}

size_t BatchRun::count(TaskStatus s) const {
    size_t n = 0;
    for (const auto& o : outcomes) n += o.status == s;
    return n;
}

BatchRun run_batch(const BatchManifest& manifest, const std::string& out_dir,
                   const BatchOptions& options) {
    if (options.shard_count < 1 || options.shard_index < 1 ||
        options.shard_index > options.shard_count)
        throw Error("--shard " + std::to_string(options.shard_index) + "/" +
                    std::to_string(options.shard_count) + ": the shard must be 1 to N of N shards");
    BatchRun run;
    run.tasks = plan_batch(manifest);
    std::error_code ec;
    fs::create_directories(out_dir + "/tasks", ec);
    if (ec) throw Error(out_dir + ": cannot create the output folder (" + ec.message() + ")");
    write_plan(manifest, run.tasks, out_dir);

    std::vector<const BatchTask*> mine;
    for (const auto& t : run.tasks)
        if (in_shard(t, options.shard_index, options.shard_count)) mine.push_back(&t);
    // Tasks x zones x windows on one arena: tasks run side by side (a small task leaves most
    // cores idle on its own), each isolated so a thread waiting inside one task never picks up
    // another whole task (memory stays that of at most `threads` tasks).
    std::mutex lock;  // the progress, the outcomes' counters, the caller's reporter
    BatchOptions locked = options;
    if (options.reporter.warning)
        locked.reporter.warning = [&lock, &options](const std::string& line) {
            const std::lock_guard<std::mutex> hold(lock);
            options.reporter.warning(line);
        };
    locked.reporter.progress = nullptr;  // one line for the batch, not one per task's pass
    locked.reporter.progress_done = nullptr;
    run.outcomes.resize(mine.size());
    const TaskCaches caches{options.coverage_cache_bytes == 0
                                ? nullptr
                                : std::make_shared<CoverageCache>(options.coverage_cache_bytes),
                            std::make_shared<GroundAreaCache>()};
    BatchProgress progress{0, mine.size(), 0, 0};
    with_threads(options.threads, [&] {
        tbb::parallel_for(
            size_t{0}, mine.size(),
            [&](size_t i) {
                tbb::this_task_arena::isolate([&] {
                    const BatchTask* t = mine[i];
                    TaskOutcome outcome = run_one(*t, out_dir, locked, caches);
                    const std::lock_guard<std::mutex> hold(lock);
                    ++progress.done;
                    progress.failed += outcome.status == TaskStatus::Failed;
                    if (outcome.status == TaskStatus::Run) progress.scenes += t->scenes.size();
                    run.outcomes[i] = std::move(outcome);
                    if (options.progress) options.progress(progress, *t);
                });
            },
            tbb::simple_partitioner());
    });
    if (caches.coverage) run.coverage = caches.coverage->stats();
    run.ground_areas = caches.ground_areas->stats();
    return run;
}

}  // namespace gg::assess
