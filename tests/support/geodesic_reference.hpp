#pragma once
// Reference ground areas for the tests, computed apart from gis/: the rings of a polygon whose
// edges are straight in its CRS are densified finely, taken to longitude/latitude on the CRS's own
// datum with PROJ (proj_trans) and measured on its ellipsoid with PROJ's geodesic API
// (geod_polygonarea, Karney 2013, "Algorithms for geodesics", J. Geodesy 87:43).
#include <geodesic.h>
#include <proj.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/geometry.hpp"

namespace gg::test {

class GeodesicReference {
  public:
    // crs: anything proj_create takes (EPSG:32647, WKT, a PROJ string with +type=crs).
    explicit GeodesicReference(const std::string& crs) : ctx_(proj_context_create()) {
        proj_log_level(ctx_, PJ_LOG_NONE);
        crs_ = proj_create(ctx_, crs.c_str());
        if (!crs_) throw std::runtime_error("reference: cannot read " + crs);
        geographic_ = proj_crs_get_geodetic_crs(ctx_, crs_);
        PJ* op = proj_create_crs_to_crs_from_pj(ctx_, crs_, geographic_, nullptr, nullptr);
        to_lonlat_ = proj_normalize_for_visualization(ctx_, op);
        proj_destroy(op);
        PJ* ellipsoid = proj_get_ellipsoid(ctx_, geographic_);
        double a = 0, inv_f = 0;
        proj_ellipsoid_get_parameters(ctx_, ellipsoid, &a, nullptr, nullptr, &inv_f);
        proj_destroy(ellipsoid);
        geod_init(&geod_, a, inv_f == 0 ? 0 : 1 / inv_f);
    }
    ~GeodesicReference() {
        proj_destroy(to_lonlat_);
        proj_destroy(geographic_);
        proj_destroy(crs_);
        proj_context_destroy(ctx_);
    }
    GeodesicReference(const GeodesicReference&) = delete;
    GeodesicReference& operator=(const GeodesicReference&) = delete;

    // Longitude, latitude (degrees) of a point of the CRS (easting/northing or lon/lat order).
    Point lonlat(Point p) const {
        const PJ_COORD c = proj_trans(to_lonlat_, PJ_FWD, proj_coord(p.x, p.y, 0, 0));
        return {c.v[0], c.v[1]};
    }

    // The CRS's coordinates of a longitude, latitude (degrees).
    Point project(Point lonlat) const {
        const PJ_COORD c = proj_trans(to_lonlat_, PJ_INV, proj_coord(lonlat.x, lonlat.y, 0, 0));
        return {c.v[0], c.v[1]};
    }

    // Area (m2) of a ring whose edges are straight in the CRS, densified to `step` CRS units.
    double ring(const Ring& r, double step) const {
        std::vector<double> lats, lons;
        for (size_t i = 0; i < r.size(); ++i) {
            const Point a = r[i], b = r[(i + 1) % r.size()];
            if (i + 1 == r.size() && a.x == b.x && a.y == b.y) break;  // closing vertex
            const int n =
                std::max(1, static_cast<int>(std::ceil(std::hypot(b.x - a.x, b.y - a.y) / step)));
            for (int k = 0; k < n; ++k) {
                const double t = static_cast<double>(k) / n;
                const Point q = lonlat({a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)});
                lons.push_back(q.x);
                lats.push_back(q.y);
            }
        }
        double area = 0, perimeter = 0;
        geod_polygonarea(&geod_, lats.data(), lons.data(), static_cast<int>(lats.size()), &area,
                         &perimeter);
        return std::abs(area);
    }

    double area(const MultiPolygon& g, double step) const {
        double total = 0;
        for (const Polygon& p : g.parts) {
            total += ring(p.exterior, step);
            for (const Ring& h : p.holes) total -= ring(h, step);
        }
        return total;
    }

  private:
    PJ_CONTEXT* ctx_;
    PJ* crs_ = nullptr;
    PJ* geographic_ = nullptr;
    PJ* to_lonlat_ = nullptr;
    geod_geodesic geod_{};
};

}  // namespace gg::test
