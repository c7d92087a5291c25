#pragma once
// The exposure part of the heat family (docs/methods.md 7.5): the residents' population-weighted
// LST per zone and the persons on hot spots, from the project's population raster moved onto the
// thermal grid by area (gis/people_on_grid.hpp). Only with zones.population_raster: a population
// field per zone says nothing of where in the zone people live, so with a field alone these
// metrics are not computed (not among the columns).
#include <string>
#include <vector>

#include "assess/family.hpp"

namespace gg::assess {

struct ChannelGroup;

// The band the heat and hot spot rasters get for the people per pixel.
inline constexpr const char* kHeatPeopleBand = "people";

std::vector<MetricInfo> exposure_metrics();
// The columns with a population raster; pop_in_hotspots only with hot spots.
std::vector<std::string> exposure_columns(bool hotspots);
// zones.population_raster of the project file (resolved), or "".
std::string exposure_population(const ProjectReader& r);

class ExposureRun {
  public:
    // Adds the exposure channels to `heat`, the heat family's channel group (not yet planned):
    // derived from its LST (channel 0) and the heat raster's band kHeatPeopleBand.
    void plan(RunPlan& plan, ChannelGroup& heat) const;
    void finish(const PassResults& results, ZoneMetrics& m, const std::string& proxy) const;
};

}  // namespace gg::assess
