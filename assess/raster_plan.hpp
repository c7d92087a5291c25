#pragma once
// One read per raster: every family that needs pixels of a raster asks the plan for named
// channels (derived from the raster's bands) over the zones or over shape sets of its own (zone
// minus parks, access areas); run_passes then reads each raster once, in one streaming pass of
// the exact-coverage engine that serves them all, with each shape's coverage computed once per
// window and applied to every channel.
#include <functional>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "assess/run_context.hpp"
#include "core/accumulator.hpp"
#include "core/channel.hpp"
#include "core/geometry.hpp"

namespace gg::assess {

// Channels derived together from a raster's bands (for example NDVI and its threshold masks).
struct ChannelGroup {
    std::string key;                      // a group asked for twice (same key) is derived once
    std::vector<std::string> names;       // the channels it makes, in order
    std::vector<bool> keep_distribution;  // per channel: quantiles / classes wanted
    // bands: the raster's bands in RasterInput::bands order; out: one buffer per name. Must be
    // thread-safe (called concurrently on different windows).
    std::function<void(const std::vector<ChannelBuffer>& bands, std::span<ChannelBuffer> out)>
        derive;
};

class RunPlan {
  public:
    explicit RunPlan(RunContext& ctx) : ctx_(ctx) {}

    // Derived channels on a raster, and a channel that is a band as it is (named after it).
    void channels(const std::string& raster, ChannelGroup group);
    void band_channel(const std::string& raster, const std::string& band,
                      bool keep_distribution = false);
    // Position of a band in the windows the derive functions get.
    size_t band_index(const std::string& raster, const std::string& band) const;

    // Accumulate these channels over the zones (read in the raster's CRS).
    void zone_channels(const std::string& raster, const std::vector<std::string>& channels);
    // The zones in the pass whatever channels they get, for PassResults::zone_area.
    void zone_coverage(const std::string& raster);
    // ... and over shapes of a set of the family's own (in the raster's CRS).
    void shape_channels(const std::string& raster, const std::string& set,
                        std::vector<MultiPolygon> shapes, const std::vector<std::string>& channels);

  private:
    friend class PassResults;
    friend PassResults run_passes(RunContext& ctx, const RunPlan& plan);
    struct ShapeSet {
        std::string name;
        std::vector<MultiPolygon> shapes;
        std::vector<std::string> channels;
    };
    struct Pass {
        std::vector<ChannelGroup> groups;
        std::vector<std::string> zone_channels;
        bool zone_coverage = false;
        std::vector<ShapeSet> sets;
    };
    Pass& pass(const std::string& raster);

    RunContext& ctx_;
    std::map<std::string, Pass> passes_;
};

// The accumulators of every pass, looked up by raster, shape and channel name.
class PassResults {
  public:
    // Zone z over the raster (the zones in the raster's CRS, in zone order).
    const ZoneAccumulator& zone(const std::string& raster, size_t z,
                                const std::string& channel) const;
    // Shape s of a family's set.
    const ZoneAccumulator& shape(const std::string& raster, const std::string& set, size_t s,
                                 const std::string& channel) const;
    // The ground area of zone z the raster covers (nodata included; 0 when outside).
    double zone_area(const std::string& raster, size_t z) const;
    bool has(const std::string& raster) const { return passes_.count(raster) != 0; }
    int passes() const { return static_cast<int>(passes_.size()); }

  private:
    friend PassResults run_passes(RunContext& ctx, const RunPlan& plan);
    struct Span {
        size_t first = 0;  // index of the set's first shape in the pass
        size_t count = 0;
        std::map<std::string, size_t> position;  // channel -> index in the shape's accumulators
    };
    struct Pass {
        std::vector<std::vector<ZoneAccumulator>> accumulators;  // per shape
        Span zones;
        std::map<std::string, Span> sets;
    };
    static const ZoneAccumulator& at(const Pass& p, const Span& span, size_t i,
                                     const std::string& channel, const std::string& what);
    std::map<std::string, Pass> passes_;
};

// Reads every raster the plan names once, in the order the rasters were registered.
PassResults run_passes(RunContext& ctx, const RunPlan& plan);

}  // namespace gg::assess
