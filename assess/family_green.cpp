#include "assess/family_green.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "assess/family_imagery.hpp"
#include "assess/family_population.hpp"
#include "assess/project_reader.hpp"
#include "assess/raster_plan.hpp"
#include "assess/summary.hpp"
#include "core/green_summary.hpp"

namespace gg::assess {
namespace {

const char* const kMetricIds[] = {"valid_share",
                                  "ndvi_mean",
                                  "green_share",
                                  "green_area_m2",
                                  "green_m2_per_capita",
                                  "green_ha_per_100k",
                                  "tree_canopy_share",
                                  "canopy_30_met",
                                  "green_share_sweep_min",
                                  "green_share_sweep_max",
                                  "green_m2_per_capita_sweep_min",
                                  "green_m2_per_capita_sweep_max"};

std::vector<std::string> channel_names(const GreenParams& params) {
    std::vector<std::string> names = {"ndvi", kGreenChannel, "tree"};
    for (size_t k = 0; k < params.sweep.size(); ++k)
        names.push_back("green_sweep_" + std::to_string(k));
    return names;
}

std::string proxy_note(const GreenParams& params) {
    return fmt::format("tree_canopy_share from NDVI >= {} (dense vegetation), not a tree map",
                       params.tree_ndvi_threshold);
}

std::string optional_text(const std::optional<double>& v, const char* spec) {
    return v ? fmt::format(fmt::runtime(spec), *v) : std::string("-");
}

// The zones grouped by name (or all in one group without a name field), the total last; zones
// the image covers too little are counted in left_out and added nowhere.
std::vector<GreenGroup> green_groups(RunContext& ctx, const ZoneMetrics& m, size_t& left_out) {
    const ZoneSet& zones = ctx.zones();
    const bool by_name = !ctx.project().zones.name_field.empty();
    std::vector<std::string> names;
    std::vector<GreenZoneFigures> figures;
    left_out = 0;
    for (size_t z = 0; z < zones.zones.size(); ++z) {
        const Zone& zone = zones.zones[z];
        names.push_back(!by_name || !zone.name.empty() ? zone.name : "(no name)");
        GreenZoneFigures f;
        f.included = m.value(z, "area_m2").has_value() && m.withheld(z, kImageryBasis).empty();
        if (!f.included) ++left_out;
        f.area_m2 = m.value(z, "area_m2").value_or(0);
        f.valid_area_m2 = f.area_m2 * m.value(z, "valid_share").value_or(0);
        f.green_area_m2 = m.value(z, "green_area_m2").value_or(0);
        f.population = m.value(z, "population");
        figures.push_back(f);
    }
    return summarise_by_name(names, figures, "TOTAL");
}

class GreenRun : public FamilyRun {
  public:
    explicit GreenRun(const GreenSettings& s) : s_(s) {}

    void plan(RunContext& /*ctx*/, RunPlan& plan) override {
        const size_t red = plan.band_index(kImageryRaster, "red");
        const size_t nir = plan.band_index(kImageryRaster, "nir");
        const GreenParams params = s_.params;
        ChannelGroup group;
        group.key = fmt::format("green {} {} {}", params.ndvi_threshold, params.tree_ndvi_threshold,
                                fmt::join(params.sweep, ","));
        group.names = channel_names(params);
        group.derive = [params, red, nir](const std::vector<ChannelBuffer>& bands,
                                          std::span<ChannelBuffer> out) {
            derive_green_channels(bands[red], bands[nir], params, out);
        };
        plan.channels(kImageryRaster, std::move(group));
        plan.zone_channels(kImageryRaster, channel_names(params));
    }

    void finish(RunContext& /*ctx*/, const PassResults& results, ZoneMetrics& m) override {
        const auto names = channel_names(s_.params);
        const std::string proxy = proxy_note(s_.params);
        m.mark_integer("canopy_30_met");  // a 0/1 flag
        for (size_t z = 0; z < m.zones(); ++z) {
            if (results.zone_area(kImageryRaster, z) <= 0) {
                for (const char* id : kMetricIds) m.missing(z, id, "zone outside the image");
                continue;
            }
            std::vector<ZoneAccumulator> channels;
            for (const auto& n : names) channels.push_back(results.zone(kImageryRaster, z, n));
            const Residents people = residents(m, z);
            const GreenCoverMetrics g = green_cover_metrics(channels, s_.params, people.people);
            const std::string no_pixel = "no valid pixel in the zone (nodata or masked)";
            m.put(z, "valid_share", g.valid_share, no_pixel);
            m.put(z, "ndvi_mean", g.ndvi_mean, no_pixel);
            m.put(z, "green_share", g.green_share, no_pixel);
            m.put(z, "green_area_m2", g.green_area_m2, no_pixel);
            const std::string per_capita = g.green_area_m2 ? people.reason : no_pixel;
            m.put(z, "green_m2_per_capita", g.green_m2_per_capita, per_capita);
            m.put(z, "green_ha_per_100k", g.green_ha_per_100k, per_capita);
            m.put(z, "tree_canopy_share", g.tree_canopy_share, no_pixel);
            m.put(z, "canopy_30_met", g.canopy_30_met, no_pixel);
            if (g.tree_canopy_share) {
                m.set(z, "tree_canopy_share", *g.tree_canopy_share, proxy);
                m.set(z, "canopy_30_met", *g.canopy_30_met, proxy);
            }
            m.put(z, "green_share_sweep_min", g.green_share_sweep_min, no_pixel);
            m.put(z, "green_share_sweep_max", g.green_share_sweep_max, no_pixel);
            m.put(z, "green_m2_per_capita_sweep_min", g.green_m2_per_capita_sweep_min, per_capita);
            m.put(z, "green_m2_per_capita_sweep_max", g.green_m2_per_capita_sweep_max, per_capita);
        }
    }

    // Green cover per group of zones of the same name (neighbourhoods), and the total: areas and
    // people add up, shares and per-capita values are recomputed from the sums. Zones the image
    // covers too little are left out of every sum, and the total says so. Of many groups (a
    // name per zone), the greenest and least green ten, unless every zone is asked for.
    std::vector<SummaryTable> summaries(RunContext& ctx, const ZoneMetrics& m) const override {
        constexpr size_t kAll = 30, kEach = 10;
        const ZoneSet& zones = ctx.zones();
        const bool by_name = !ctx.project().zones.name_field.empty();
        size_t left_out = 0;
        auto groups = green_groups(ctx, m, left_out);
        if (!by_name) groups.erase(groups.begin(), groups.end() - 1);  // the total only
        const GreenGroup total = groups.back();
        groups.pop_back();
        const size_t group_count = groups.size();
        const bool cut = !ctx.every_zone() && group_count > kAll;
        if (cut) {
            std::stable_sort(groups.begin(), groups.end(),
                             [](const GreenGroup& a, const GreenGroup& b) {
                                 return a.green_share().value_or(-1) > b.green_share().value_or(-1);
                             });
            groups.erase(groups.begin() + kEach, groups.end() - kEach);
        }

        SummaryTable t;
        t.title = fmt::format(
            "Green cover, NDVI >= {} ({}{}{}):", s_.params.ndvi_threshold, zones.zones.size(),
            by_name ? " zones grouped by " + ctx.project().zones.name_field : " zones",
            cut ? fmt::format("; the {} greenest and {} least green of {} groups", kEach, kEach,
                              group_count)
                : "");
        t.cut = cut;
        t.columns = {{by_name ? ctx.project().zones.name_field : "", 28, true, 0},
                     {"zones", 5},
                     {"area km2", 10},
                     {"green%", 7},
                     {"green km2", 10},
                     {"population", 10},
                     {"m2/person", 9}};
        auto add_row = [&t](const GreenGroup& g) {
            const bool none = g.zones == 0;  // every zone of the group left out
            t.rows.push_back(
                {{g.name, std::to_string(g.zones),
                  none ? "-" : fmt::format("{:.3f}", g.area_m2 / 1e6),
                  optional_text(g.green_share() ? std::optional<double>(*g.green_share() * 100)
                                                : std::nullopt,
                                "{:.1f}"),
                  none ? "-" : fmt::format("{:.3f}", g.green_area_m2 / 1e6),
                  none ? "-" : fmt::format("{:.0f}", g.population),
                  optional_text(g.green_m2_per_capita(), "{:.1f}")},
                 {}});
        };
        for (size_t i = 0; i < groups.size(); ++i) {
            if (cut && i == kEach) t.rows.push_back({{}, "..."});
            add_row(groups[i]);
        }
        if (by_name) t.rows.push_back({{}, std::string(86, '-')});
        add_row(total);
        if (left_out > 0) {
            const auto* imagery = ctx.project().settings<ImagerySettings>("imagery");
            t.notes.push_back(fmt::format(
                "Left out of the groups and TOTAL: {} of {} zones (outside the image, or covered "
                "less than {:.0f} % by it: imagery.min_coverage); their area, green and residents "
                "are not added",
                left_out, zones.zones.size(), imagery ? imagery->min_coverage * 100 : 90));
        }
        return {t};
    }

    // The TOTAL row's figures, over the zones included in it.
    std::vector<SummaryFigure> totals(RunContext& ctx, const ZoneMetrics& m) const override {
        size_t left_out = 0;
        const GreenGroup total = green_groups(ctx, m, left_out).back();
        const bool none = total.zones == 0;
        auto value = [none](double v) { return none ? std::nullopt : std::optional<double>(v); };
        return {{"zones_included", static_cast<double>(total.zones)},
                {"zones_left_out", static_cast<double>(left_out)},
                {"area_m2", value(total.area_m2)},
                {"green_area_m2", value(total.green_area_m2)},
                {"green_share", total.green_share()},
                {"population",
                 ctx.project().uses("population") ? value(total.population) : std::nullopt},
                {"green_m2_per_capita", total.green_m2_per_capita()}};
    }

  private:
    const GreenSettings& s_;
};

class GreenFamily : public Family {
  public:
    std::string id() const override { return "green"; }
    std::string summary() const override {
        return "green cover from the imagery's NDVI: green area and share, green m2 per person, "
               "a canopy proxy and the threshold sweep";
    }
    std::vector<ProjectKey> keys() const override {
        return {{"green", "enabled",
                 "false: no green cover metrics, e.g. a wetlands- or heat-only project (true)"},
                {"green", "ndvi_threshold", "green where NDVI >= this (0.3)"},
                {"green", "tree_ndvi_threshold",
                 "canopy proxy: dense vegetation where NDVI >= this (0.5)"},
                {"green", "sensitivity_thresholds",
                 "NDVI thresholds of the sweep reported as min / max ([0.2, 0.3, 0.4])"}};
    }
    std::vector<MetricInfo> metrics() const override {
        const char* b = kImageryBasis;
        return {
            {"valid_share", "1", "share of area_m2 with a valid (non-nodata, unmasked) value",
             "docs/methods.md 1", true, b},
            {"ndvi_mean", "1", "coverage-weighted mean NDVI of the valid pixels",
             "NDVI = (NIR-Red)/(NIR+Red) (docs/methods.md 3)", true, b},
            {"green_share", "1",
             "share of the valid area where NDVI >= the green threshold (area-weighted)",
             "docs/methods.md 3 and 5; threshold 0.3 by default", true, b},
            {"green_area_m2", "m2",
             "observed green area: valid area with NDVI >= threshold (unobserved pixels not "
             "counted)",
             "docs/methods.md 5", true, b},
            {"green_m2_per_capita", "m2/person",
             "green_area_m2 / population (empty when population is 0 or missing)",
             "docs/methods.md 5", true, b},
            {"green_ha_per_100k", "ha/100000 persons", "green area per 100,000 residents",
             "ISO 37120:2018 (docs/methods.md 5)", true, b},
            {"tree_canopy_share", "1",
             "share of the valid area with NDVI >= the tree threshold (0.5 by default, dense "
             "vegetation): a canopy proxy, replaced by landcover_tree_share when a tree map is "
             "given",
             "UNEP-WCMC NDVI > 0.5 dense vegetation (docs/methods.md 3); 3-30-300 (docs/methods.md "
             "5)",
             true, b},
            {"canopy_30_met", "1", "1 when tree_canopy_share >= 0.30, else 0 (the 30 of 3-30-300)",
             "Konijnendijk 2021, 2023 (docs/methods.md 5)", true, b},
            {"green_share_sweep_min", "1", "lowest green_share over the NDVI threshold sweep",
             "docs/methods.md 3: thresholds 0.2, 0.3, 0.4 by default", true, b},
            {"green_share_sweep_max", "1", "highest green_share over the NDVI threshold sweep",
             "docs/methods.md 3", true, b},
            {"green_m2_per_capita_sweep_min", "m2/person",
             "lowest green_m2_per_capita over the NDVI threshold sweep", "docs/methods.md 3 and 5",
             true, b},
            {"green_m2_per_capita_sweep_max", "m2/person",
             "highest green_m2_per_capita over the NDVI threshold sweep", "docs/methods.md 3 and 5",
             true, b},
        };
    }
    std::shared_ptr<const FamilySettings> read(const ProjectReader& r) const override {
        if (!r.section("imagery")) return nullptr;  // green cover is measured on the imagery
        auto s = std::make_shared<GreenSettings>();
        GreenParams& p = s->params;
        const auto green = r.section("green");
        if (!green) return s;
        // A wetlands- or heat-only project need not read red and NIR and composite them.
        if (!r.boolean(*green, "enabled", "green", true)) return nullptr;
        auto threshold = [&](const char* key, double fallback) {
            const double v = r.number(*green, key, "green", fallback);
            if (v < -1 || v > 1)
                r.fail((*green)[key],
                       std::string("\"green.") + key + "\" must be between -1 and 1");
            return v;
        };
        p.ndvi_threshold = threshold("ndvi_threshold", p.ndvi_threshold);
        p.tree_ndvi_threshold = threshold("tree_ndvi_threshold", p.tree_ndvi_threshold);
        if (const YAML::Node sweep = (*green)["sensitivity_thresholds"]) {
            p.sweep.clear();
            double v = 0;
            if (!sweep.IsSequence() || sweep.size() == 0)
                r.fail(sweep, "\"green.sensitivity_thresholds\" must be a list of NDVI values");
            for (const auto& item : sweep) {
                if (!item.IsScalar() || !YAML::convert<double>::decode(item, v) ||
                    !(v >= -1 && v <= 1))
                    r.fail(item, "each sensitivity threshold must be a number between -1 and 1");
                p.sweep.push_back(v);
            }
        }
        return s;
    }
    std::vector<std::string> columns(const FamilySettings&) const override {
        return {std::begin(kMetricIds), std::end(kMetricIds)};
    }
    std::vector<RunInput> inputs(const FamilySettings&) const override { return {}; }
    std::vector<std::pair<std::string, std::string>> parameters(
        const FamilySettings& fs) const override {
        const auto& p = settings_as<GreenSettings>(fs).params;
        return {{"ndvi_threshold", fmt::format("{}", p.ndvi_threshold)},
                {"tree_ndvi_threshold", fmt::format("{}", p.tree_ndvi_threshold)},
                {"sensitivity_thresholds", fmt::format("{}", fmt::join(p.sweep, ","))}};
    }
    std::unique_ptr<FamilyRun> start(const FamilySettings& fs, RunContext& ctx) const override {
        ctx.use_bands(kImageryRaster, {"red", "nir"});
        return std::make_unique<GreenRun>(settings_as<GreenSettings>(fs));
    }
};

}  // namespace

const Family& green_family() {
    static const GreenFamily family;
    return family;
}

}  // namespace gg::assess
