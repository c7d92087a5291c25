#include "assess/zone_area.hpp"

#include <memory>

#include "gis/geodesic_area.hpp"

namespace gg::assess {

const std::vector<std::optional<double>>& zone_ground_areas(RunContext& ctx,
                                                            const std::string& raster) {
    using Areas = std::vector<std::optional<double>>;
    const RasterInfo& info = ctx.raster(raster).info;
    const bool planar = ctx.areas() == AreaConvention::Planar && !info.geographic;
    const std::string key = planar ? "zone areas, planar in " + info.crs_wkt : "zone areas";
    if (const Areas* cached = ctx.shared<Areas>(key)) return *cached;

    const ZoneSet& zones = ctx.zones();
    auto areas = std::make_shared<Areas>(zones.zones.size());
    if (planar) {
        const ZoneSet& in_crs = ctx.zones_in(info.crs_wkt);
        const double unit2 = info.linear_unit_m * info.linear_unit_m;
        for (size_t z = 0; z < zones.zones.size(); ++z)
            if (!zones.zones[z].source_wkb.empty())
                (*areas)[z] = planar_area(in_crs.zones[z].geometry) * unit2;
    } else {
        const GroundArea measure(zones.source_crs_wkt, AreaConvention::Ellipsoidal,
                                 zones.path + ": zone area");
        for (size_t z = 0; z < zones.zones.size(); ++z)
            if (!zones.zones[z].source_wkb.empty())
                (*areas)[z] = measure.wkb(zones.zones[z].source_wkb);
    }
    for (auto& a : *areas)
        if (a && !(*a > 0)) a.reset();
    ctx.share<Areas>(key, areas);
    return *ctx.shared<Areas>(key);
}

}  // namespace gg::assess
