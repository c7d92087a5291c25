// Accessibility (WHO Europe 2016; the 300 of 3-30-300): the share of residents within the access
// distance (straight line) of a qualifying green space. With a population raster, people are
// summed with exact coverage over zone ∩ access area in the population pass; without one,
// residents are taken as spread uniformly, so the share is an area share (marked as a proxy).
#include <fmt/format.h>

#include <algorithm>

#include "assess/family.hpp"
#include "assess/family_green_spaces.hpp"
#include "assess/family_population.hpp"
#include "assess/project_reader.hpp"
#include "assess/raster_plan.hpp"
#include "gis/geodesic_area.hpp"
#include "gis/ogr_util.hpp"

namespace gg::assess {
namespace {

struct AccessSettings : FamilySettings {
    AccessOptions options;
};

constexpr const char* kAccessSet = "zone within the access distance";

class AccessRun : public FamilyRun {
  public:
    explicit AccessRun(const AccessSettings& s) : s_(s) {}

    void plan(RunContext& ctx, RunPlan& plan) override {
        const GreenLayer& layer = *ctx.shared<GreenLayer>(kGreenLayerKey);
        if (!layer.public_known && s_.options.public_only) {
            ctx.warn(layer.path +
                     ": no public_field, so pop_within_300m_share is not computed (set "
                     "green_spaces.public_field, or access: {public_only: false} to count every "
                     "green space)");
            return;
        }
        computed_ = true;
        AccessReport report;
        AccessOptions options = s_.options;
        options.areas = ctx.areas();
        if (!ctx.has_raster(kPopulationRaster)) {
            const ZoneSet& zones = ctx.zones();
            const auto access = access_areas(layer, shapes(zones), layer.crs_wkt, options, &report);
            // Both areas measured alike, from the same CRS, so a zone inside the access area has a
            // share of 1. Planar: the CRS's plane areas (their ratio, whatever the unit).
            const GroundArea ground(layer.crs_wkt, ctx.areas(), "accessibility");
            auto area = [&](const MultiPolygon& g) {
                return ctx.areas() == AreaConvention::Planar ? planar_area(g) : ground(g);
            };
            for (size_t z = 0; z < zones.zones.size(); ++z) {
                const double zone_area = area(zones.zones[z].geometry);
                // Clamped: the intersection may exceed the zone by rounding.
                area_shares_.push_back(zone_area > 0 ? std::optional<double>(std::min(
                                                           1.0, area(access[z]) / zone_area))
                                                     : std::nullopt);
            }
            ctx.warn(
                "no population raster: residents are taken as spread uniformly over each zone "
                "for pop_within_300m_share (an area share)");
        } else {
            // Access areas in the population raster's CRS; the zones and the dissolved layer are
            // read again only when that CRS differs from the image's.
            const std::string crs = ctx.raster(kPopulationRaster).info.crs_wkt;
            std::optional<GreenLayer> again;
            if (!same_crs(crs, layer.crs_wkt))
                again = read_green_layer(
                    ctx.project().settings<GreenSpacesSettings>("green_spaces")->layer, crs);
            auto access = access_areas(again ? *again : layer, shapes(ctx.zones_in(crs)), crs,
                                       options, &report);
            plan.shape_channels(kPopulationRaster, kAccessSet, std::move(access), {kPeopleChannel});
        }
        for (const auto& note : report.notes) ctx.warn(note);
    }

    void finish(RunContext& ctx, const PassResults& results, ZoneMetrics& m) override {
        const std::string not_computed =
            "not computed: the green spaces have no public_field (green_spaces.public_field)";
        m.mark_integer("access_300_met");  // a 0/1 flag
        for (size_t z = 0; z < m.zones(); ++z) {
            if (!computed_) {
                m.missing(z, "pop_within_300m_share", not_computed);
                m.missing(z, "access_300_met", not_computed);
                continue;
            }
            std::optional<double> share;
            std::string reason, proxy;
            if (ctx.has_raster(kPopulationRaster)) {
                const Residents people = residents(m, z);
                reason = people.reason;
                if (people.people)
                    share = std::min(
                        1.0, results.shape(kPopulationRaster, kAccessSet, z, kPeopleChannel).sum() /
                                 *people.people);
            } else {
                share = area_shares_[z];
                reason = "the zone has no area";
                proxy =
                    "pop_within_300m_share as an area share (no population raster: residents "
                    "spread uniformly)";
            }
            if (!share) {
                m.missing(z, "pop_within_300m_share", reason);
                m.missing(z, "access_300_met", reason);
                continue;
            }
            m.set(z, "pop_within_300m_share", *share, proxy);
            // The "300" of 3-30-300 asks for every home (Konijnendijk 2023; docs/methods.md 5).
            m.set(z, "access_300_met", *share >= 1.0 - 1e-9 ? 1.0 : 0.0, proxy);
        }
    }

  private:
    static std::vector<MultiPolygon> shapes(const ZoneSet& zones) {
        std::vector<MultiPolygon> out;
        for (const auto& z : zones.zones) out.push_back(z.geometry);
        return out;
    }

    const AccessSettings& s_;
    bool computed_ = false;
    std::vector<std::optional<double>> area_shares_;
};

class AccessFamily : public Family {
  public:
    std::string id() const override { return "access"; }
    std::string summary() const override {
        return "accessibility: the share of residents within the access distance of a green "
               "space of at least the minimum area (with green_spaces)";
    }
    std::vector<ProjectKey> keys() const override {
        return {{"access", "distance_m", "straight-line distance to a green space (300)"},
                {"access", "min_area_m2", "smallest green space that counts (5000: 0.5 ha)"},
                {"access", "public_only",
                 "count only public green spaces (true; false when the layer says nothing about "
                 "access)"}};
    }
    std::vector<MetricInfo> metrics() const override {
        return {{"pop_within_300m_share", "1",
                 "share of residents within access.distance_m (300 m) straight line of a green "
                 "space of at least access.min_area_m2 (0.5 ha); uniform residents without a "
                 "population raster",
                 "WHO Europe 2016 (docs/methods.md 5)"},
                {"access_300_met", "1",
                 "1 when every resident is within the access distance (the 300 of 3-30-300), "
                 "else 0",
                 "Konijnendijk 2021, 2023 (docs/methods.md 5)"}};
    }
    std::shared_ptr<const FamilySettings> read(const ProjectReader& r) const override {
        const auto section = r.section("access");
        if (!r.section("green_spaces")) {
            if (section) r.fail(r.root()["access"], "\"access\" needs a green_spaces layer");
            return nullptr;
        }
        auto s = std::make_shared<AccessSettings>();
        AccessOptions& o = s->options;
        if (!section) return s;
        o.distance_m = r.number(*section, "distance_m", "access", o.distance_m);
        o.min_area_m2 = r.number(*section, "min_area_m2", "access", o.min_area_m2);
        o.public_only = r.boolean(*section, "public_only", "access", o.public_only);
        if (!(o.distance_m > 0) || !(o.min_area_m2 >= 0))
            r.fail(*section, "\"access.distance_m\" must be > 0 and \"access.min_area_m2\" >= 0");
        return s;
    }
    std::vector<std::string> columns(const FamilySettings&) const override {
        return {"pop_within_300m_share", "access_300_met"};
    }
    std::vector<RunInput> inputs(const FamilySettings&) const override { return {}; }
    std::vector<std::pair<std::string, std::string>> parameters(
        const FamilySettings& fs) const override {
        const auto& o = settings_as<AccessSettings>(fs).options;
        return {{"access_distance_m", fmt::format("{}", o.distance_m)},
                {"access_min_area_m2", fmt::format("{}", o.min_area_m2)},
                {"access_public_only", o.public_only ? "true" : "false"}};
    }
    std::unique_ptr<FamilyRun> start(const FamilySettings& fs, RunContext&) const override {
        return std::make_unique<AccessRun>(settings_as<AccessSettings>(fs));
    }
};

}  // namespace

const Family& access_family() {
    static const AccessFamily family;
    return family;
}

}  // namespace gg::assess
