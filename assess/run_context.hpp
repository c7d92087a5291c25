#pragma once
// What the families of one run share: the project, the reporter (warnings, progress), the zones
// in each CRS they are needed in, the rasters the passes read, and objects one family makes for
// another (the dissolved green-space layer). Prints nothing itself.
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "assess/project.hpp"
#include "core/ground_area_cache.hpp"
#include "gis/raster_source.hpp"
#include "gis/zonal_engine.hpp"
#include "gis/zone_reader.hpp"

namespace gg::assess {

// Where warnings and progress go; the caller decides (the CLI prints them, a batch logs them).
struct Reporter {
    std::function<void(const std::string& line)> warning;
    std::function<void(const std::string& label, double done)> progress;  // done in 0..1
    std::function<void(const std::string& label)> progress_done;
};

// A raster one pass reads: its grid and CRS, and the bands every window of the pass holds.
struct RasterInput {
    std::string name;                // how families refer to it: "imagery", "population", ...
    std::string label;               // the path, or "3 products (median)": for messages
    std::string progress_label;      // the label of its pass's progress line
    RasterInfo info;                 // grid and CRS (pixel areas)
    std::vector<std::string> bands;  // the bands' names, in the order a window holds them
    std::string path;                // bands of one file (band_numbers), or
    std::vector<int> band_numbers;
    std::optional<CustomWindowSource> custom;  // a window source (channel k = bands[k])
};

// Opens a raster with the bands the families asked for (their union, in order of request).
using RasterOpener = std::function<RasterInput(const std::vector<std::string>& bands)>;

class RunContext {
  public:
    // every_zone: summary tables list every zone or group instead of a selection.
    RunContext(const Project& project, int threads, Reporter reporter, bool every_zone = false);

    const Project& project() const { return project_; }
    int threads() const { return threads_; }
    // How every area of the run is measured (the project's `areas`): pixel areas of every pass,
    // polygon areas, zone areas of the coverage shares, access buffers.
    AreaConvention areas() const { return project_.areas; }
    bool every_zone() const { return every_zone_; }
    // Coverage kept across the passes of this run and of other runs sharing the cache (a batch's
    // dates); none by default.
    void use_coverage_cache(std::shared_ptr<CoverageCache> cache) {
        coverage_cache_ = std::move(cache);
    }
    const std::shared_ptr<CoverageCache>& coverage_cache() const { return coverage_cache_; }
    // The zones' ground areas kept across runs (a batch's tasks); none by default.
    void use_ground_area_cache(std::shared_ptr<GroundAreaCache> cache) {
        ground_area_cache_ = std::move(cache);
    }
    const std::shared_ptr<GroundAreaCache>& ground_area_cache() const { return ground_area_cache_; }
    void warn(const std::string& line) const;
    // A progress callback for a pass, and its end.
    std::function<void(double)> progress(const std::string& label) const;
    void progress_done(const std::string& label) const;

    // Rasters: registered by the family that owns them (reference: the grid the zones are read
    // on first, the imagery), asked for bands by any family, opened once every family started.
    void add_raster(const std::string& name, RasterOpener opener, bool reference = false);
    bool has_raster(const std::string& name) const;
    void use_bands(const std::string& raster, const std::vector<std::string>& bands);
    void open_rasters();
    const RasterInput& raster(const std::string& name) const;
    std::vector<std::string> raster_names() const;  // in order of registration

    // The zone layer as read (families may add fields before the zones are first read).
    ZoneLayerSpec& zone_spec();
    // The zones (ids, names, attributes, population field) in the reference raster's CRS.
    const ZoneSet& zones();
    // The same zones in another CRS (read once per CRS).
    const ZoneSet& zones_in(const std::string& crs_wkt);
    // The reference zone set, moved out for the run's result once no family needs it: dense
    // boundaries (5 million vertices are about 150 MB as geometry and WKB) are then held once, not
    // copied. zones() must not be called after.
    ZoneSet release_zones();

    // Objects one family makes and others read, by key.
    template <typename T>
    void share(const std::string& key, std::shared_ptr<const T> object) {
        shared_[key] = std::move(object);
    }
    template <typename T>
    const T* shared(const std::string& key) const {
        const auto it = shared_.find(key);
        return it == shared_.end() ? nullptr : static_cast<const T*>(it->second.get());
    }

  private:
    struct Raster {
        std::string name;
        RasterOpener opener;
        bool reference = false;
        std::vector<std::string> bands;
        std::optional<RasterInput> input;
    };

    const Project& project_;
    int threads_;
    Reporter reporter_;
    bool every_zone_ = false;
    std::shared_ptr<CoverageCache> coverage_cache_;
    std::shared_ptr<GroundAreaCache> ground_area_cache_;
    std::vector<Raster> rasters_;
    ZoneLayerSpec zone_spec_;
    std::deque<std::pair<std::string, ZoneSet>> zones_;  // by CRS; the first is the reference
    std::map<std::string, std::shared_ptr<const void>> shared_;
};

}  // namespace gg::assess
