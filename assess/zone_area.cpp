#include "assess/zone_area.hpp"

#include <oneapi/tbb/parallel_for.h>

#include <memory>

#include "gis/geodesic_area.hpp"
#include "gis/parallel.hpp"

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
        // Zones on all the arena's threads: a geodesic area costs about a microsecond per vertex,
        // seconds for digitised boundaries of millions of vertices. Each zone's area is computed
        // alone, so the values do not depend on the threads. A GroundArea per thread: its PROJ
        // transformation must not be shared.
        const std::string what = zones.path + ": zone area";
        auto make = [&] {
            return GroundArea(zones.source_crs_wkt, AreaConvention::Ellipsoidal, what);
        };
        PerThread<GroundArea> measures = per_thread(make(), make);
        // A batch's tasks of one zone set measure each zone once (core/ground_area_cache.hpp).
        const std::shared_ptr<GroundAreaCache>& cache = ctx.ground_area_cache();
        tbb::parallel_for(size_t{0}, zones.zones.size(), [&](size_t z) {
            const std::vector<unsigned char>& wkb = zones.zones[z].source_wkb;
            if (wkb.empty()) return;
            auto measure = [&]() -> std::optional<double> { return measures.local().wkb(wkb); };
            (*areas)[z] = cache ? cache->area(wkb, zones.source_crs_wkt, measure) : measure();
        });
    }
    for (auto& a : *areas)
        if (a && !(*a > 0)) a.reset();
    ctx.share<Areas>(key, areas);
    return *ctx.shared<Areas>(key);
}

}  // namespace gg::assess
