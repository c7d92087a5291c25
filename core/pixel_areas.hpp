#pragma once
// The ground area (m2) of every pixel of a north-up grid, in one of two forms:
// - by row: one area per grid row. A geographic CRS (the ellipsoidal quadrangle of the row),
//   planar areas, and projections whose areal scale depends on the row only (Mercator, Web
//   Mercator, cylindrical equal-area).
// - a lattice: areas known at the centres of a coarse lattice of pixels and interpolated
//   bilinearly between them, for projections whose scale varies along a row too (transverse
//   Mercator / UTM, conic projections). The areal scale of a projection is smooth at the scale
//   of the Earth's radius, so a lattice a few km apart interpolates it to ~1e-8
//   (docs/methods.md 8).
// Pure computation: gis/pixel_area builds it (with PROJ), the zonal engine reads it.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace gg {

class PixelAreas {
  public:
    PixelAreas() = default;
    // Every pixel of grid row r has area row_areas[r].
    static PixelAreas by_rows(std::vector<double> row_areas);
    // Areas at the pixel centres (node_cols[i], node_rows[j]), in values[j * node_cols.size() +
    // i]. node_cols and node_rows are strictly ascending; the first is 0 and the last the grid's
    // last column (row), so every pixel lies between nodes.
    static PixelAreas lattice(std::vector<int64_t> node_cols, std::vector<int64_t> node_rows,
                              std::vector<double> values);

    bool uniform_rows() const { return values_.empty(); }
    // uniform_rows() only: the area of every pixel of row r.
    double row_area(int64_t r) const { return row_areas_[static_cast<size_t>(r)]; }
    // Areas of the pixels col0 .. col0 + n - 1 of row r, into out[0 .. n).
    void fill_row(int64_t r, int64_t col0, int64_t n, double* out) const;
    // The area of one pixel (for tests and single look-ups; fill_row is the fast way).
    double at(int64_t col, int64_t row) const;

    const std::vector<int64_t>& node_cols() const { return node_cols_; }
    const std::vector<int64_t>& node_rows() const { return node_rows_; }

  private:
    std::vector<double> row_areas_;
    std::vector<int64_t> node_cols_, node_rows_;
    std::vector<double> values_;
};

}  // namespace gg
