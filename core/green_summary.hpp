#pragma once
// Green cover of groups of zones (neighbourhoods, districts, the whole municipality), from the
// per-zone metrics: areas and people add up; shares and per-capita values are recomputed from the
// sums, never averaged.
#include <string>
#include <vector>

#include "core/green_cover.hpp"

namespace gg {

struct GreenGroup {
    std::string name;
    int zones = 0;
    double area_m2 = 0;
    double valid_area_m2 = 0;
    double green_area_m2 = 0;
    double population = 0;
    int zones_without_population = 0;
    std::optional<double> green_share() const;
    std::optional<double> green_m2_per_capita() const;
};

// Groups by name in order of first appearance; the last element is the total of all zones.
std::vector<GreenGroup> summarise_by_name(const std::vector<std::string>& names,
                                          const std::vector<GreenCoverMetrics>& metrics,
                                          const std::string& total_label);

}  // namespace gg
