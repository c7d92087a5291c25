#pragma once
// A batch manifest (YAML): a base project plus what varies between its units of work: the zone
// sets, the scenes and the periods (docs/batch.md). Loading it checks every key ("<file>:<line>:
// unknown key") and finds the scenes (a glob, a list, a local STAC file); it reads no pixel.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assess/project.hpp"

namespace gg::assess {

struct BatchZoneSet {
    std::string name;  // names its rows in the merged tables
    ZoneLayerSpec zones;
};

enum class PeriodMode {
    Project,  // no periods: each zone set with the project's own imagery
    PerDate,  // one task per acquisition date (scenes of one date composited: adjacent tiles)
    Yearly,   // one task per calendar year of the scenes
    Ranges    // the manifest's named date ranges
};

struct DateRange {
    std::string name;
    std::string start;  // YYYY-MM-DD, inclusive
    std::string end;    // YYYY-MM-DD, inclusive
};

struct BatchManifest {
    std::string path;
    std::string name;  // names the merged outputs: OUT/<name>.gpkg ...; default: the file's stem
    Project project;   // the base project, loaded
    std::vector<BatchZoneSet> zone_sets;  // at least one (default: the project's zones)
    std::vector<std::string> scenes;  // products, in the order found; empty: PeriodMode::Project
    // Files given with a scene that need not be beside its metadata (a STAC item's assets).
    std::map<std::string, std::vector<std::string>> scene_files;
    PeriodMode periods = PeriodMode::Project;
    std::vector<DateRange> ranges;  // PeriodMode::Ranges
};

// Throws gg::Error "<file>:<line>: <problem>" for unknown keys, a missing project, a glob that
// matches nothing, a STAC item without a product metadata asset or whose asset file is missing,
// zone sets of one name, periods without scenes.
BatchManifest load_batch_manifest(const std::string& path, const FamilyList& families);

// The manifest's keys, for --help and docs/batch.md (one list).
std::vector<ProjectKey> batch_manifest_keys();

}  // namespace gg::assess
