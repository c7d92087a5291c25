#pragma once
// Green cover of groups of zones (neighbourhoods, districts, the whole municipality), from the
// per-zone figures: areas and people add up; shares and per-capita values are recomputed from the
// sums, never averaged. Zones not included (outside the image, or covered too little) add nothing.
#include <optional>
#include <string>
#include <vector>

namespace gg {

struct GreenZoneFigures {
    bool included = true;
    double area_m2 = 0;
    double valid_area_m2 = 0;
    double green_area_m2 = 0;
    std::optional<double> population;
};

struct GreenGroup {
    std::string name;
    int zones = 0;  // included zones
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
                                          const std::vector<GreenZoneFigures>& zones,
                                          const std::string& total_label);

}  // namespace gg
