#pragma once
// Getis-Ord Gi* hot spots of land surface temperature, streamed (core/getis_ord.hpp;
// docs/methods.md 7): LST of any window is derived as the heat pass derives it (the composite of
// the products' thermal, red and NIR bands, then core/heat's LST), and the window is read with a
// halo of the band, so z of a window needs that window and its halo only, never the whole scene.
#include <string>
#include <vector>

#include "core/composite.hpp"
#include "core/getis_ord.hpp"
#include "core/heat.hpp"
#include "core/mask_selection.hpp"
#include "gis/product.hpp"
#include "gis/table_writer.hpp"
#include "gis/zonal_engine.hpp"

namespace gg {

// What the LST of the heat raster is made of.
struct LstInputs {
    std::vector<Product> products;
    CompositeMethod method = CompositeMethod::Median;
    MaskSelection mask;
    HeatParams params;
    // With params.emissivity_table: the land-cover raster of the classes and its band.
    std::string classes_path;
    int classes_band = 1;
};

// One channel, LST in K, on the first product's grid (as the heat raster's).
CustomWindowSource lst_source(const LstInputs& in);

// n, mean and S of LST over every valid pixel of the grid: one read of the thermal, red and NIR
// bands, window by window. Throws gg::Error when fewer than 2 pixels are valid or LST is constant.
GiGlobal lst_statistics(const CustomWindowSource& lst);

// Channels: 0 LST (K), 1 Gi* z, over any window (read from `lst` with a halo of the band).
CustomWindowSource hotspot_source(const CustomWindowSource& lst, GiBand band,
                                  const GiGlobal& global);

// |z| of every pixel with a z, for Benjamini-Hochberg: one more read of the bands.
AbsZHistogram z_histogram(const CustomWindowSource& hotspots);

// Writes z as a Float32 COG (nodata kGiZNodata where there is no z), window by window.
inline constexpr double kGiZNodata = -9999;
void write_gi_z_cog(const CustomWindowSource& hotspots, const std::string& path,
                    const Metadata& metadata);
// The same file with every pixel nodata (no z anywhere: LST all masked or constant).
void write_nodata_cog(const CustomWindowSource& lst, const std::string& path,
                      const Metadata& metadata);

}  // namespace gg
