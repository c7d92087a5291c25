// Population onto another grid by area (gis/people_on_grid.hpp).
#include "gis/people_on_grid.hpp"

#include <fmt/format.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <utility>
#include <vector>

#include "core/coverage.hpp"
#include "core/error.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/ogr_util.hpp"
#include "gis/raster_source.hpp"

namespace gg {

struct PeopleOnGrid::Impl {
    Impl(RasterSource s, const Grid& g) : source(std::move(s)), target(g) {}
    RasterSource source;
    Grid target;
    // Target CRS -> population CRS (which population cells a window needs) and back (the
    // cells' corners); null when the CRSs are the same.
    std::unique_ptr<OGRCoordinateTransformation> to_source, to_target;
    std::vector<double> values, xs, ys;
    std::vector<unsigned char> valid;
    std::vector<int> transformed;
};

namespace {

std::unique_ptr<OGRCoordinateTransformation> transformation(const std::string& from,
                                                            const std::string& to,
                                                            const std::string& path) {
    OGRSpatialReference a, b;
    if (a.importFromWkt(from.c_str()) != OGRERR_NONE || b.importFromWkt(to.c_str()) != OGRERR_NONE)
        throw Error(path + ": cannot read the coordinate reference systems to reproject it");
    a.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    b.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&a, &b));
    if (!ct)
        throw Error(path +
                    ": no transformation between its CRS and the thermal grid's (PROJ): "
                    "reproject it first");
    return ct;
}

Box window_box(const Grid& g, const Window& w) {
    Box b;
    b.expand({g.cell_left(w.col0), g.cell_top(w.row_end())});
    b.expand({g.cell_left(w.col_end()), g.cell_top(w.row0)});
    return b;
}

}  // namespace

PeopleOnGrid::PeopleOnGrid(const std::string& path, const Grid& target,
                           const std::string& target_crs_wkt)
    : impl_(std::make_unique<Impl>(RasterSource::open(path), target)) {
    const std::string& crs = impl_->source.info().crs_wkt;
    if (same_crs(crs, target_crs_wkt)) return;
    const QuietGdalErrors quiet;
    impl_->to_source = transformation(target_crs_wkt, crs, path);
    impl_->to_target = transformation(crs, target_crs_wkt, path);
}

PeopleOnGrid::PeopleOnGrid(PeopleOnGrid&&) noexcept = default;
PeopleOnGrid::~PeopleOnGrid() = default;

void PeopleOnGrid::read(const Window& w, ChannelBuffer& out) {
    Impl& im = *impl_;
    out.values.assign(static_cast<size_t>(w.size()), 0.0);
    out.valid.assign(out.values.size(), 0);
    const RasterInfo& info = im.source.info();
    const Grid& src = info.grid;
    const QuietGdalErrors quiet;

    // The population cells under the window (its box in their CRS, edges densified), and one
    // more all round: a cell only touching the box may still reach into it after the mapping.
    Box box = window_box(im.target, w);
    if (im.to_source) {
        double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        if (!im.to_source->TransformBounds(box.xmin, box.ymin, box.xmax, box.ymax, &x0, &y0, &x1,
                                           &y1, 21))
            return;  // the window has no place in the population's CRS: nobody there
        box = Box{};
        box.expand({x0, y0});
        box.expand({x1, y1});
    }
    Window cells = src.cells_touching(box);
    cells = intersect({cells.col0 - 1, cells.row0 - 1, cells.cols + 2, cells.rows + 2}, src.full());
    if (cells.empty()) return;
    im.source.read(1, cells, im.values, im.valid);

    // Corners of those cells in the target CRS: shared by neighbours, so no gap and no overlap.
    const auto corners_per_row = static_cast<size_t>(cells.cols + 1);
    const size_t corners = corners_per_row * static_cast<size_t>(cells.rows + 1);
    im.xs.resize(corners);
    im.ys.resize(corners);
    im.transformed.assign(corners, 1);
    for (int64_t r = 0; r <= cells.rows; ++r)
        for (int64_t c = 0; c <= cells.cols; ++c) {
            const auto k = static_cast<size_t>(r) * corners_per_row + static_cast<size_t>(c);
            im.xs[k] = src.cell_left(cells.col0 + c);
            im.ys[k] = src.cell_top(cells.row0 + r);
        }
    if (im.to_target)
        im.to_target->Transform(corners, im.xs.data(), im.ys.data(), nullptr,
                                im.transformed.data());

    const double cell_area = im.target.dx * im.target.dy;
    for (int64_t r = 0; r < cells.rows; ++r)
        for (int64_t c = 0; c < cells.cols; ++c) {
            const auto i = static_cast<size_t>(r * cells.cols + c);
            if (!im.valid[i]) continue;
            const double people = im.values[i];
            if (!std::isfinite(people) || people < 0)
                throw Error(fmt::format(
                    "{}: {} people in the pixel at column {}, row {}; a count must be finite "
                    "and 0 or more (declare the raster's nodata value if it is one)",
                    info.path, people, cells.col0 + c, cells.row0 + r));
            const auto k = static_cast<size_t>(r) * corners_per_row + static_cast<size_t>(c);
            const size_t at[4] = {k, k + 1, k + 1 + corners_per_row, k + corners_per_row};
            Polygon quad;
            bool mapped = true;
            for (size_t a : at) {
                mapped = mapped && im.transformed[a] && std::isfinite(im.xs[a]) &&
                         std::isfinite(im.ys[a]);
                quad.exterior.push_back({im.xs[a], im.ys[a]});
            }
            const double area = std::abs(signed_area(quad.exterior));
            if (!mapped || !(area > 0)) continue;
            MultiPolygon shape;
            shape.parts.push_back(std::move(quad));
            const Window touched = intersect(im.target.cells_touching(bounds(shape)), w);
            if (touched.empty()) continue;
            const CoverageMatrix m = coverage_fractions(shape, im.target, touched);
            // The share of the cell's area on a target cell, times its people.
            const double per_covered_cell = people * cell_area / area;
            for (int64_t tr = touched.row0; tr < touched.row_end(); ++tr)
                for (int64_t tc = touched.col0; tc < touched.col_end(); ++tc) {
                    const double f = m.at(tc, tr);
                    if (!(f > 0)) continue;
                    const auto o = static_cast<size_t>((tr - w.row0) * w.cols + (tc - w.col0));
                    out.values[o] += f * per_covered_cell;
                    out.valid[o] = 1;
                }
        }
}

namespace {

class WithPeopleReader : public WindowReader {
  public:
    WithPeopleReader(std::unique_ptr<WindowReader> inner, size_t channels, PeopleOnGrid people)
        : inner_(std::move(inner)), channels_(channels), people_(std::move(people)) {}
    void read(const Window& w, std::vector<ChannelBuffer>& out) override {
        inner_->read(w, out);
        out.resize(channels_ + 1);
        people_.read(w, out[channels_]);
    }

  private:
    std::unique_ptr<WindowReader> inner_;
    size_t channels_;
    PeopleOnGrid people_;
};

}  // namespace

CustomWindowSource with_people(const CustomWindowSource& source, const std::string& path) {
    const Grid grid = source.info.grid;
    const std::string crs = source.info.crs_wkt;
    PeopleOnGrid probe(path, grid, crs);  // fails here on a bad file or CRS
    CustomWindowSource out = source;
    out.info.band_count += 1;
    out.channel_count += 1;
    out.buffer_layers += 2;  // the people, and the population cells read for them
    const size_t channels = source.channel_count;
    out.open = [inner = source.open, channels, path, grid, crs]() -> std::unique_ptr<WindowReader> {
        return std::make_unique<WithPeopleReader>(inner(), channels, PeopleOnGrid(path, grid, crs));
    };
    return out;
}

}  // namespace gg
