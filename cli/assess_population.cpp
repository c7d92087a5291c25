#include "cli/assess_population.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "gis/geodesic_area.hpp"
#include "gis/raster_source.hpp"
#include "gis/zonal_engine.hpp"

namespace gg::cli {

ZonePopulation zone_population(const Project& p, const ZoneSet& zones, int threads) {
    ZonePopulation result;
    if (p.population_raster.empty()) {
        for (const auto& z : zones.zones) result.people.push_back(z.population);
        return result;
    }
    // The zones again, in the population raster's own CRS (it may differ from the image's).
    const RasterSource raster = RasterSource::open(p.population_raster);
    const ZoneSet in_raster_crs = read_zones(
        {p.zones.path, p.zones.layer, p.zones.id_field, "", "", {}}, raster.info().crs_wkt);
    ZonalJob job;
    job.raster_path = p.population_raster;
    job.bands = {1};
    job.threads = threads;
    Progress progress("population");
    job.progress = [&](double done) { progress.update(done); };
    std::vector<MultiPolygon> shapes;
    for (const auto& z : in_raster_crs.zones) shapes.push_back(z.geometry);
    const auto acc = run_zonal(job, shapes);
    progress.finish();

    std::vector<std::pair<double, std::string>> partial;
    for (size_t z = 0; z < zones.zones.size(); ++z) {
        const ZoneAccumulator& a = acc[z][0];
        const Zone& zone = zones.zones[z];
        // sum(c * people) over covered valid pixels: the zone's exact share of each pixel.
        result.people.push_back(a.has_values() ? std::optional<double>(a.sum()) : std::nullopt);
        // The zone's area measured the way the raster's pixels are (METHODS.md 1): CRS units in a
        // projected CRS, the ellipsoid in a geographic one, so full coverage gives exactly 1.
        std::optional<double> share;
        if (!zone.source_wkb.empty()) {
            const RasterInfo& info = raster.info();
            const double area = info.geographic
                                    ? geodesic_area_m2(zone.source_wkb, zones.source_crs_wkt)
                                    : planar_area(in_raster_crs.zones[z].geometry) *
                                          info.linear_unit_m * info.linear_unit_m;
            if (area > 0) share = std::min(1.0, a.valid_area_m2() / area);
        }
        result.covered_share.push_back(share);
        if (share && *share < 0.99) partial.emplace_back(*share, zone.id);
    }
    if (!partial.empty()) {
        const auto worst = *std::min_element(partial.begin(), partial.end());
        warn(
            fmt::format("{}: {} zone(s) are not fully covered by valid population pixels; their "
                        "population counts only the covered part (see population_covered_share; "
                        "lowest: zone {} at {:.0f} %)",
                        p.population_raster, partial.size(), worst.second, worst.first * 100));
    }
    return result;
}

}  // namespace gg::cli
