#include "assess/run_context.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "gis/ogr_util.hpp"

namespace gg::assess {

RunContext::RunContext(const Project& project, int threads, Reporter reporter, bool every_zone)
    : project_(project),
      threads_(threads),
      reporter_(std::move(reporter)),
      every_zone_(every_zone) {
    zone_spec_ = project.zones;
    for (const auto& [id, source] : project.zone_inputs)
        if (!source.field.empty()) zone_spec_.attribute_fields.push_back(source.field);
}

void RunContext::warn(const std::string& line) const {
    if (reporter_.warning) reporter_.warning(line);
}

std::function<void(double)> RunContext::progress(const std::string& label) const {
    if (!reporter_.progress) return {};
    auto report = reporter_.progress;
    return [report, label](double done) { report(label, done); };
}

void RunContext::progress_done(const std::string& label) const {
    if (reporter_.progress_done) reporter_.progress_done(label);
}

void RunContext::add_raster(const std::string& name, RasterOpener opener, bool reference) {
    if (has_raster(name)) throw Error("internal: raster \"" + name + "\" registered twice");
    rasters_.push_back({name, std::move(opener), reference, {}, std::nullopt});
}

bool RunContext::has_raster(const std::string& name) const {
    return std::any_of(rasters_.begin(), rasters_.end(),
                       [&](const Raster& r) { return r.name == name; });
}

void RunContext::use_bands(const std::string& raster, const std::vector<std::string>& bands) {
    for (auto& r : rasters_) {
        if (r.name != raster) continue;
        if (r.input) throw Error("internal: bands of \"" + raster + "\" asked after opening");
        for (const auto& b : bands)
            if (std::find(r.bands.begin(), r.bands.end(), b) == r.bands.end()) r.bands.push_back(b);
        return;
    }
    throw Error("internal: no raster \"" + raster + "\"");
}

void RunContext::open_rasters() {
    for (auto& r : rasters_)
        if (!r.input) r.input = r.opener(r.bands);
}

const RasterInput& RunContext::raster(const std::string& name) const {
    for (const auto& r : rasters_)
        if (r.name == name) {
            if (!r.input) throw Error("internal: raster \"" + name + "\" is not open yet");
            return *r.input;
        }
    throw Error("internal: no raster \"" + name + "\"");
}

std::vector<std::string> RunContext::raster_names() const {
    std::vector<std::string> names;
    for (const auto& r : rasters_) names.push_back(r.name);
    return names;
}

ZoneLayerSpec& RunContext::zone_spec() {
    if (!zones_.empty()) throw Error("internal: zone fields added after the zones were read");
    return zone_spec_;
}

const ZoneSet& RunContext::zones() {
    if (!zones_.empty()) return zones_.front().second;
    std::string crs;
    for (const auto& r : rasters_)
        if (r.reference && r.input) crs = r.input->info.crs_wkt;
    if (crs.empty())
        for (const auto& r : rasters_)
            if (r.input) {
                crs = r.input->info.crs_wkt;
                break;
            }
    if (crs.empty()) throw Error(project_.path + ": the project reads no raster");
    zones_.emplace_back(crs, read_zones(zone_spec_, crs));
    return zones_.back().second;
}

ZoneSet RunContext::release_zones() {
    zones();
    ZoneSet set = std::move(zones_.front().second);
    zones_.clear();
    return set;
}

const ZoneSet& RunContext::zones_in(const std::string& crs_wkt) {
    zones();  // the reference set comes first: it carries the fields
    for (const auto& [crs, set] : zones_)
        if (crs == crs_wkt || same_crs(crs, crs_wkt)) return set;
    // The other sets are geometry for a pass: ids only.
    const ZoneLayerSpec spec{zone_spec_.path, zone_spec_.layer, zone_spec_.id_field, "", "", {}};
    zones_.emplace_back(crs_wkt, read_zones(spec, crs_wkt));
    return zones_.back().second;
}

}  // namespace gg::assess
