#pragma once
// A thin RAII layer over the reentrant GEOS C API (one context per object, so threads never share
// one) and conversions between GEOS and core geometry. Internal to gis/.
#include <geos_c.h>

#include <memory>
#include <vector>

#include "core/geometry.hpp"

namespace gg {

class Geos {
  public:
    Geos();
    ~Geos();
    Geos(const Geos&) = delete;
    Geos& operator=(const Geos&) = delete;
    GEOSContextHandle_t handle() const { return h_; }

    struct Deleter {
        GEOSContextHandle_t h;
        void operator()(GEOSGeometry* g) const {
            if (g) GEOSGeom_destroy_r(h, g);
        }
    };
    using Ptr = std::unique_ptr<GEOSGeometry, Deleter>;

    // Takes ownership of g; throws gg::Error naming `what` when g is null (a GEOS failure).
    Ptr own(GEOSGeometry* g, const char* what) const;
    Ptr clone(const GEOSGeometry& g) const;

    // Core -> GEOS: one polygon per part (rings closed as GEOS needs), or a multipolygon.
    Ptr polygon(const Polygon& p) const;
    Ptr multipolygon(const MultiPolygon& g) const;
    // A multipolygon of clones of the given polygons (which must not overlap).
    Ptr collect(const std::vector<const GEOSGeometry*>& polygons) const;
    // The union of any polygons as a multipolygon of non-overlapping parts: only the groups of
    // polygons that meet are unioned (GEOSUnaryUnion), the others are copied.
    Ptr dissolve(const std::vector<Ptr>& polygons) const;

    // GEOS -> core: the polygonal parts of any geometry (points and lines are dropped).
    MultiPolygon to_core(const GEOSGeometry& g) const;
    // The polygons of any geometry, each as its own GEOS geometry.
    std::vector<Ptr> polygons(const GEOSGeometry& g) const;

    // Valid as it is, or GEOS make-valid's polygonal parts.
    Ptr make_valid(Ptr g) const;

    double planar_area(const GEOSGeometry& g) const;
    std::vector<unsigned char> iso_wkb(const GEOSGeometry& g) const;

  private:
    GEOSContextHandle_t h_;
};

// Bounding-box index over a fixed list of geometries (GEOS STRtree); query returns indices.
class GeosIndex {
  public:
    GeosIndex(const Geos& geos, const std::vector<Geos::Ptr>& items);
    ~GeosIndex();
    GeosIndex(const GeosIndex&) = delete;
    GeosIndex& operator=(const GeosIndex&) = delete;
    // Indices (ascending) of the items whose envelope intersects the envelope of g.
    std::vector<size_t> query(const GEOSGeometry& g) const;

  private:
    const Geos& geos_;
    GEOSSTRtree* tree_;
    std::vector<size_t> ids_;  // stable storage: the tree keeps pointers into it
};

}  // namespace gg
