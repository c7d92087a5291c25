// Land cover as a green source: class codes mapped to green and tree by the project file
// (docs/methods.md 4: class-to-category maps are data, never hard-coded), measured with exact
// coverage in one pass over the land-cover raster (zones in its own CRS). A tree-class share
// replaces the NDVI canopy proxy (a map of trees beats a vegetation-index threshold).
#include <cmath>
#include <set>

#include "assess/family.hpp"
#include "assess/project_reader.hpp"
#include "assess/raster_plan.hpp"
#include "core/landcover.hpp"
#include "gis/raster_source.hpp"

namespace gg::assess {
namespace {

constexpr const char* kRaster = "landcover";
constexpr const char* kBasis = "landcover";

struct LandCoverSettings : FamilySettings {
    std::string path;
    int band = 1;
    LandCoverClasses classes;
};

const char* const kChannels[] = {"landcover_class", "landcover_green", "landcover_tree"};

class LandCoverRun : public FamilyRun {
  public:
    explicit LandCoverRun(const LandCoverSettings& s) : s_(s) {}

    void plan(RunContext& /*ctx*/, RunPlan& plan) override {
        const LandCoverClasses classes = s_.classes;
        ChannelGroup group;
        group.key = "landcover";
        group.names = {std::begin(kChannels), std::end(kChannels)};
        group.keep_distribution = {true, false, false};  // the classes present, for the check
        group.derive = [classes](const std::vector<ChannelBuffer>& bands,
                                 std::span<ChannelBuffer> out) {
            // The buffers change hands, so their memory is reused window after window.
            std::vector<ChannelBuffer> channels(kLandCoverChannels);
            for (size_t k = 0; k < kLandCoverChannels; ++k) std::swap(channels[k], out[k]);
            derive_landcover_channels(bands[0], classes, channels);
            for (size_t k = 0; k < kLandCoverChannels; ++k) std::swap(channels[k], out[k]);
        };
        plan.channels(kRaster, std::move(group));
        plan.zone_channels(kRaster, {std::begin(kChannels), std::end(kChannels)});
    }

    void finish(RunContext& ctx, const PassResults& results, ZoneMetrics& m) override {
        std::set<long long> present;
        const bool canopy = ctx.project().uses("green");
        const std::string outside = "zone outside the land-cover raster";
        for (size_t z = 0; z < m.zones(); ++z) {
            std::vector<ZoneAccumulator> acc;
            for (const char* c : kChannels) acc.push_back(results.zone(kRaster, z, c));
            for (double v : acc[0].classes()) present.insert(std::llround(v));
            const LandCoverMetrics lc = landcover_metrics(acc, s_.classes);
            m.put(z, "landcover_green_area_m2", lc.green_area_m2, outside);
            m.put(z, "landcover_green_share", lc.green_share, outside);
            if (!s_.classes.tree.empty()) m.put(z, "landcover_tree_share", lc.tree_share, outside);
            if (canopy && lc.tree_share) {
                // The tree map replaces the NDVI proxy, and the "30" of 3-30-300 is recomputed.
                m.set(z, "tree_canopy_share", *lc.tree_share);
                m.set(z, "canopy_30_met", *lc.tree_share >= 0.30 ? 1.0 : 0.0);
                m.set_basis(z, "tree_canopy_share", kBasis);
                m.set_basis(z, "canopy_30_met", kBasis);
            }
        }
        std::set<long long> absent;
        for (const auto* list : {&s_.classes.green, &s_.classes.tree})
            for (long long code : *list)
                if (!present.count(code)) absent.insert(code);
        if (absent.empty()) return;
        std::string codes;
        for (long long code : absent)
            codes.append(codes.empty() ? "" : ", ").append(std::to_string(code));
        ctx.warn(s_.path + ": class code(s) " + codes +
                 " of the project's class lists occur in no zone (check the codes against the "
                 "raster's legend)");
    }

  private:
    const LandCoverSettings& s_;
};

class LandCoverFamily : public Family {
  public:
    std::string id() const override { return "landcover"; }
    std::string summary() const override {
        return "a land-cover raster as a second green source: green and tree classes with exact "
               "coverage; a tree map replaces the NDVI canopy proxy";
    }
    std::vector<ProjectKey> keys() const override {
        return {{"landcover", "source", "a land-cover raster (e.g. ESA WorldCover)"},
                {"landcover", "band", "its band (1)"},
                {"landcover", "green_classes", "class codes that count as green"},
                {"landcover", "tree_classes", "class codes of tree cover (optional)"}};
    }
    std::vector<MetricInfo> metrics() const override {
        return {{"landcover_green_area_m2", "m2",
                 "area of the land-cover classes listed as green (landcover.green_classes)",
                 "docs/methods.md 4; exact coverage", true, kBasis},
                {"landcover_green_share", "1", "share of the classified area in green classes",
                 "docs/methods.md 4", true, kBasis},
                {"landcover_tree_share", "1",
                 "share of the classified area in tree classes; replaces the NDVI canopy proxy in "
                 "tree_canopy_share when given",
                 "docs/methods.md 4 and 5", true, kBasis}};
    }
    std::shared_ptr<const FamilySettings> read(const ProjectReader& r) const override {
        const auto lc = r.section("landcover");
        if (!lc) return nullptr;
        auto s = std::make_shared<LandCoverSettings>();
        s->path = r.path_value(*lc, "source", "landcover", true);
        if ((*lc)["band"]) s->band = r.positive_int(*lc, "band", "landcover");
        auto codes = [&](const char* key, std::set<long long>& out, bool required) {
            const YAML::Node list = (*lc)[key];
            if (!list) {
                if (required) r.fail(std::string("\"landcover.") + key + "\" is required");
                return;
            }
            if (!list.IsSequence() || list.size() == 0)
                r.fail(list,
                       std::string("\"landcover.") + key + "\" must be a list of class codes");
            for (const auto& item : list) {
                long long code = 0;
                if (!item.IsScalar() || !YAML::convert<long long>::decode(item, code))
                    r.fail(item,
                           std::string("\"landcover.") + key + "\" holds class codes (integers)");
                out.insert(code);
            }
        };
        codes("green_classes", s->classes.green, true);
        codes("tree_classes", s->classes.tree, false);
        return s;
    }
    std::vector<std::string> columns(const FamilySettings& fs) const override {
        if (settings_as<LandCoverSettings>(fs).classes.tree.empty())
            return {"landcover_green_area_m2", "landcover_green_share"};
        return {"landcover_green_area_m2", "landcover_green_share", "landcover_tree_share"};
    }
    std::vector<RunInput> inputs(const FamilySettings& fs) const override {
        return {{"landcover", settings_as<LandCoverSettings>(fs).path}};
    }
    std::unique_ptr<FamilyRun> start(const FamilySettings& fs, RunContext& ctx) const override {
        const auto& s = settings_as<LandCoverSettings>(fs);
        const RasterSource raster = RasterSource::open(s.path);
        raster.check_band(s.band);
        const RasterInfo info = raster.info();
        const std::string path = s.path;
        const int band = s.band;
        ctx.add_raster(kRaster, [info, path, band](const std::vector<std::string>&) {
            return RasterInput{kRaster,   path, "land cover", info,
                               {"class"}, path, {band},       std::nullopt};
        });
        return std::make_unique<LandCoverRun>(s);
    }
};

}  // namespace

const Family& landcover_family() {
    static const LandCoverFamily family;
    return family;
}

}  // namespace gg::assess
