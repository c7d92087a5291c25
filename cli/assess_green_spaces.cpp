#include "cli/assess_green_spaces.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "cli/common.hpp"
#include "gis/ogr_util.hpp"
#include "gis/raster_source.hpp"
#include "gis/zonal_engine.hpp"

namespace gg::cli {
namespace {

std::vector<MultiPolygon> shapes_of(const ZoneSet& zones) {
    std::vector<MultiPolygon> shapes;
    for (const auto& z : zones.zones) shapes.push_back(z.geometry);
    return shapes;
}

// Imagery green (NDVI >= threshold) inside each geometry, m2.
std::vector<double> imagery_green_m2(const Project& p, const ImagerySource& imagery,
                                     const std::vector<MultiPolygon>& shapes, int threads) {
    ZonalJob job;
    read_red_nir(p, imagery, job);
    job.channel_count = 2;
    const double threshold = p.ndvi_threshold;
    job.derive = [threshold](const std::vector<ChannelBuffer>& in,
                             std::vector<ChannelBuffer>& out) {
        derive_ndvi_green(in[0], in[1], threshold, out[0], out[1]);
    };
    job.threads = threads;
    const auto acc = run_zonal(job, shapes);
    std::vector<double> green;
    for (const auto& a : acc) green.push_back(a[1].area_weighted_sum());
    return green;
}

// Share of each zone's residents within the access area: with a population raster, people
// summed with exact coverage over zone ∩ access (in the raster's CRS); otherwise residents spread
// uniformly, so the share of the zone's area.
std::vector<std::optional<double>> access_shares(const Project& p, const ZoneSet& zones,
                                                 const GreenLayer& layer,
                                                 const ZonePopulation& population, int threads) {
    std::vector<std::optional<double>> shares(zones.zones.size());
    AccessReport report;
    if (p.population_raster.empty()) {
        const auto access = access_areas(layer, shapes_of(zones), layer.crs_wkt, p.access, &report);
        for (size_t z = 0; z < zones.zones.size(); ++z) {
            const double zone_area = planar_area(zones.zones[z].geometry);
            // Clamped: the intersection may exceed the zone by rounding.
            if (zone_area > 0) shares[z] = std::min(1.0, planar_area(access[z]) / zone_area);
        }
        warn(
            "no population raster: residents are taken as spread uniformly over each zone for "
            "pop_within_300m_share (an area share)");
    } else {
        // Access areas in the population raster's CRS; the zones and the dissolved green layer
        // are read again only when that CRS differs from the image's.
        const RasterSource raster = RasterSource::open(p.population_raster);
        const std::string crs = raster.info().crs_wkt;
        const bool same = same_crs(crs, layer.crs_wkt);
        std::optional<ZoneSet> zones_in_crs;
        std::optional<GreenLayer> layer_in_crs;
        if (!same) {
            zones_in_crs =
                read_zones({p.zones.path, p.zones.layer, p.zones.id_field, "", "", {}}, crs);
            layer_in_crs = read_green_layer(p.green_spaces, crs);
        }
        const auto access =
            access_areas(same ? layer : *layer_in_crs, shapes_of(same ? zones : *zones_in_crs), crs,
                         p.access, &report);
        ZonalJob job;
        job.raster_path = p.population_raster;
        job.bands = {1};
        job.threads = threads;
        const auto acc = run_zonal(job, access);
        for (size_t z = 0; z < zones.zones.size(); ++z) {
            const auto& people = population.people[z];
            if (people && *people > 0) shares[z] = std::min(1.0, acc[z][0].sum() / *people);
        }
    }
    for (const auto& note : report.notes) warn(note);
    return shares;
}

}  // namespace

void measure_green_spaces(const Project& p, const ImagerySource& imagery, const ZoneSet& zones,
                          const ZonePopulation& population, int threads,
                          std::vector<GreenCoverMetrics>& metrics) {
    if (p.green_spaces.path.empty()) return;
    const std::string& image_crs = imagery.crs_wkt;
    const GreenLayer layer = read_green_layer(p.green_spaces, image_crs);
    for (const auto& w : layer.warnings) warn(w);
    const auto per_zone = green_polygons_per_zone(layer, shapes_of(zones), image_crs);
    std::vector<MultiPolygon> outside;
    for (const auto& m : per_zone) outside.push_back(m.zone_outside_green);
    const std::vector<double> green_outside = imagery_green_m2(p, imagery, outside, threads);
    // A layer that says nothing about public access gives no accessibility figures unless the
    // project asks to count every green space (access: {public_only: false}).
    std::vector<std::optional<double>> shares(zones.zones.size());
    if (layer.public_known || !p.access.public_only)
        shares = access_shares(p, zones, layer, population, threads);
    else
        warn(p.green_spaces.path +
             ": no public_field, so pop_within_300m_share is not computed (set green_spaces."
             "public_field, or access: {public_only: false} to count every green space)");

    for (size_t z = 0; z < metrics.size(); ++z) {
        GreenCoverMetrics& m = metrics[z];
        m.green_polygon_area_m2 = per_zone[z].green_polygon_area_m2;
        if (layer.public_known) m.public_green_area_m2 = per_zone[z].public_green_area_m2;
        // Polygons first, then imagery green only where no polygon is: nothing counted twice.
        m.green_combined_area_m2 = per_zone[z].green_polygon_area_m2 + green_outside[z];
        if (m.population && *m.population > 0)
            m.green_combined_m2_per_capita = *m.green_combined_area_m2 / *m.population;
        m.pop_within_300m_share = shares[z];
        if (shares[z])
            // The "300" of 3-30-300 asks for every home (Konijnendijk 2023; METHODS.md 5).
            m.access_300_met = *shares[z] >= 1.0 - 1e-9 ? 1.0 : 0.0;
    }
}

}  // namespace gg::cli
