#include "gis/pixel_area.hpp"

#include <ogr_spatialref.h>
#include <proj.h>
#include <proj_experimental.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>
#include <optional>

#include "core/error.hpp"

namespace gg {

namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;

// Area between the equator and latitude phi (radians), per radian of longitude, on the
// ellipsoid with semi-minor axis b and eccentricity e:
//   S(phi) = (b^2 / 2) [sin(phi) / (1 - e^2 sin^2 phi) + (1 / (2e)) ln((1 + e sin phi) / (1 - e sin
//   phi))]
// which is a^2 q / 2 with q of Snyder (1987), "Map Projections: A Working Manual", USGS
// Professional Paper 1395, eq. (3-12) (authalic latitude). atanh(x) = ln((1 + x)/(1 - x)) / 2
// keeps it accurate near e = 0; the sphere (e = 0) is the limit b^2 sin(phi).
// Double precision: differences of S lose about 1e-10 relative for 10 m cells, ample here.
double area_to_equator(double phi, double b, double e) {
    const double s = std::sin(phi);
    if (e < 1e-12) return b * b * s;
    const double es = e * s;
    return b * b / 2 * (s / (1 - es * es) + std::atanh(es) / e);
}

double clamp_lat(double lat_deg) {
    return std::clamp(lat_deg, -90.0, 90.0);
}

struct PjDeleter {
    void operator()(PJ* p) const { proj_destroy(p); }
};
using PjPtr = std::unique_ptr<PJ, PjDeleter>;
struct ContextDeleter {
    void operator()(PJ_CONTEXT* c) const { proj_context_destroy(c); }
};

// The operation between two CRSs on the same datum (a conversion): the first PROJ finds, without
// the intermediate CRSs and grid look-ups of proj_create_crs_to_crs (a tenth of its cost here).
PjPtr operation(PJ_CONTEXT* ctx, const PJ* from, const PJ* to) {
    PJ_OPERATION_FACTORY_CONTEXT* factory = proj_create_operation_factory_context(ctx, nullptr);
    if (!factory) return {};
    proj_operation_factory_context_set_allow_use_intermediate_crs(ctx, factory,
                                                                  PROJ_INTERMEDIATE_CRS_USE_NEVER);
    proj_operation_factory_context_set_grid_availability_use(ctx, factory,
                                                             PROJ_GRID_AVAILABILITY_IGNORED);
    PJ_OBJ_LIST* list = proj_create_operations(ctx, from, to, factory);
    proj_operation_factory_context_destroy(factory);
    PjPtr op;
    if (list && proj_list_get_count(list) > 0) op.reset(proj_list_get(ctx, list, 0));
    proj_list_destroy(list);
    return op;
}

// The areal scale of a projected CRS at a point given in its own coordinates. PROJ's
// proj_factors() takes longitude and latitude in radians; given a projected CRS it builds the
// operation from a temporary radian geographic CRS on every call (~30 ms in PROJ 9.1), so the
// same operation is built once here, as PROJ does it (src/4D_api.cpp, proj_factors). Its
// derivatives include the CRS's unit conversion (a US-foot CRS gives scales of ~4e14), so the
// factors are taken on a copy of the CRS in metres: areal_scale is then plane m2 per ground m2.
class ArealScale {
  public:
    // Empty when the CRS has no geodetic datum (an engineering CRS): there is no ellipsoid.
    static std::optional<ArealScale> open(const std::string& crs_wkt, const std::string& path) {
        ArealScale a;
        a.ctx_.reset(proj_context_create());
        PJ_CONTEXT* ctx = a.ctx_.get();
        proj_log_level(ctx, PJ_LOG_NONE);  // points outside a projection's domain are expected
        PjPtr crs(proj_create(ctx, crs_wkt.c_str()));
        if (!crs) throw Error(path + ": cannot read the coordinate reference system for areas");
        // The horizontal part of a compound CRS; the base CRS of one bound to WGS 84.
        for (int guard = 0; guard < 4; ++guard) {
            const PJ_TYPE type = proj_get_type(crs.get());
            if (type == PJ_TYPE_COMPOUND_CRS)
                crs.reset(proj_crs_get_sub_crs(ctx, crs.get(), 0));
            else if (type == PJ_TYPE_BOUND_CRS)
                crs.reset(proj_get_source_crs(ctx, crs.get()));
            else
                break;
            if (!crs) return std::nullopt;
        }
        if (proj_get_type(crs.get()) != PJ_TYPE_PROJECTED_CRS) return std::nullopt;
        const PjPtr geodetic(proj_crs_get_geodetic_crs(ctx, crs.get()));
        if (!geodetic) return std::nullopt;
        const PjPtr datum(proj_crs_get_datum(ctx, geodetic.get()));
        const PjPtr ensemble(proj_crs_get_datum_ensemble(ctx, geodetic.get()));
        if (!datum && !ensemble) return std::nullopt;
        const PjPtr cs(
            proj_create_ellipsoidal_2D_cs(ctx, PJ_ELLPS2D_LONGITUDE_LATITUDE, "Radian", 1.0));
        const PjPtr radians(proj_create_geographic_crs_from_datum(
            ctx, "longitude, latitude (radians)", datum ? datum.get() : ensemble.get(), cs.get()));
        PjPtr metres(proj_crs_alter_cs_linear_unit(ctx, crs.get(), "metre", 1.0, "EPSG", "9001"));
        if (!radians || !metres)
            throw Error(path +
                        ": cannot set up the areal scale of the coordinate reference system");
        const PjPtr inverse = operation(ctx, crs.get(), radians.get());
        // Easting, northing in, whatever the CRS's axis order (GDAL's grid coordinates).
        if (inverse) a.to_lonlat_.reset(proj_normalize_for_visualization(ctx, inverse.get()));
        a.factors_ = operation(ctx, radians.get(), metres.get());
        if (!a.to_lonlat_ || !a.factors_)
            throw Error(path +
                        ": cannot set up the areal scale of the coordinate reference system");
        return a;
    }

    // Plane m2 per ground m2 at (x, y); 0 when PROJ cannot place the point on the ellipsoid.
    double at(double x, double y) const {
        proj_errno_reset(to_lonlat_.get());
        const PJ_COORD lp = proj_trans(to_lonlat_.get(), PJ_FWD, proj_coord(x, y, 0, 0));
        if (!std::isfinite(lp.v[0]) || !std::isfinite(lp.v[1]) || lp.v[0] == HUGE_VAL) return 0;
        proj_errno_reset(factors_.get());
        const PJ_FACTORS f = proj_factors(factors_.get(), proj_coord(lp.v[0], lp.v[1], 0, 0));
        if (proj_errno(factors_.get()) != 0 || !std::isfinite(f.areal_scale) ||
            !(f.areal_scale > 0))
            return 0;
        return f.areal_scale;
    }

  private:
    ArealScale() = default;
    // Declared first, destroyed last: the operations belong to the context.
    std::unique_ptr<PJ_CONTEXT, ContextDeleter> ctx_;
    PjPtr to_lonlat_, factors_;
};

// Pixel positions 0, step, 2 step, ... and the last pixel n - 1.
std::vector<int64_t> lattice_nodes(int64_t n, int64_t step) {
    std::vector<int64_t> nodes;
    for (int64_t k = 0; k < n - 1; k += step) nodes.push_back(k);
    nodes.push_back(std::max<int64_t>(n - 1, 0));
    return nodes;
}

// Largest relative error of linear interpolation between consecutive values of v (stride
// apart, count of them) at positions p: h^2 |f''| / 8 with f'' from the three-point divided
// difference, h the longer of the two intervals. Nodes with value 0 (not placed) are skipped.
double interpolation_error(const double* v, size_t stride, const std::vector<int64_t>& p) {
    double worst = 0;
    for (size_t i = 1; i + 1 < p.size(); ++i) {
        const double a = v[(i - 1) * stride], b = v[i * stride], c = v[(i + 1) * stride];
        if (!(a > 0 && b > 0 && c > 0)) continue;
        const auto h1 = static_cast<double>(p[i] - p[i - 1]);
        const auto h2 = static_cast<double>(p[i + 1] - p[i]);
        const double second = 2 * ((c - b) / h2 - (b - a) / h1) / (h1 + h2);
        const double h = std::max(h1, h2);
        worst = std::max(worst, h * h * std::abs(second) / 8 / b);
    }
    return worst;
}

// Refined until the estimated interpolation error is below this (relative): two orders below
// the 1e-6 the areas are checked to (tests/gis/test_pixel_area.cpp).
constexpr double kLatticeTolerance = 1e-8;
// Lattice rows and columns start 8 intervals apart (so the error estimate sees the function's
// shape), and a lattice never has more nodes than this or a sixteenth of the pixels.
constexpr int64_t kFirstIntervals = 8;
constexpr int64_t kMaxNodes = int64_t{1} << 18;

PixelAreas lattice_areas(const RasterInfo& info, const ArealScale& scale, PixelAreaReport& report) {
    const Grid& g = info.grid;
    const double plane = std::abs(g.dx * g.dy) * info.linear_unit_m * info.linear_unit_m;
    const int64_t max_nodes = std::max<int64_t>(kFirstIntervals * kFirstIntervals * 4,
                                                std::min(kMaxNodes, g.cols * g.rows / 16));
    auto first_step = [](int64_t n) {
        return std::max<int64_t>(1, (n - 1 + kFirstIntervals - 1) / kFirstIntervals);
    };
    int64_t step_c = first_step(g.cols), step_r = first_step(g.rows);
    bool rows_only = false;
    std::vector<int64_t> cols, rows;
    std::vector<double> ground;  // ground area of the pixel at each node (m2)
    for (bool first = true;; first = false) {
        // Depending on the row only: one lattice column, taken in the middle of the rows.
        cols = rows_only ? std::vector<int64_t>{0} : lattice_nodes(g.cols, step_c);
        rows = lattice_nodes(g.rows, step_r);
        ground.assign(cols.size() * rows.size(), 0);
        for (size_t j = 0; j < rows.size(); ++j) {
            const double y = g.y0 - (static_cast<double>(rows[j]) + 0.5) * g.dy;
            for (size_t i = 0; i < cols.size(); ++i) {
                const double col =
                    rows_only ? static_cast<double>(g.cols - 1) / 2 : static_cast<double>(cols[i]);
                const double x = g.x0 + (col + 0.5) * g.dx;
                const double s = scale.at(x, y);
                ground[j * cols.size() + i] = s > 0 ? plane / s : 0;
            }
        }
        report.nodes += ground.size();
        const double* v = ground.data();
        if (first && cols.size() > 2) {
            // A scale constant along every lattice row (to rounding of PROJ's numerical
            // derivatives) depends on the row only: one area per row is exact.
            rows_only = true;
            for (size_t j = 0; j < rows.size() && rows_only; ++j)
                for (size_t i = 1; i < cols.size(); ++i) {
                    const double a = v[j * cols.size()], b = v[j * cols.size() + i];
                    if (a > 0 && b > 0 && std::abs(b - a) > 1e-10 * a) rows_only = false;
                }
            if (rows_only) continue;  // again with one column
        }
        double err_c = 0, err_r = 0;
        for (size_t j = 0; j < rows.size(); ++j)
            err_c = std::max(err_c, interpolation_error(v + j * cols.size(), 1, cols));
        for (size_t i = 0; i < cols.size(); ++i)
            err_r = std::max(err_r, interpolation_error(v + i, cols.size(), rows));
        report.interpolation_error = std::max(err_c, err_r);
        const bool refine_c = !rows_only && err_c > kLatticeTolerance && step_c > 1;
        const bool refine_r = err_r > kLatticeTolerance && step_r > 1;
        const auto next_c = refine_c ? (step_c + 1) / 2 : step_c;
        const auto next_r = refine_r ? (step_r + 1) / 2 : step_r;
        const auto next_nodes =
            (rows_only ? 1 : (g.cols - 1) / next_c + 2) * ((g.rows - 1) / next_r + 2);
        if ((!refine_c && !refine_r) || next_nodes > max_nodes) break;
        step_c = next_c;
        step_r = next_r;
    }
    // Pixels PROJ cannot place keep their plane area.
    for (double& a : ground)
        if (!(a > 0)) a = plane;
    report.step_cols = rows_only ? 0 : step_c;
    report.step_rows = step_r;
    if (rows_only) {
        report.method = "areal scale per row (PROJ proj_factors)";
        const PixelAreas column = PixelAreas::lattice({0}, rows, ground);
        std::vector<double> per_row(static_cast<size_t>(g.rows));
        for (int64_t r = 0; r < g.rows; ++r) per_row[static_cast<size_t>(r)] = column.at(0, r);
        return PixelAreas::by_rows(std::move(per_row));
    }
    report.method = "areal scale lattice (PROJ proj_factors), bilinear";
    return PixelAreas::lattice(std::move(cols), std::move(rows), std::move(ground));
}

}  // namespace

double ellipsoidal_quadrangle_area(double lon0, double lon1, double lat0, double lat1, double a,
                                   double f) {
    const double b = a * (1 - f);
    const double e = std::sqrt(f * (2 - f));
    const double dlambda = std::abs(lon1 - lon0) * kDegToRad;
    const double s0 = area_to_equator(clamp_lat(lat0) * kDegToRad, b, e);
    const double s1 = area_to_equator(clamp_lat(lat1) * kDegToRad, b, e);
    return dlambda * std::abs(s1 - s0);
}

std::vector<double> pixel_row_areas(const RasterInfo& info) {
    const Grid& g = info.grid;
    const auto rows = static_cast<size_t>(std::max<int64_t>(g.rows, 0));
    if (!info.geographic)
        return std::vector<double>(rows,
                                   std::abs(g.dx * g.dy) * info.linear_unit_m * info.linear_unit_m);

    // The ellipsoid of the raster's own datum: areas on another ellipsoid differ by up to ~1e-4.
    OGRSpatialReference srs;
    if (srs.importFromWkt(info.crs_wkt.c_str()) != OGRERR_NONE)
        throw Error(info.path + ": cannot read the coordinate reference system for pixel areas");
    OGRErr err = OGRERR_NONE;
    const double a = srs.GetSemiMajor(&err);
    const double inv_f = srs.GetInvFlattening(&err);
    if (err != OGRERR_NONE || !(a > 0))
        throw Error(info.path + ": the coordinate reference system has no usable ellipsoid");
    const double f = inv_f == 0 ? 0 : 1 / inv_f;  // OGR reports a sphere as inverse flattening 0

    std::vector<double> areas(rows);
    for (size_t r = 0; r < rows; ++r) {
        const auto row = static_cast<int64_t>(r);
        areas[r] = ellipsoidal_quadrangle_area(g.x0, g.x0 + g.dx, g.cell_top(row + 1),
                                               g.cell_top(row), a, f);
    }
    return areas;
}

PixelAreas pixel_areas(const RasterInfo& info, AreaConvention convention, PixelAreaReport* report) {
    PixelAreaReport local;
    PixelAreaReport& rep = report ? *report : local;
    rep = PixelAreaReport{};
    if (info.geographic) {
        rep.method = "ellipsoidal quadrangle per row";
        return PixelAreas::by_rows(pixel_row_areas(info));
    }
    if (convention == AreaConvention::Planar || info.grid.cols <= 0 || info.grid.rows <= 0) {
        rep.method = "plane area (CRS units squared)";
        return PixelAreas::by_rows(pixel_row_areas(info));
    }
    const std::optional<ArealScale> scale = ArealScale::open(info.crs_wkt, info.path);
    if (!scale) {
        rep.method = "plane area (the CRS has no geodetic datum)";
        return PixelAreas::by_rows(pixel_row_areas(info));
    }
    return lattice_areas(info, *scale, rep);
}

}  // namespace gg
