#include "assess/batch_slurm.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "gis/table_writer.hpp"

namespace gg::assess {
namespace {

namespace fs = std::filesystem;

bool on_path(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "");
    std::string dir;
    std::error_code ec;
    while (std::getline(dirs, dir, ':'))
        if (!dir.empty() && fs::exists(fs::path(dir) / program, ec)) return true;
    return false;
}

// A word for the shell: single-quoted, any ' in it closed, escaped and reopened.
std::string shell_word(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

void write_script(const std::string& path, const std::string& text) {
    write_text_file(path, text, "the Slurm script");
    std::error_code ec;  // executable, as scripts are; sbatch itself does not need it
    fs::permissions(path, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add, ec);
}

}  // namespace

int slurm_task_mem_mb(const std::vector<BatchTask>& tasks) {
    size_t scenes = 0;
    for (const auto& t : tasks) scenes = std::max(scenes, t.scenes.size());
    const int mb = 512 + 32 * static_cast<int>(scenes);
    return (mb + 255) / 256 * 256;
}

SlurmScripts write_slurm_scripts(const BatchManifest& m, const std::vector<BatchTask>& tasks,
                                 const std::string& out_dir, int shards, int cpus,
                                 const std::string& exe, int task_minutes) {
    if (!on_path("sbatch"))
        throw Error("--slurm: sbatch is not installed (Debian: apt-get install slurm-client)");
    if (tasks.empty()) throw Error(m.path + ": the manifest has no task");
    SlurmScripts s;
    s.shards = std::clamp(shards, 1, static_cast<int>(tasks.size()));
    s.cpus = std::max(cpus, 1);
    s.mem_mb = slurm_task_mem_mb(tasks);
    if (task_minutes > 0) {
        size_t largest = 0;
        for (int i = 1; i <= s.shards; ++i)
            largest = std::max<size_t>(
                largest, std::count_if(tasks.begin(), tasks.end(), [&](const BatchTask& t) {
                    return in_shard(t, i, s.shards);
                }));
        s.time_minutes = static_cast<int>(largest) * task_minutes;
    }
    const std::string time_line =
        s.time_minutes > 0 ? "#SBATCH --time=" + std::to_string(s.time_minutes) + "\n" : "";
    const std::string out = fs::absolute(out_dir).lexically_normal().string();
    const std::string dir = out + "/slurm";
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw Error(dir + ": cannot create the folder (" + ec.message() + ")");
    s.array_path = dir + "/shards.sbatch";
    s.merge_path = dir + "/merge.sbatch";
    const std::string header = "#!/bin/sh\n# Written by greengauge batch --slurm for " + m.path +
                               " (docs/batch.md). OUT must be on a file system every node sees.\n";
    write_script(s.array_path,
                 header + "#SBATCH --job-name=gg-" + m.name + "\n#SBATCH --array=1-" +
                     std::to_string(s.shards) + "\n#SBATCH --cpus-per-task=" +
                     std::to_string(s.cpus) + "\n#SBATCH --mem=" + std::to_string(s.mem_mb) +
                     "M\n" + time_line + "#SBATCH --output=" + dir + "/shard-%a.log\n" + "exec " +
                     shell_word(exe) + " batch " + shell_word(m.path) + " -o " + shell_word(out) +
                     " --shard \"$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT\" --threads "
                     "\"$SLURM_CPUS_PER_TASK\" -q\n");
    write_script(s.merge_path, header + "#SBATCH --job-name=gg-" + m.name +
                                   "-merge\n#SBATCH --cpus-per-task=1\n#SBATCH --mem=" +
                                   std::to_string(s.mem_mb) + "M\n#SBATCH --output=" + dir +
                                   "/merge.log\nexec " + shell_word(exe) + " merge " +
                                   shell_word(out) + " -q\n");
    // afterany, not afterok: a shard with a failed task exits 3, and the merge is what reports
    // that task (batch_report.csv) beside the others' results.
    s.submit = "jid=$(sbatch --parsable " + shell_word(s.array_path) +
               ") && sbatch --dependency=afterany:${jid%%;*} " + shell_word(s.merge_path);
    return s;
}

}  // namespace gg::assess
