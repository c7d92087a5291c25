#pragma once
// Wetlands (docs/methods.md section 6): area and share per zone and per wetland type from up to
// three sources, each reported on its own and combined without double counting:
// - an inventory of polygons with a type field (any OGR source), dissolved per type with a
//   documented precedence for overlaps, clipped per zone, measured as ellipsoidal areas;
// - a land-cover raster whose class codes map to types (exact coverage);
// - a water mask of the imagery: MNDWI (Xu 2006) where SWIR1 exists, else NDWI (McFeeters 1996),
//   water where the index > threshold, with a threshold sweep.
// wetland_area_m2 is the inventory plus the land cover (or else the water mask) outside it.
#include <map>
#include <string>
#include <vector>

#include "assess/family.hpp"
#include "core/wetlands.hpp"
#include "gis/wetland_polygons.hpp"

namespace gg::assess {

const Family& wetlands_family();

struct WetlandsSettings : FamilySettings {
    std::vector<std::string> types;  // precedence order, from the vocabulary; ends with "other"

    bool inventory = false;
    WetlandLayerSpec layer;

    // The change against a baseline period, given as an inventory (docs/methods.md 6.5).
    bool baseline = false;
    WetlandLayerSpec baseline_layer;
    std::string baseline_label;  // e.g. the baseline's year, for messages and parameters

    // The change between two periods of imagery or land cover, pixel by pixel (docs/methods.md
    // 6.5): wetlands.change {baseline, current}.
    struct Period {
        std::string label;
        std::vector<std::string> products;  // imagery: composited per imagery.composite
        std::string landcover_path;         // or a land-cover raster
        int band = 1;
        std::map<long long, std::string> classes;  // class code -> type id
        bool imagery() const { return !products.empty(); }
    };
    bool change = false;
    Period change_baseline, change_current;
    bool change_per_type() const {
        return change && !change_baseline.imagery() && !change_current.imagery();
    }

    bool landcover = false;
    std::string landcover_path;
    int landcover_band = 1;
    std::map<long long, std::string> classes;  // class code -> type id

    bool water = false;
    std::string water_index = "auto";  // auto | mndwi | ndwi
    int green_band = 0;                // a stack's bands (imagery.source); products know theirs
    int swir1_band = 0;
    WaterParams water_params;  // index resolved when the run starts

    // Water persistence over the dates of imagery.products (docs/methods.md 6.7).
    bool persistence = false;
    PersistenceParams persistence_params;
};

}  // namespace gg::assess
