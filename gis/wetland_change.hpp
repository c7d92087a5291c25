#pragma once
// Wetland change between two periods, pixel by pixel (docs/methods.md 6.5), and the rasters of
// the wetlands family: the per-pixel transition COG and the water persistence COGs (occurrence,
// count of valid observations).
//
// A period is imagery (a set of products composited, or one date: wetland = water, MNDWI or NDWI
// of the composite > threshold) or a land-cover raster (wetland = a class mapped to a type). Both
// periods are read on the baseline's grid: the current period's scenes or raster are reprojected
// onto it by nearest neighbour when they are on another grid (as composites are), so every value
// compared is one observed.
#include <string>
#include <vector>

#include "core/composite.hpp"
#include "core/mask_selection.hpp"
#include "core/wetlands.hpp"
#include "gis/product.hpp"
#include "gis/table_writer.hpp"
#include "gis/zonal_engine.hpp"

namespace gg {

struct WetlandPeriod {
    std::string label;  // e.g. "2018", for messages and the transition COG's metadata
    // Imagery: the products composited (one product: that date, masked).
    std::vector<Product> products;
    CompositeMethod method = CompositeMethod::Median;
    MaskSelection mask;
    WaterIndex index = WaterIndex::Mndwi;
    double threshold = 0;
    size_t water_type = 0;  // position in the type list that water counts as (open_water)
    // Land cover: the raster, its band and class code -> position in the type list.
    std::string landcover_path;
    int band = 1;
    WetlandClassMap classes;

    bool imagery() const { return !products.empty(); }
    // "2018 (3 products, median MNDWI > 0)" or "2018 (land cover lc.tif)".
    std::string describe() const;
};

// Channels: 0 the baseline, 1 the current period; per pixel 0 not wetland, t + 1 wetland of type
// t; invalid where the period has no valid observation (every date masked or nodata, or outside
// its rasters). The grid is the baseline's (its first product's, or its land-cover raster's).
// Throws gg::Error naming the file when a period's input cannot be read, lacks the bands, or does
// not overlap the baseline.
CustomWindowSource wetland_change_source(const WetlandPeriod& baseline,
                                         const WetlandPeriod& current);

// Class codes of the transition COG (docs/methods.md 6.5).
enum class Transition : int {
    StableLand = 0,   // not wetland in either period
    StableWater = 1,  // wetland in both periods (stable wetland)
    Gain = 2,         // wetland now, not in the baseline
    Loss = 3,         // wetland in the baseline, not now
    NoData = 255,     // either period has no valid observation (the file's nodata)
};
// From the two period codes of the source above (valid flags as read).
Transition transition_of(bool baseline_valid, double baseline, bool current_valid, double current);

// Writes the transition COG at path (complete when it returns; the caller renames it into place)
// from the change source, window by window. metadata names the periods.
void write_transition_cog(const CustomWindowSource& change, const std::string& path,
                          const Metadata& metadata);

// Writes water occurrence (0-1, nodata -1 where no date is valid) and the count of valid
// observations (0 where none) as two COGs from the persistence source
// (gis/water_persistence.hpp).
void write_persistence_cogs(const CustomWindowSource& persistence,
                            const std::string& occurrence_path, const std::string& count_path,
                            const Metadata& metadata);

}  // namespace gg
