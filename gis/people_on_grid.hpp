#pragma once
// The people of a population raster (persons per pixel: WorldPop, GHS-POP) moved onto another
// grid without losing or inventing anyone (docs/methods.md 7.5): each population cell's people
// are taken as spread evenly over its area, and a cell of the target grid gets, from every
// population cell it overlaps, that cell's people times the share of the cell's area inside it.
// The population cells are mapped into the target CRS by their corners (PROJ through OGR), so
// neighbouring cells share edges and tile the plane: the people of a cell inside the target grid
// add up to the cell's count, whatever the CRSs and cell sizes. Not GDAL's `sum` warp: GDAL 3.6
// (Debian 12) leaves seams of wrong sums between warp chunks (GDAL issue 13539, fixed in 3.12).
#include <memory>
#include <string>

#include "core/channel.hpp"
#include "core/grid.hpp"
#include "gis/zonal_engine.hpp"

namespace gg {

class PeopleOnGrid {
  public:
    // Throws gg::Error naming the file when it cannot be read or has no CRS, or when no
    // transformation between the CRSs exists.
    PeopleOnGrid(const std::string& path, const Grid& target, const std::string& target_crs_wkt);
    PeopleOnGrid(PeopleOnGrid&&) noexcept;
    ~PeopleOnGrid();

    // People on each cell of window w of the target grid, row-major. A cell is valid where it
    // overlaps a valid population cell (nodata cells give nobody and no validity). Throws
    // gg::Error naming the file on an infinite or negative count (NaN is GDAL's nodata of a
    // float raster). Not thread-safe: one per thread.
    void read(const Window& w, ChannelBuffer& out);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// `source` with one more channel, the last: the people of the population raster at `path` on
// its grid (PeopleOnGrid). Throws as PeopleOnGrid does, once here, not in the workers.
CustomWindowSource with_people(const CustomWindowSource& source, const std::string& path);

}  // namespace gg
