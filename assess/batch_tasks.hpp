#pragma once
// The units of work of a batch: one zone set x one period (its scenes composited as the project
// says) or x one date. Each task is the base project with its zones and scenes put in, keyed by a
// checksum of everything its result depends on, so a re-run redoes exactly the tasks whose
// inputs or parameters changed (docs/batch.md "Tasks and keys").
#include <optional>
#include <string>
#include <vector>

#include "assess/batch_manifest.hpp"

namespace gg::assess {

struct BatchTask {
    std::string key;       // 64 hex digits: SHA-256 of the task's description (task_description)
    std::string zone_set;  // BatchZoneSet::name
    std::string period;    // "2013-07-07" (per date), "2013" (yearly), a range's name, "project"
    std::optional<std::string> date;       // per date: the acquisition date
    std::vector<std::string> scenes;       // its products (empty: the project's own imagery)
    std::vector<std::string> scene_files;  // their metadata and band files
    // Why the task cannot run, found while planning (a scene without a readable date): the task
    // is reported failed with it; the other tasks still run.
    std::string error;
    Project project;  // the base project with the task's zones, scenes and year
};

// Every task of the manifest, zone sets in order, periods in date (or manifest) order. Recognises
// each scene once (metadata only) for its date and its files. Throws gg::Error for two tasks of
// one zone set and period (they would write the same output).
std::vector<BatchTask> plan_batch(const BatchManifest& manifest);

// The text the key is the SHA-256 of: the tool version, the base project's SHA-256, the task's
// parameters (run_parameters), its zone set, and each input file's path with its size and
// modification time (file_fingerprint; scenes with every band file).
std::string task_description(const BatchTask& task, const BatchManifest& manifest);

// Shard `index` of `count` (1-based) takes the tasks whose key, read as a number, is index - 1
// modulo count: stable whatever other tasks the manifest gains or loses.
bool in_shard(const BatchTask& task, int index, int count);

}  // namespace gg::assess
