#include "assess/raster_plan.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "gis/grid_only_source.hpp"

namespace gg::assess {

RunPlan::Pass& RunPlan::pass(const std::string& raster) {
    if (!ctx_.has_raster(raster)) throw Error("internal: no raster \"" + raster + "\"");
    return passes_[raster];
}

void RunPlan::channels(const std::string& raster, ChannelGroup group) {
    Pass& p = pass(raster);
    for (const auto& g : p.groups)
        if (g.key == group.key) return;  // asked for before: derived once
    for (const auto& g : p.groups)
        for (const auto& n : group.names)
            if (std::find(g.names.begin(), g.names.end(), n) != g.names.end())
                throw Error("internal: channel \"" + n + "\" of \"" + raster + "\" made twice");
    group.keep_distribution.resize(group.names.size(), false);
    p.groups.push_back(std::move(group));
}

void RunPlan::band_channel(const std::string& raster, const std::string& band,
                           bool keep_distribution) {
    band_index(raster, band);  // must exist
    channels(raster, {"band:" + band, {band}, {keep_distribution}, {}});
}

size_t RunPlan::band_index(const std::string& raster, const std::string& band) const {
    const auto& bands = ctx_.raster(raster).bands;
    const auto it = std::find(bands.begin(), bands.end(), band);
    if (it == bands.end())
        throw Error("internal: raster \"" + raster + "\" has no band \"" + band + "\"");
    return static_cast<size_t>(it - bands.begin());
}

void RunPlan::zone_channels(const std::string& raster, const std::vector<std::string>& channels) {
    auto& list = pass(raster).zone_channels;
    for (const auto& c : channels)
        if (std::find(list.begin(), list.end(), c) == list.end()) list.push_back(c);
}

void RunPlan::zone_coverage(const std::string& raster) {
    pass(raster).zone_coverage = true;
}

void RunPlan::shape_channels(const std::string& raster, const std::string& set,
                             std::vector<MultiPolygon> shapes,
                             const std::vector<std::string>& channels) {
    Pass& p = pass(raster);
    for (const auto& s : p.sets)
        if (s.name == set) throw Error("internal: shape set \"" + set + "\" given twice");
    p.sets.push_back({set, std::move(shapes), channels});
}

const ZoneAccumulator& PassResults::at(const Pass& p, const Span& span, size_t i,
                                       const std::string& channel, const std::string& what) {
    const auto it = span.position.find(channel);
    if (it == span.position.end() || i >= span.count)
        throw Error("internal: no channel \"" + channel + "\" accumulated for " + what);
    return p.accumulators[span.first + i][it->second];
}

const ZoneAccumulator& PassResults::zone(const std::string& raster, size_t z,
                                         const std::string& channel) const {
    const auto it = passes_.find(raster);
    if (it == passes_.end()) throw Error("internal: no pass over \"" + raster + "\"");
    return at(it->second, it->second.zones, z, channel, "the zones of " + raster);
}

double PassResults::zone_area(const std::string& raster, size_t z) const {
    const auto it = passes_.find(raster);
    if (it == passes_.end() || z >= it->second.zones.count) return 0;
    const auto& accs = it->second.accumulators[it->second.zones.first + z];
    return accs.empty() ? 0 : accs.front().area_m2();
}

const ZoneAccumulator& PassResults::shape(const std::string& raster, const std::string& set,
                                          size_t s, const std::string& channel) const {
    const auto it = passes_.find(raster);
    if (it == passes_.end()) throw Error("internal: no pass over \"" + raster + "\"");
    const auto span = it->second.sets.find(set);
    if (span == it->second.sets.end()) throw Error("internal: no shape set \"" + set + "\"");
    return at(it->second, span->second, s, channel, set);
}

namespace {

// The job's channel indices for a list of channel names (sorted, so the engine's order is the
// channel order), and each name's position among them.
std::vector<size_t> channel_list(const std::vector<std::string>& names,
                                 const std::map<std::string, size_t>& index,
                                 const std::string& raster, std::map<std::string, size_t>& pos) {
    std::vector<size_t> list;
    for (const auto& n : names) {
        const auto it = index.find(n);
        if (it == index.end())
            throw Error("internal: no channel \"" + n + "\" on raster \"" + raster + "\"");
        list.push_back(it->second);
    }
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    for (const auto& n : names)
        pos[n] =
            static_cast<size_t>(std::find(list.begin(), list.end(), index.at(n)) - list.begin());
    return list;
}

}  // namespace

PassResults run_passes(RunContext& ctx, const RunPlan& plan) {
    PassResults results;
    for (const auto& name : ctx.raster_names()) {
        const auto found = plan.passes_.find(name);
        if (found == plan.passes_.end()) continue;
        RunPlan::Pass pass = found->second;
        const RasterInput& raster = ctx.raster(name);
        // Coverage alone (no family reads this raster's pixels): a window source reads none.
        const bool coverage_only = pass.zone_coverage && pass.zone_channels.empty() &&
                                   pass.groups.empty() && pass.sets.empty() && raster.custom;
        if (pass.zone_coverage && pass.zone_channels.empty()) {
            // Coverage alone: any channel counts every covered pixel; a band if none is derived.
            if (pass.groups.empty())
                pass.groups.push_back(
                    {"band:" + raster.bands.at(0), {raster.bands[0]}, {false}, {}});
            pass.zone_channels.push_back(pass.groups.front().names.front());
        }
        if (pass.zone_channels.empty() && pass.sets.empty()) continue;

        // Channels: every group's names in order; a pass of plain bands in band order needs no
        // derive step at all.
        std::map<std::string, size_t> index;
        std::vector<bool> keep;
        std::vector<std::pair<size_t, const ChannelGroup*>> offsets;
        bool bands_as_they_are = true;
        for (const auto& g : pass.groups) {
            offsets.emplace_back(keep.size(), &g);
            for (size_t i = 0; i < g.names.size(); ++i) {
                index[g.names[i]] = keep.size();
                if (g.derive || plan.band_index(name, g.names[i]) != keep.size())
                    bands_as_they_are = false;
                keep.push_back(g.keep_distribution[i]);
            }
        }
        if (keep.size() != raster.bands.size()) bands_as_they_are = false;

        ZonalJob job;
        if (raster.custom) {
            job.custom = coverage_only ? grid_only_source(*raster.custom) : *raster.custom;
        } else {
            job.raster_path = raster.path;
            job.bands = raster.band_numbers;
        }
        job.keep_distribution = keep;
        job.threads = ctx.threads();
        job.areas = ctx.areas();
        job.coverage_cache = ctx.coverage_cache();
        if (!bands_as_they_are) {
            job.channel_count = keep.size();
            std::vector<std::pair<size_t, size_t>> copies;  // channel <- band
            for (const auto& [first, g] : offsets)
                if (!g->derive) copies.emplace_back(first, plan.band_index(name, g->names[0]));
            job.derive = [offsets, copies](const std::vector<ChannelBuffer>& bands,
                                           std::vector<ChannelBuffer>& out) {
                for (const auto& [channel, band] : copies) out[channel] = bands[band];
                for (const auto& [first, g] : offsets)
                    if (g->derive) g->derive(bands, std::span(out).subspan(first, g->names.size()));
            };
        }

        // Shapes: the zones first, then each family's set.
        PassResults::Pass& out = results.passes_[name];
        std::vector<const MultiPolygon*> shapes;  // held by the zone sets and the plan
        if (!pass.zone_channels.empty()) {
            const ZoneSet& zones = ctx.zones_in(raster.info.crs_wkt);
            const auto list = channel_list(pass.zone_channels, index, name, out.zones.position);
            out.zones = {0, zones.zones.size(), out.zones.position};
            for (const auto& z : zones.zones) {
                shapes.push_back(&z.geometry);
                job.shape_channels.push_back(list);
            }
        }
        for (const auto& set : pass.sets) {
            PassResults::Span span;
            span.first = shapes.size();
            span.count = set.shapes.size();
            const auto list = channel_list(set.channels, index, name, span.position);
            for (const auto& s : set.shapes) {
                shapes.push_back(&s);
                job.shape_channels.push_back(list);
            }
            out.sets[set.name] = span;
        }
        job.progress = ctx.progress(raster.progress_label);
        out.accumulators = run_zonal(job, std::move(shapes));
        ctx.progress_done(raster.progress_label);
    }
    return results;
}

}  // namespace gg::assess
