#pragma once
// A metric family: a self-describing unit of the assessment (imagery green, green-space
// polygons, land cover, population, accessibility; later wetlands and heat), as an exactextract
// operation or a PDAL stage is. It declares its project-file keys, the inputs it reads, the
// channels it derives from rasters, its metrics, and how accumulated values become metrics. The
// one list of families (assess/families.cpp) is where project keys, columns, --help, the metric
// registry and run_inputs come from.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "assess/summary.hpp"
#include "assess/zone_metrics.hpp"
#include "core/metric_registry.hpp"

namespace gg::assess {

class ProjectReader;
struct Project;
class RunContext;
class RunPlan;
class PassResults;

// A key the family reads: in a section of the project file ("" for the top level).
struct ProjectKey {
    std::string section;
    std::string key;
    std::string help;
};

// A file the run reads, recorded with its SHA-256 in the run_inputs table.
struct RunInput {
    std::string role;  // "image", "product", "population_raster", ...
    std::string path;
};

// Rasters a run writes into the output folder beside its tables: <folder>/<name><suffix> for
// each suffix (e.g. "_wetland_transition.tif"). write() writes every file complete at the paths
// given (temporary names, in the order of the suffixes); write_outputs renames them into place
// with the other outputs. metadata: the run's, recorded with every output.
struct RasterOutput {
    std::vector<std::string> suffixes;
    std::function<void(const std::vector<std::string>& paths,
                       const std::map<std::string, std::string>& metadata)>
        write;
};

// What a family read from the project file; each family derives its own.
struct FamilySettings {
    virtual ~FamilySettings() = default;
};

// One run of a family over one project, in three steps: plan (zones are known: ask the passes
// for channels and shape sets), finish (every pass has run: fill the metrics), summaries.
class FamilyRun {
  public:
    virtual ~FamilyRun() = default;
    virtual void plan(RunContext& ctx, RunPlan& plan) = 0;
    virtual void finish(RunContext& ctx, const PassResults& results, ZoneMetrics& metrics) = 0;
    // Tables for the terminal (the caller prints them as they are).
    virtual std::vector<SummaryTable> summaries(RunContext& /*ctx*/,
                                                const ZoneMetrics& /*metrics*/) const {
        return {};
    }
    // The rasters the run writes (see RasterOutput); their suffixes are the family's
    // raster_suffixes() for the project.
    virtual std::vector<RasterOutput> rasters(RunContext& /*ctx*/) const { return {}; }
    // Figures of the run as a whole (totals over the zones), for machine-readable summaries.
    virtual std::vector<SummaryFigure> totals(RunContext& /*ctx*/,
                                              const ZoneMetrics& /*metrics*/) const {
        return {};
    }
};

class Family {
  public:
    virtual ~Family() = default;
    virtual std::string id() const = 0;
    virtual std::string summary() const = 0;  // one line for --help and the docs
    virtual std::vector<ProjectKey> keys() const = 0;
    virtual std::vector<MetricInfo> metrics() const = 0;
    // Reads the family's keys (unknown keys are rejected before, from keys()); null when the
    // project does not use the family.
    virtual std::shared_ptr<const FamilySettings> read(const ProjectReader& r) const = 0;
    // The metric columns this project gets from the family, in order.
    virtual std::vector<std::string> columns(const FamilySettings& s) const = 0;
    virtual std::vector<RunInput> inputs(const FamilySettings& s) const = 0;
    // The suffixes of the rasters a run of this project writes (FamilyRun::rasters), so the
    // output folder's files are known before the run.
    virtual std::vector<std::string> raster_suffixes(const FamilySettings& /*s*/) const {
        return {};
    }
    // Recorded in the run's parameters and the outputs' metadata.
    virtual std::vector<std::pair<std::string, std::string>> parameters(
        const FamilySettings& /*s*/) const {
        return {};
    }
    // Opens and checks the family's inputs before any long work, so bad input fails fast.
    virtual std::unique_ptr<FamilyRun> start(const FamilySettings& s, RunContext& ctx) const = 0;
};

using FamilyList = std::vector<const Family*>;

// The settings a family's own code reads back (s was made by that family's read()).
template <typename T>
const T& settings_as(const FamilySettings& s) {
    return static_cast<const T&>(s);
}

}  // namespace gg::assess
