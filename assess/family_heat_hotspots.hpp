#pragma once
// The heat family's hot spots (docs/methods.md 7): Getis-Ord Gi* z of LST per pixel
// (core/getis_ord.hpp, streamed by gis/hotspot_source.hpp), the per-zone shares of hot and cold
// spots, the z COG, and the heat island area (LST above the zone set's mean + k SD). Kept apart
// from assess/family_heat.cpp, which calls it.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "assess/family.hpp"
#include "assess/project_reader.hpp"
#include "gis/hotspot_source.hpp"

namespace gg::assess {

class RunPlan;

struct HotspotSettings {
    bool enabled = true;  // heat.hotspots: false turns Gi* off
    double band_m = 300;  // distance band (see the key's help for its source)
    double z = kGiDefaultZ;
    bool fdr = false;  // Benjamini-Hochberg instead of the fixed z
    double fdr_q = 0.05;
    double heat_island_sd = 1;  // Zhang and Wang 2008: mean + 1 SD
};

std::vector<ProjectKey> hotspot_keys();
std::vector<MetricInfo> hotspot_metrics();
// Reads heat.hotspots and heat.heat_island_sd of the heat section.
HotspotSettings read_hotspots(const ProjectReader& r, const YAML::Node& heat);
std::vector<std::string> hotspot_columns(const HotspotSettings& s);
std::vector<std::pair<std::string, std::string>> hotspot_parameters(const HotspotSettings& s);
std::vector<std::string> hotspot_raster_suffixes(const HotspotSettings& s);

// The band's half width in pixels: band_m / pixel size, rounded to the nearest whole pixel (at
// least 1), per axis. Throws gg::Error naming heat.hotspots.band_m on a geographic grid.
GiBand band_pixels(double band_m, const RasterInfo& info);

// One run's hot spots: registers the raster "heat_hotspots" (LST and z), asks for its channels,
// fills the metrics. heat_raster: the heat pass's raster, whose LST gives the heat island area.
// population_raster: zones.population_raster, for pop_in_hotspots (assess/family_heat_exposure),
// or "".
class HotspotRun {
  public:
    HotspotRun(const HotspotSettings& s, RunContext& ctx, LstInputs lst, std::string heat_raster,
               std::string population_raster = "");
    void plan(RunPlan& plan) const;
    void finish(const PassResults& results, ZoneMetrics& m, const std::string& proxy) const;
    std::vector<RasterOutput> rasters() const;

    struct State;  // filled when the raster is opened (the statistics pass)

  private:
    HotspotSettings s_;
    std::string heat_raster_;
    std::string population_;
    std::shared_ptr<State> state_;
};

}  // namespace gg::assess
