#pragma once
// Residents per zone: from the zones' population field, or summed from a population raster
// (people per pixel) with exact coverage fractions, so a pixel split between zones is shared by
// area. Other families divide by it through residents().
#include <optional>
#include <string>

#include "assess/family.hpp"
#include "assess/zone_metrics.hpp"

namespace gg::assess {

const Family& population_family();

struct PopulationSettings : FamilySettings {
    std::string field;   // zones.population_field
    std::string raster;  // zones.population_raster
};

// The raster and band channel of a population raster, for families that sum people over shapes
// of their own in the same pass.
inline constexpr const char* kPopulationRaster = "population";
inline constexpr const char* kPeopleChannel = "people";

// The zone's residents as a per-capita denominator: a number > 0, or the reason there is none
// ("no residents" for 0, "population unknown" for an empty value, ...).
struct Residents {
    std::optional<double> people;
    std::string reason;
};
Residents residents(const ZoneMetrics& metrics, size_t zone);

}  // namespace gg::assess
