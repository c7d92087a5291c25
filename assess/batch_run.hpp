#pragma once
// Runs a batch's tasks (docs/batch.md): each task is one run of the assessment library, its
// result written atomically to OUT/tasks/<key>.json. A task whose result is there is not run
// again; a task that fails (a corrupt scene, an unreadable zone set) writes its one-line reason
// to OUT/tasks/<key>.failed.json and the others go on. OUT/batch_plan.json lists every task of
// the manifest (all shards) for the merge.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "assess/batch_tasks.hpp"
#include "assess/run_context.hpp"
#include "core/coverage_cache.hpp"
#include "core/ground_area_cache.hpp"

namespace gg::assess {

struct BatchProgress {
    size_t done = 0;    // tasks finished in this run (run, reused or failed)
    size_t total = 0;   // tasks of this shard
    size_t failed = 0;  // of done
    size_t scenes = 0;  // scenes of the tasks run (not reused) so far
};

struct BatchOptions {
    int threads = 0;      // 0: all cores
    int shard_index = 1;  // 1-based
    int shard_count = 1;
    bool rerun_finished = false;  // run every task again, even those with a result (--overwrite)
    // The zones' coverage kept across the tasks' passes on one grid (the dates of one tile):
    // memory it may hold; 0 computes coverage in every pass.
    size_t coverage_cache_bytes = size_t{256} << 20;
    Reporter reporter;  // the tasks' warnings and progress
    std::function<void(const BatchProgress&, const BatchTask& finished)> progress;
};

enum class TaskStatus { Run, Reused, Failed };

struct TaskOutcome {
    const BatchTask* task = nullptr;
    TaskStatus status = TaskStatus::Run;
    std::string reason;  // Failed
};

struct BatchRun {
    std::vector<BatchTask> tasks;       // every task of the manifest
    std::vector<TaskOutcome> outcomes;  // this shard's, in task order
    // Windows' coverage computed and reused; none when --coverage-cache 0 turned the cache off.
    std::optional<CoverageCache::Stats> coverage;
    // Zone ground areas measured (misses) and reused by a later task of the same zone set (hits).
    GroundAreaCache::Stats ground_areas;
    size_t count(TaskStatus s) const;
};

// Throws gg::Error for a shard outside 1..count or an output folder that cannot be written.
BatchRun run_batch(const BatchManifest& manifest, const std::string& out_dir,
                   const BatchOptions& options);

std::string batch_plan_path(const std::string& out_dir);

}  // namespace gg::assess
