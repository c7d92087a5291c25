// Exposure of residents to surface heat (assess/family_heat_exposure.hpp).
#include "assess/family_heat_exposure.hpp"

#include <fmt/format.h>

#include "assess/family_heat.hpp"
#include "assess/family_imagery.hpp"
#include "assess/project_reader.hpp"
#include "assess/raster_plan.hpp"
#include "core/exposure.hpp"

namespace gg::assess {

std::vector<MetricInfo> exposure_metrics() {
    const char* b = kImageryBasis;
    const char* src = "docs/methods.md 7.5";
    return {
        {"lst_pop_weighted_k", "K",
         "population-weighted mean land surface temperature: sum p LST / sum p over the zone's "
         "valid LST pixels, p the residents on a pixel (zones.population_raster moved onto the "
         "thermal grid by area, exact coverage)",
         src, true, b},
        {"lst_pop_valid_share", "1",
         "share of the zone's residents (on the image) who live on pixels with a valid LST", src,
         true, b},
        {"pop_in_hotspots", "persons",
         "residents on pixels that are Gi* hot spots of LST (the threshold of hotspot_share)", src,
         true, b},
    };
}

std::vector<std::string> exposure_columns(bool hotspots) {
    std::vector<std::string> c = {"lst_pop_weighted_k", "lst_pop_valid_share"};
    if (hotspots) c.emplace_back("pop_in_hotspots");
    return c;
}

std::string exposure_population(const ProjectReader& r) {
    const auto zones = r.section("zones");
    if (!zones) return "";
    return r.path_value(*zones, "population_raster", "zones", false);
}

void ExposureRun::plan(RunPlan& plan, ChannelGroup& heat) const {
    const size_t people = plan.band_index(kHeatRaster, kHeatPeopleBand);
    // The channels follow the group's so far and are derived from its LST, channel 0.
    const size_t first = heat.names.size();
    heat.key += " exposure";
    for (const std::string& name : exposure_channel_names()) {
        heat.names.push_back(name);
        heat.keep_distribution.push_back(false);
    }
    heat.derive = [heat_derive = std::move(heat.derive), first, people](
                      const std::vector<ChannelBuffer>& b, std::span<ChannelBuffer> out) {
        heat_derive(b, out.first(first));
        derive_exposure_channels(out[0], b[people], out.subspan(first, kExposureChannels));
    };
    plan.zone_channels(kHeatRaster, exposure_channel_names());
}

void ExposureRun::finish(const PassResults& results, ZoneMetrics& m,
                         const std::string& proxy) const {
    for (size_t z = 0; z < m.zones(); ++z) {
        if (results.zone_area(kHeatRaster, z) <= 0) {
            m.missing(z, "lst_pop_weighted_k", "zone outside the image");
            m.missing(z, "lst_pop_valid_share", "zone outside the image");
            continue;
        }
        std::vector<ZoneAccumulator> acc;
        for (const auto& n : exposure_channel_names())
            acc.push_back(results.zone(kHeatRaster, z, n));
        const ExposureZoneMetrics e = exposure_zone_metrics(acc);
        for (const auto& [id, v] : {std::pair{"lst_pop_weighted_k", &e.lst_pop_weighted_k},
                                    std::pair{"lst_pop_valid_share", &e.lst_pop_valid_share}}) {
            if (v->value)
                m.set(z, id, *v->value, proxy);
            else
                m.missing(z, id, v->reason);
        }
    }
}

}  // namespace gg::assess
