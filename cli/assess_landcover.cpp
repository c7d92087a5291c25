#include "cli/assess_landcover.hpp"

#include <cmath>
#include <set>

#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "gis/raster_source.hpp"
#include "gis/zonal_engine.hpp"

namespace gg::cli {

std::vector<LandCoverMetrics> measure_landcover(const Project& p, int threads) {
    if (p.landcover.empty()) return {};
    const RasterSource raster = RasterSource::open(p.landcover);
    raster.check_band(p.landcover_band);
    const ZoneSet zones = read_zones({p.zones.path, p.zones.layer, p.zones.id_field, "", "", {}},
                                     raster.info().crs_wkt);
    ZonalJob job;
    job.raster_path = p.landcover;
    job.bands = {p.landcover_band};
    job.channel_count = kLandCoverChannels;
    job.keep_distribution = {true, false, false};  // the classes present, for the check below
    const LandCoverClasses classes = p.landcover_classes;
    job.derive = [classes](const std::vector<ChannelBuffer>& in, std::vector<ChannelBuffer>& out) {
        derive_landcover_channels(in[0], classes, out);
    };
    job.threads = threads;
    Progress progress("land cover");
    job.progress = [&](double done) { progress.update(done); };
    std::vector<MultiPolygon> shapes;
    for (const auto& z : zones.zones) shapes.push_back(z.geometry);
    const auto acc = run_zonal(job, shapes);
    progress.finish();

    std::set<long long> present;
    std::vector<LandCoverMetrics> metrics;
    for (const auto& a : acc) {
        for (double v : a[0].classes()) present.insert(std::llround(v));
        metrics.push_back(landcover_metrics(a, classes));
    }
    std::set<long long> absent;
    for (const auto* list : {&classes.green, &classes.tree})
        for (long long code : *list)
            if (!present.count(code)) absent.insert(code);
    if (!absent.empty()) {
        std::string codes;
        for (long long code : absent)
            codes.append(codes.empty() ? "" : ", ").append(std::to_string(code));
        std::string message = p.landcover;
        message.append(": class code(s) ").append(codes);
        message.append(
            " of the project's class lists occur in no zone (check the codes against "
            "the raster's legend)");
        warn(message);
    }
    return metrics;
}

}  // namespace gg::cli
