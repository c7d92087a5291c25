#pragma once
// What one batch task leaves in OUT/tasks/: its zones table, indicator and score rows and its
// warnings (<key>.json), or the one-line reason it failed (<key>.failed.json). The zones'
// geometries, the same for every task of a zone set, are written once under them
// (geometry/<fingerprint>.json, named by its content) and the result names that file: dense
// boundaries (500 zones of 10,000 vertices are 150 MB of WKB hex) are then written and read once
// per zone set, not once per date. Each file is written under a temporary name and renamed, the
// geometry before the result, so a task killed mid-write leaves no result and is redone; holding
// no clock time, so a redone task writes the same bytes.
#include <optional>
#include <string>
#include <vector>

#include "core/table.hpp"

namespace gg::assess {

struct TaskResult {
    std::string key, zone_set, period;
    std::optional<std::string> date;
    std::vector<std::string> scenes;
    std::string error;  // a failed task: why (the rest is empty)
    Table zones;        // the assessment's zones table (id and name under their own fields)
    std::vector<std::string> zone_ids, zone_names;  // per row of zones
    std::optional<Table> indicators, scores;
    std::string crs_wkt;                          // the zones' own CRS
    std::vector<std::vector<unsigned char>> wkb;  // one per zone row, ISO WKB (none when empty)
    // As read: the geometry file that holds crs_wkt and wkb (read_task_geometry loads them);
    // empty for a result written before geometry files, which holds them itself.
    std::string geometry_file;
    std::vector<std::string> warnings;  // in order
};

std::string task_result_path(const std::string& out_dir, const std::string& key, bool failed);

// Atomic (temporary name, rename). Throws gg::Error naming the file when it cannot be written.
void write_task_result(const TaskResult& result, const std::string& path);
// Throws gg::Error naming the file when it is not a task result. Leaves the geometry in its file.
TaskResult read_task_result(const std::string& path);
// A done task's result that a re-run may keep: it reads as a result and the geometry file it names
// exists. A re-run redoes the task otherwise, so a deleted geometry file is written again rather
// than failing the merge. Does not read the geometry itself.
bool task_result_usable(const std::string& path);
// crs_wkt and wkb of a result read from `path` (from its geometry file). Throws gg::Error
// naming the file when it is missing or not a geometry file.
void read_task_geometry(const std::string& path, TaskResult& result);

}  // namespace gg::assess
