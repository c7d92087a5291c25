#pragma once
// The Slurm job scripts of a batch (docs/batch.md "Shards (clusters)"): a job array of N shards,
// each `greengauge batch MANIFEST -o OUT --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT`,
// and a merge job that starts when the array has ended.
#include <string>

#include "assess/batch_tasks.hpp"

namespace gg::assess {

struct SlurmScripts {
    std::string array_path, merge_path;  // OUT/slurm/shards.sbatch, OUT/slurm/merge.sbatch
    std::string submit;                  // the shell command that submits both
    int shards = 0, cpus = 0, mem_mb = 0;
    int time_minutes = 0;  // a shard's time limit; 0: the cluster's default
};

// The memory a task asks for, from its scenes: the composite reader keeps a block cache per date
// on top of a base (docs/benchmarks.md: 669 MB peak for 24 dates of 10980 x 10980), so 512 MB +
// 32 MB per scene of the task with the most, rounded up to 256 MB.
int slurm_task_mem_mb(const std::vector<BatchTask>& tasks);

// Writes the two scripts into OUT/slurm/ (created). shards: at most the task count. exe: the
// greengauge to run on the nodes (this one). task_minutes > 0: each shard's time limit is that
// many minutes per task of the largest shard (as if its tasks ran one after the other: a bound,
// not an estimate); 0 leaves the cluster's default. Throws gg::Error when sbatch is not installed
// (naming the Debian package) or a script cannot be written.
SlurmScripts write_slurm_scripts(const BatchManifest& manifest, const std::vector<BatchTask>& tasks,
                                 const std::string& out_dir, int shards, int cpus,
                                 const std::string& exe, int task_minutes = 0);

}  // namespace gg::assess
