// greengauge batch: many runs of one project (zone sets x periods or dates), resumable, with
// failures isolated, then merged. A thin caller of assess/batch_run and assess/batch_merge.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include "assess/batch_merge.hpp"
#include "assess/batch_run.hpp"
#include "assess/batch_slurm.hpp"
#include "assess/families.hpp"
#include "cli/batch_report.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "core/error.hpp"

namespace gg::cli {
namespace {

struct BatchCommandOptions {
    std::string manifest;
    std::string out_dir = "greengauge-batch";
    std::string shard;  // "I/N"
    int threads = 0;
    int slurm_shards = 0;  // --slurm N: write the job scripts instead of running
    int cpus_per_task = 2;
    int task_minutes = 0;  // --slurm: a shard's time limit per task; 0: the cluster's default
    int coverage_cache_mb = 256;
    bool csv_bom = true;
    ReportFlags report;
};

// "I/N", or under a Slurm job array its task id and count; nothing: all tasks.
std::pair<int, int> shard_of(const std::string& text) {
    std::string s = text;
    if (s.empty()) {
        const char* id = std::getenv("SLURM_ARRAY_TASK_ID");
        const char* count = std::getenv("SLURM_ARRAY_TASK_COUNT");
        if (!id || !count) return {1, 1};
        s = std::string(id) + "/" + count;
    }
    const auto slash = s.find('/');
    try {
        size_t a = 0, b = 0;
        const int index = std::stoi(s.substr(0, slash), &a);
        const int count = std::stoi(s.substr(slash + 1), &b);
        if (slash == std::string::npos || a != slash || b != s.size() - slash - 1) throw 0;
        return {index, count};
    } catch (...) {
        throw Error("--shard " + s + ": expected I/N, e.g. 2/4");
    }
}

// How often a window's coverage was computed, and reused from an earlier pass on its grid.
nlohmann::ordered_json coverage_json(const std::optional<CoverageCache::Stats>& stats) {
    if (!stats) return nullptr;  // not kept: every pass computed its own
    const auto& s = *stats;
    return {{"windows_computed", s.misses},
            {"windows_reused", s.hits},
            {"kept_bytes", s.bytes},
            {"not_kept", s.refused}};
}

// How often a zone's ground area was measured, and reused by a later task of its zone set.
nlohmann::ordered_json zone_areas_json(const GroundAreaCache::Stats& s) {
    return {{"measured", s.misses}, {"reused", s.hits}};
}

// The greengauge the nodes run: this executable, by its absolute path.
std::string this_executable() {
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("greengauge") : self.string();
}

void write_slurm(const assess::BatchManifest& manifest, const BatchCommandOptions& o) {
    const auto tasks = assess::plan_batch(manifest);
    const assess::SlurmScripts s =
        assess::write_slurm_scripts(manifest, tasks, o.out_dir, o.slurm_shards, o.cpus_per_task,
                                    this_executable(), o.task_minutes);
    if (o.report.json)
        return print_json(
            {{"shards", s.shards},
             {"tasks", tasks.size()},
             {"cpus_per_task", s.cpus},
             {"mem_mb", s.mem_mb},
             {"time_minutes", s.time_minutes == 0 ? nlohmann::ordered_json()
                                                  : nlohmann::ordered_json(s.time_minutes)},
             {"array_script", s.array_path},
             {"merge_script", s.merge_path},
             {"submit", s.submit}});
    if (!text_output()) return;
    const std::string limit =
        s.time_minutes == 0 ? "" : fmt::format(", at most {} minutes", s.time_minutes);
    std::cout << fmt::format(
        "Wrote {} ({} tasks in {} shards, {} CPUs and {} MB each{}) and {}. Submit with:\n  {}\n",
        s.array_path, tasks.size(), s.shards, s.cpus, s.mem_mb, limit, s.merge_path, s.submit);
}

void run(const BatchCommandOptions& o) {
    set_report_mode(o.report);
    const auto [index, count] = shard_of(o.shard);
    const assess::BatchManifest manifest =
        assess::load_batch_manifest(o.manifest, assess::builtin_families());
    if (o.slurm_shards > 0) return write_slurm(manifest, o);
    assess::BatchOptions options;
    options.threads = o.threads;
    options.shard_index = index;
    options.shard_count = count;
    options.rerun_finished = o.report.overwrite;
    options.coverage_cache_bytes = static_cast<size_t>(o.coverage_cache_mb) << 20;
    // Every task of one project warns alike (no population raster, ...): each line once.
    auto seen = std::make_shared<std::set<std::string>>();
    options.reporter.warning = [seen](const std::string& line) {
        if (seen->insert(line).second) warn(line);
    };
    std::unique_ptr<Progress> bar;
    const auto start = std::chrono::steady_clock::now();
    options.progress = [&bar, start](const assess::BatchProgress& p, const assess::BatchTask&) {
        if (!bar) bar = std::make_unique<Progress>("batch");
        const double minutes =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / 60;
        const std::string rate =  // tasks of the project's own imagery read no scene
            p.scenes == 0 ? ""
                          : fmt::format(", {:.1f} scenes/min",
                                        static_cast<double>(p.scenes) / std::max(minutes, 1e-9));
        bar->update(static_cast<double>(p.done) / static_cast<double>(p.total),
                    fmt::format("{}/{} tasks{}, {} failed", p.done, p.total, rate, p.failed));
    };
    const assess::BatchRun run = assess::run_batch(manifest, o.out_dir, options);
    if (bar) bar->finish();
    for (const auto& outcome : run.outcomes)
        if (outcome.status == assess::TaskStatus::Failed)
            warn("task " + outcome.task->zone_set + " / " + outcome.task->period +
                 " failed: " + outcome.reason);
    const size_t failed = run.count(assess::TaskStatus::Failed);
    const size_t finished = run.outcomes.size() - failed;
    set_exit_code(failed == 0 ? 0 : finished == 0 ? 1 : 3);
    if (count > 1) {  // a shard: the merge job gathers every shard's results
        if (text_output())
            std::cout << fmt::format(
                "Shard {}/{}: {} tasks: {} run, {} reused, {} failed; run greengauge merge {} "
                "when every shard is done\n",
                index, count, run.outcomes.size(), run.count(assess::TaskStatus::Run),
                run.count(assess::TaskStatus::Reused), failed, o.out_dir);
        if (o.report.json)
            print_json({{"shard", fmt::format("{}/{}", index, count)},
                        {"tasks", run.outcomes.size()},
                        {"run", run.count(assess::TaskStatus::Run)},
                        {"reused", run.count(assess::TaskStatus::Reused)},
                        {"failed", failed},
                        {"coverage", coverage_json(run.coverage)},
                        {"zone_areas", zone_areas_json(run.ground_areas)}});
        return;
    }
    assess::MergeOptions merge;
    merge.csv_bom = o.csv_bom;
    const assess::MergeResult m = assess::merge_batch(o.out_dir, merge);
    if (o.report.json) {
        auto j = merge_json(m);
        j["run"] = run.count(assess::TaskStatus::Run);
        j["reused"] = run.count(assess::TaskStatus::Reused);
        j["coverage"] = coverage_json(run.coverage);
        j["zone_areas"] = zone_areas_json(run.ground_areas);
        return print_json(j);
    }
    if (!text_output()) return;
    std::cout << fmt::format("{} tasks run, {} reused from an earlier run\n",
                             run.count(assess::TaskStatus::Run),
                             run.count(assess::TaskStatus::Reused));
    print_merge(m);
}

}  // namespace

void add_batch_command(CLI::App& app) {
    auto o = std::make_shared<BatchCommandOptions>();
    CLI::App* cmd = app.add_subcommand(
        "batch", "Run a project over many zone sets and periods or dates, resumable, then merge");
    cmd->add_option("manifest", o->manifest, "Batch manifest (YAML); see docs/batch.md")
        ->required();
    cmd->add_option("--output,-o", o->out_dir,
                    "Output folder: tasks/, batch_plan.json, the merged <name>.gpkg, CSV, XLSX "
                    "and batch_report.csv/.json")
        ->capture_default_str();
    cmd->add_option("--shard", o->shard,
                    "Run only shard I of N (1-based), e.g. 2/4; under a Slurm job array the "
                    "default is SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT. A shard does not "
                    "merge: run greengauge merge after the last one");
    cmd->add_option("--threads,-j", o->threads, "Worker threads (default: all cores)")
        ->check(thread_count_check());
    cmd->add_option("--slurm", o->slurm_shards,
                    "Write Slurm job scripts instead of running: a job array of this many shards "
                    "and a merge job after it, into OUT/slurm/; prints the sbatch command")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--cpus-per-task", o->cpus_per_task,
                    "With --slurm: CPUs per shard (each runs with --threads of them)")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->add_option("--task-minutes", o->task_minutes,
                    "With --slurm: each shard's time limit is this many minutes per task of the "
                    "largest shard (default: the cluster's limit)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--coverage-cache", o->coverage_cache_mb,
                    "MB of zone coverage kept across the tasks' passes on one grid, so the dates "
                    "of one tile compute each zone's coverage once; 0 computes it in every pass")
        ->capture_default_str()
        ->check(CLI::Range(0, 1 << 20));
    cmd->add_flag("--csv-bom,!--no-csv-bom", o->csv_bom,
                  "Start every CSV with a UTF-8 byte order mark (default), so Excel shows Thai");
    add_report_flags(*cmd, o->report,
                     "Run every task again, even those whose result OUT/tasks/ holds (each "
                     "result is replaced as its task ends); without it, finished tasks are kept");
    std::string keys = "\nManifest keys:\n";
    for (const auto& k : assess::batch_manifest_keys())
        keys += fmt::format("  {:<20} {}\n", k.section.empty() ? k.key : k.section + "." + k.key,
                            k.help);
    cmd->footer(keys +
                "\nA task is one zone set x one period (or date). Its result is kept in "
                "OUT/tasks/<key>.json,\nkeyed by a checksum of its inputs and parameters: a "
                "re-run skips finished tasks and\nredoes those whose inputs or parameters "
                "changed, or that failed. A failed task is\nreported in "
                "OUT/batch_report.csv/.json and the others go on. Exit code: 0 when every\ntask "
                "succeeded, 3 when some failed, 1 when none could run.\n"
                "\nOn a cluster: --slurm N writes the job scripts (docs/batch.md).\n"
                "\nExample:\n  greengauge batch data/demo/landsat_series.yaml -o out/series\n");
    cmd->callback([o] { run(*o); });
}

}  // namespace gg::cli
