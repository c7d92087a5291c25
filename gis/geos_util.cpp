#include "gis/geos_util.hpp"

#include <algorithm>
#include <string>

#include "core/error.hpp"

namespace gg {

namespace {

void ignore_message(const char*, void*) {}

}  // namespace

Geos::Geos() : h_(GEOS_init_r()) {
    if (!h_) throw Error("GEOS cannot be initialised");
    // Messages surface as gg::Error lines from the callers, never on the terminal.
    GEOSContext_setNoticeMessageHandler_r(h_, ignore_message, nullptr);
    GEOSContext_setErrorMessageHandler_r(h_, ignore_message, nullptr);
}

Geos::~Geos() {
    GEOS_finish_r(h_);
}

Geos::Ptr Geos::own(GEOSGeometry* g, const char* what) const {
    if (!g) throw Error(std::string("GEOS failed to compute ") + what);
    return Ptr(g, Deleter{h_});
}

Geos::Ptr Geos::clone(const GEOSGeometry& g) const {
    return own(GEOSGeom_clone_r(h_, &g), "a copy of a geometry");
}

namespace {

void walk_polygons(GEOSContextHandle_t h, const GEOSGeometry* g,
                   std::vector<const GEOSGeometry*>& out);

GEOSGeometry* make_ring(GEOSContextHandle_t h, const Ring& ring) {
    std::vector<double> xy;
    xy.reserve(2 * (ring.size() + 1));
    for (const Point& p : ring) {
        xy.push_back(p.x);
        xy.push_back(p.y);
    }
    if (!ring.empty() && (ring.front().x != ring.back().x || ring.front().y != ring.back().y)) {
        xy.push_back(ring.front().x);
        xy.push_back(ring.front().y);
    }
    const auto n = static_cast<unsigned>(xy.size() / 2);
    GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(h, xy.data(), n, 0, 0);
    return seq ? GEOSGeom_createLinearRing_r(h, seq) : nullptr;
}

Ring ring_of(GEOSContextHandle_t h, const GEOSGeometry* ring) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned n = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &n) || n == 0) return {};
    std::vector<double> xy(2 * static_cast<size_t>(n));
    GEOSCoordSeq_copyToBuffer_r(h, seq, xy.data(), 0, 0);
    Ring out;
    out.reserve(n);
    for (unsigned i = 0; i < n; ++i) out.push_back(Point{xy[2 * i], xy[2 * i + 1]});
    if (out.size() > 1 && out.front().x == out.back().x && out.front().y == out.back().y)
        out.pop_back();
    return out;
}

}  // namespace

Geos::Ptr Geos::polygon(const Polygon& p) const {
    GEOSGeometry* shell = make_ring(h_, p.exterior);
    if (!shell) throw Error("GEOS failed to build a polygon ring");
    std::vector<GEOSGeometry*> holes;
    for (const Ring& r : p.holes) {
        GEOSGeometry* hole = make_ring(h_, r);
        if (!hole) {
            GEOSGeom_destroy_r(h_, shell);
            for (GEOSGeometry* made : holes) GEOSGeom_destroy_r(h_, made);
            throw Error("GEOS failed to build a polygon ring");
        }
        holes.push_back(hole);
    }
    return own(
        GEOSGeom_createPolygon_r(h_, shell, holes.data(), static_cast<unsigned>(holes.size())),
        "a polygon");
}

Geos::Ptr Geos::multipolygon(const MultiPolygon& g) const {
    std::vector<GEOSGeometry*> parts;
    parts.reserve(g.parts.size());
    for (const Polygon& p : g.parts) parts.push_back(polygon(p).release());
    return own(GEOSGeom_createCollection_r(h_, GEOS_MULTIPOLYGON, parts.data(),
                                           static_cast<unsigned>(parts.size())),
               "a multipolygon");
}

Geos::Ptr Geos::collect(const std::vector<const GEOSGeometry*>& polygons) const {
    std::vector<GEOSGeometry*> parts;
    parts.reserve(polygons.size());
    for (const GEOSGeometry* p : polygons) parts.push_back(clone(*p).release());
    return own(GEOSGeom_createCollection_r(h_, GEOS_MULTIPOLYGON, parts.data(),
                                           static_cast<unsigned>(parts.size())),
               "a multipolygon");
}

Geos::Ptr Geos::dissolve(const std::vector<Ptr>& polygons) const {
    // GEOSUnaryUnion of 100,000 mostly disjoint parks takes GEOS 3.11 ~20 s: union only the groups
    // of polygons that meet (connected components through an STRtree and GEOSIntersects); a polygon
    // that meets no other is copied as it is.
    const size_t n = polygons.size();
    std::vector<size_t> parent(n);
    for (size_t i = 0; i < n; ++i) parent[i] = i;
    auto root = [&](size_t i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    };
    {
        const GeosIndex index(*this, polygons);
        for (size_t i = 0; i < n; ++i) {
            const GEOSPreparedGeometry* prepared = nullptr;
            for (size_t j : index.query(*polygons[i])) {
                if (j <= i || root(i) == root(j)) continue;
                if (!prepared) prepared = GEOSPrepare_r(h_, polygons[i].get());
                if (!prepared) throw Error("GEOS failed to prepare a polygon");
                if (GEOSPreparedIntersects_r(h_, prepared, polygons[j].get()) == 1)
                    parent[root(j)] = root(i);
            }
            if (prepared) GEOSPreparedGeom_destroy_r(h_, prepared);
        }
    }
    std::vector<std::vector<size_t>> groups(n);
    for (size_t i = 0; i < n; ++i) groups[root(i)].push_back(i);
    std::vector<GEOSGeometry*> parts;
    for (const auto& group : groups) {
        if (group.empty()) continue;
        if (group.size() == 1) {
            parts.push_back(clone(*polygons[group[0]]).release());
            continue;
        }
        std::vector<GEOSGeometry*> members;
        for (size_t i : group) members.push_back(clone(*polygons[i]).release());
        const Ptr all = own(GEOSGeom_createCollection_r(h_, GEOS_GEOMETRYCOLLECTION, members.data(),
                                                        static_cast<unsigned>(members.size())),
                            "a collection");
        const Ptr merged = own(GEOSUnaryUnion_r(h_, all.get()), "the union of the polygons");
        std::vector<const GEOSGeometry*> polys;
        walk_polygons(h_, merged.get(), polys);
        for (const GEOSGeometry* p : polys) parts.push_back(clone(*p).release());
    }
    return own(GEOSGeom_createCollection_r(h_, GEOS_MULTIPOLYGON, parts.data(),
                                           static_cast<unsigned>(parts.size())),
               "a multipolygon");
}

namespace {

void walk_polygons(GEOSContextHandle_t h, const GEOSGeometry* g,
                   std::vector<const GEOSGeometry*>& out) {
    if (GEOSisEmpty_r(h, g) == 1) return;
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_POLYGON) {
        out.push_back(g);
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) walk_polygons(h, GEOSGetGeometryN_r(h, g, i), out);
    }
}

}  // namespace

MultiPolygon Geos::to_core(const GEOSGeometry& g) const {
    std::vector<const GEOSGeometry*> polys;
    walk_polygons(h_, &g, polys);
    MultiPolygon out;
    out.parts.reserve(polys.size());
    for (const GEOSGeometry* p : polys) {
        Polygon part;
        part.exterior = ring_of(h_, GEOSGetExteriorRing_r(h_, p));
        const int holes = GEOSGetNumInteriorRings_r(h_, p);
        for (int i = 0; i < holes; ++i)
            part.holes.push_back(ring_of(h_, GEOSGetInteriorRingN_r(h_, p, i)));
        out.parts.push_back(std::move(part));
    }
    return out;
}

std::vector<Geos::Ptr> Geos::polygons(const GEOSGeometry& g) const {
    std::vector<const GEOSGeometry*> polys;
    walk_polygons(h_, &g, polys);
    std::vector<Ptr> out;
    out.reserve(polys.size());
    for (const GEOSGeometry* p : polys) out.push_back(clone(*p));
    return out;
}

Geos::Ptr Geos::make_valid(Ptr g) const {
    if (GEOSisValid_r(h_, g.get()) == 1) return g;
    const Ptr valid = own(GEOSMakeValid_r(h_, g.get()), "a valid geometry (make-valid)");
    std::vector<const GEOSGeometry*> polys;
    walk_polygons(h_, valid.get(), polys);
    return collect(polys);
}

double Geos::planar_area(const GEOSGeometry& g) const {
    double area = 0;
    if (!GEOSArea_r(h_, &g, &area)) throw Error("GEOS failed to compute an area");
    return area;
}

std::vector<unsigned char> Geos::iso_wkb(const GEOSGeometry& g) const {
    GEOSWKBWriter* writer = GEOSWKBWriter_create_r(h_);
    GEOSWKBWriter_setByteOrder_r(h_, writer, GEOS_WKB_NDR);
    GEOSWKBWriter_setFlavor_r(h_, writer, GEOS_WKB_ISO);
    size_t size = 0;
    unsigned char* buf = GEOSWKBWriter_write_r(h_, writer, &g, &size);
    GEOSWKBWriter_destroy_r(h_, writer);
    if (!buf) throw Error("GEOS failed to write a geometry as WKB");
    std::vector<unsigned char> out(buf, buf + size);
    GEOSFree_r(h_, buf);
    return out;
}

GeosIndex::GeosIndex(const Geos& geos, const std::vector<Geos::Ptr>& items)
    : geos_(geos), tree_(GEOSSTRtree_create_r(geos.handle(), 10)), ids_(items.size()) {
    if (!tree_) throw Error("GEOS failed to create a spatial index");
    for (size_t i = 0; i < items.size(); ++i) {
        ids_[i] = i;
        GEOSSTRtree_insert_r(geos_.handle(), tree_, items[i].get(), &ids_[i]);
    }
}

GeosIndex::~GeosIndex() {
    GEOSSTRtree_destroy_r(geos_.handle(), tree_);
}

std::vector<size_t> GeosIndex::query(const GEOSGeometry& g) const {
    std::vector<size_t> hits;
    if (ids_.empty()) return hits;
    GEOSSTRtree_query_r(
        geos_.handle(), tree_, &g,
        [](void* item, void* user) {
            static_cast<std::vector<size_t>*>(user)->push_back(*static_cast<size_t*>(item));
        },
        &hits);
    std::sort(hits.begin(), hits.end());
    return hits;
}

}  // namespace gg
