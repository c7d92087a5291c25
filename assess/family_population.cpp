#include "assess/family_population.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "assess/project_reader.hpp"
#include "assess/raster_plan.hpp"
#include "assess/zone_area.hpp"
#include "core/error.hpp"

namespace gg::assess {
namespace {

class PopulationRun : public FamilyRun {
  public:
    explicit PopulationRun(const PopulationSettings& s) : s_(s) {}

    void plan(RunContext& ctx, RunPlan& plan) override {
        // A negative count of residents is an error in the data, not "no population": it would
        // pass as a zone without per-capita figures (checked before the long work).
        if (s_.raster.empty()) {
            for (const auto& zone : ctx.zones().zones)
                if (zone.population && *zone.population < 0)
                    throw Error(
                        fmt::format("{}: zone {} has a negative population ({} in field {})",
                                    ctx.project().zones.path, zone.id, *zone.population, s_.field));
            return;
        }
        plan.band_channel(kPopulationRaster, kPeopleChannel);
        plan.zone_channels(kPopulationRaster, {kPeopleChannel});
    }

    void finish(RunContext& ctx, const PassResults& results, ZoneMetrics& m) override {
        const ZoneSet& zones = ctx.zones();
        std::vector<std::string> no_population;
        if (s_.raster.empty()) {
            for (size_t z = 0; z < zones.zones.size(); ++z)
                m.put(z, "population", zones.zones[z].population,
                      "the population field " + s_.field + " is empty");
            // Persons counted in an integer field stay integers (a raster's sum is fractional).
            if (zones.population_is_integer) m.mark_integer("population");
        } else {
            finish_raster(ctx, results, m);
        }
        for (size_t z = 0; z < zones.zones.size(); ++z) {
            const auto pop = m.value(z, "population");
            if (!pop || *pop <= 0) no_population.push_back(zones.zones[z].id);
        }
        if (!no_population.empty())
            ctx.warn(fmt::format(
                "{} zone(s) have a population of 0 or none; their per-capita metrics are left "
                "empty for them (first: {})",
                no_population.size(), no_population.front()));
    }

  private:
    void finish_raster(RunContext& ctx, const PassResults& results, ZoneMetrics& m) {
        const ZoneSet& zones = ctx.zones();
        const auto& zone_areas = zone_ground_areas(ctx, kPopulationRaster);
        std::vector<std::pair<double, std::string>> partial;
        for (size_t z = 0; z < zones.zones.size(); ++z) {
            const ZoneAccumulator& a = results.zone(kPopulationRaster, z, kPeopleChannel);
            // sum(c * people) over covered valid pixels: the zone's exact share of each pixel.
            if (a.min() && *a.min() < 0)
                throw Error(
                    fmt::format("{}: negative people per pixel ({}) in zone {}; declare "
                                "the raster's nodata value if it is one",
                                s_.raster, *a.min(), zones.zones[z].id));
            if (a.has_values())
                m.set(z, "population", a.sum());
            else
                m.missing(z, "population", "no valid population pixel in the zone");
            const auto& area = zone_areas[z];
            if (!area) continue;
            const double share = std::min(1.0, a.valid_area_m2() / *area);
            m.set(z, "population_covered_share", share);
            if (share < 0.99) partial.emplace_back(share, zones.zones[z].id);
        }
        if (!partial.empty()) {
            const auto worst = *std::min_element(partial.begin(), partial.end());
            ctx.warn(fmt::format(
                "{}: {} zone(s) are not fully covered by valid population pixels; their "
                "population counts only the covered part (see population_covered_share; "
                "lowest: zone {} at {:.0f} %)",
                s_.raster, partial.size(), worst.second, worst.first * 100));
        }
    }

    const PopulationSettings& s_;
};

class PopulationFamily : public Family {
  public:
    std::string id() const override { return "population"; }
    std::string summary() const override {
        return "residents per zone, from a population field or a population raster";
    }
    std::vector<ProjectKey> keys() const override {
        return {{"zones", "population_field", "numeric field of residents per zone"},
                {"zones", "population_raster",
                 "people per pixel (WorldPop, GHS-POP), summed with exact coverage"}};
    }
    std::vector<MetricInfo> metrics() const override {
        return {{"population", "persons",
                 "residents of the zone (the zones' population field, or summed from the "
                 "population raster with exact coverage)",
                 "input", true, "population"},
                {"population_covered_share", "1",
                 "share of the zone's ground area covered by valid pixels of the population "
                 "raster",
                 "exact coverage (docs/methods.md 1); only with zones.population_raster", true,
                 "population"}};
    }
    std::shared_ptr<const FamilySettings> read(const ProjectReader& r) const override {
        const auto zones = r.section("zones");
        if (!zones) return nullptr;
        auto s = std::make_shared<PopulationSettings>();
        s->field = r.text(*zones, "population_field", "zones", false);
        s->raster = r.path_value(*zones, "population_raster", "zones", false);
        if (!s->raster.empty() && !s->field.empty())
            r.fail((*zones)["population_raster"],
                   "give either zones.population_field or zones.population_raster, not both");
        if (s->field.empty() && s->raster.empty()) return nullptr;
        return s;
    }
    std::vector<std::string> columns(const FamilySettings& fs) const override {
        const auto& s = settings_as<PopulationSettings>(fs);
        if (s.raster.empty()) return {"population"};
        return {"population", "population_covered_share"};
    }
    std::vector<RunInput> inputs(const FamilySettings& fs) const override {
        const auto& s = settings_as<PopulationSettings>(fs);
        if (s.raster.empty()) return {};
        return {{"population_raster", s.raster}};
    }
    std::vector<std::pair<std::string, std::string>> parameters(
        const FamilySettings& fs) const override {
        const auto& s = settings_as<PopulationSettings>(fs);
        if (s.raster.empty()) return {{"population_field", s.field}};
        return {{"population_raster", s.raster}};
    }
    std::unique_ptr<FamilyRun> start(const FamilySettings& fs, RunContext& ctx) const override {
        const auto& s = settings_as<PopulationSettings>(fs);
        if (!s.field.empty()) ctx.zone_spec().population_field = s.field;
        if (!s.raster.empty()) {
            const RasterSource raster = RasterSource::open(s.raster);  // fails fast
            const RasterInfo info = raster.info();
            const std::string path = s.raster;
            ctx.add_raster(kPopulationRaster, [info, path](const std::vector<std::string>&) {
                return RasterInput{kPopulationRaster, path, "population", info,
                                   {kPeopleChannel},  path, {1},          std::nullopt};
            });
        }
        return std::make_unique<PopulationRun>(s);
    }
};

}  // namespace

const Family& population_family() {
    static const PopulationFamily family;
    return family;
}

Residents residents(const ZoneMetrics& metrics, size_t zone) {
    const MetricCell& c = metrics.cell(zone, "population");
    if (c.value && *c.value > 0) return {c.value, ""};
    if (c.value) return {std::nullopt, "no residents"};
    if (!c.reason.empty()) return {std::nullopt, "population unknown (" + c.reason + ")"};
    return {std::nullopt,
            "no population given (zones.population_field or zones.population_raster)"};
}

}  // namespace gg::assess
