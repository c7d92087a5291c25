#include "gis/reproducible_gpkg.hpp"

#include <cpl_conv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <memory>

#include "core/error.hpp"
#include "gis/gdal_setup.hpp"

namespace gg {

namespace {
constexpr const char* kOption = "OGR_CURRENT_DATE";
}

ReproducibleGpkgTime::ReproducibleGpkgTime() {
    if (const char* v = CPLGetThreadLocalConfigOption(kOption, nullptr)) previous_ = v;
    CPLSetThreadLocalConfigOption(kOption, "1970-01-01T00:00:00.000Z");
}

ReproducibleGpkgTime::~ReproducibleGpkgTime() {
    CPLSetThreadLocalConfigOption(kOption, previous_ ? previous_->c_str() : nullptr);
}

std::vector<unsigned char> reproject_wkb(const std::vector<unsigned char>& wkb,
                                         const std::string& from_wkt, const std::string& to_wkt) {
    if (wkb.empty() || from_wkt == to_wkt) return wkb;
    init_gdal();
    const QuietGdalErrors quiet;
    OGRSpatialReference from, to;
    if (from.importFromWkt(from_wkt.c_str()) != OGRERR_NONE ||
        to.importFromWkt(to_wkt.c_str()) != OGRERR_NONE)
        throw Error("cannot read a zone set's CRS");
    from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    to.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (from.IsSame(&to)) return wkb;
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), &from, &raw, wkb.size()) != OGRERR_NONE)
        throw Error("a zone geometry is not valid WKB");
    std::unique_ptr<OGRGeometry> g(raw);
    if (g->transformTo(&to) != OGRERR_NONE)
        throw Error("a zone geometry cannot be transformed to the merged layer's CRS");
    std::vector<unsigned char> out(g->WkbSize());
    g->exportToWkb(wkbNDR, out.data(), wkbVariantIso);
    return out;
}

}  // namespace gg
