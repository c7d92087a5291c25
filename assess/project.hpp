#pragma once
// The project file of an assessment (YAML): the zones, the indicator frameworks and whatever
// the metric families read (imagery, green spaces, land cover, ...). Relative paths are relative
// to the project file's folder.
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "assess/family.hpp"
#include "core/area_convention.hpp"
#include "gis/zone_reader.hpp"

namespace gg::assess {

struct Project {
    std::string path;     // the project file itself
    std::string name;     // names the outputs: <out>/<name>.gpkg and <out>/<name>.csv
    ZoneLayerSpec zones;  // source, layer, id and name fields (families may add fields)
    // How every area of the run is measured (`areas:`): on the ellipsoid whatever the CRS (the
    // default), or planar in a projected CRS (exactextract's convention; core/area_convention).
    AreaConvention areas = AreaConvention::Ellipsoidal;

    // Indicator frameworks (docs/frameworks.md): built-in ids or framework files.
    int year = 0;                         // assessment year; default: the current year
    std::vector<std::string> frameworks;  // "deqp_green_area" or "path/to/file.yaml"
    std::string records;                  // optional CSV of municipal records
    // Inputs taken from the zones: input id -> zone attribute field, or one value for all.
    struct ZoneInput {
        std::string field;
        std::string value;
    };
    std::map<std::string, ZoneInput> zone_inputs;

    // The families this project uses, in the order of the family list, with their settings.
    std::vector<std::pair<const Family*, std::shared_ptr<const FamilySettings>>> families;

    // The settings of family `id`, or null when the project does not use it.
    template <typename T>
    const T* settings(const std::string& id) const {
        for (const auto& [f, s] : families)
            if (f->id() == id) return &settings_as<T>(*s);
        return nullptr;
    }
    bool uses(const std::string& id) const;
};

// Throws gg::Error "<file>:<line>: <problem>" for malformed YAML, unknown keys (typos must not be
// ignored silently), missing required keys and values of the wrong type. The keys a section
// accepts are the project's own plus those the families declare.
Project load_project(const std::string& path, const FamilyList& families);

// The project's own keys (zones, frameworks, ...), for --help and the docs.
std::vector<ProjectKey> project_keys();

}  // namespace gg::assess
