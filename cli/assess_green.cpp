#include "cli/assess_green.hpp"

#include <fmt/format.h>

#include <iostream>

#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "core/green_summary.hpp"
#include "core/metric_registry.hpp"
#include "gis/zonal_engine.hpp"

namespace gg::cli {

std::vector<std::string> zone_metric_columns(const Project& p) {
    std::vector<std::string> columns = {"area_m2",
                                        "valid_share",
                                        "ndvi_mean",
                                        "green_share",
                                        "green_area_m2",
                                        "population",
                                        "green_m2_per_capita",
                                        "green_ha_per_100k",
                                        "tree_canopy_share",
                                        "canopy_30_met",
                                        "green_share_sweep_min",
                                        "green_share_sweep_max",
                                        "green_m2_per_capita_sweep_min",
                                        "green_m2_per_capita_sweep_max"};
    if (!p.population_raster.empty()) columns.push_back("population_covered_share");
    if (!p.green_spaces.path.empty()) {
        columns.insert(columns.end(),
                       {"green_polygon_area_m2", "green_combined_area_m2",
                        "green_combined_m2_per_capita", "pop_within_300m_share", "access_300_met"});
        if (!p.green_spaces.public_field.empty()) columns.push_back("public_green_area_m2");
    }
    if (!p.landcover.empty()) {
        columns.insert(columns.end(), {"landcover_green_area_m2", "landcover_green_share"});
        if (!p.landcover_classes.tree.empty()) columns.push_back("landcover_tree_share");
    }
    return columns;
}

std::vector<GreenCoverMetrics> measure_green_cover(
    const Project& p, const ImagerySource& imagery, const ZoneSet& zones,
    const std::vector<std::optional<double>>& people,
    const std::vector<std::optional<double>>& covered_share, int threads) {
    ZonalJob job;
    read_red_nir(p, imagery, job);
    const GreenParams params{p.ndvi_threshold, p.tree_ndvi_threshold, p.sensitivity};
    job.channel_count = green_channel_count(params);  // NDVI, green, tree, the sweep
    job.derive = [params](const std::vector<ChannelBuffer>& bands,
                          std::vector<ChannelBuffer>& out) {
        derive_green_channels(bands[0], bands[1], params, out);
    };
    job.threads = threads;
    Progress progress("assess");
    job.progress = [&](double done) { progress.update(done); };
    std::vector<MultiPolygon> shapes;
    for (const auto& z : zones.zones) shapes.push_back(z.geometry);
    const auto accumulators = run_zonal(job, shapes);
    progress.finish();

    std::vector<const ZoneAccumulator*> first;
    for (const auto& a : accumulators) first.push_back(&a[0]);
    report_zone_coverage(zones, imagery.label, first);

    std::vector<GreenCoverMetrics> metrics;
    std::vector<std::string> no_population;
    for (size_t z = 0; z < zones.zones.size(); ++z) {
        metrics.push_back(green_cover_metrics(accumulators[z], params, people[z]));
        if (z < covered_share.size()) metrics.back().population_covered_share = covered_share[z];
        const auto& pop = people[z];
        if ((!p.zones.population_field.empty() || !p.population_raster.empty()) &&
            (!pop || *pop <= 0))
            no_population.push_back(zones.zones[z].id);
    }
    if (!no_population.empty())
        warn(
            fmt::format("{} zone(s) have a population of 0 or none; green_m2_per_capita is left "
                        "empty for them (first: {})",
                        no_population.size(), no_population.front()));

    return metrics;
}

Table zones_table(const Project& p, const ZoneSet& zones,
                  const std::vector<GreenCoverMetrics>& metrics) {
    Table t;
    t.columns.push_back({zones.id_field.empty() ? "fid" : zones.id_field,
                         zones.id_is_integer ? ColumnType::Integer : ColumnType::String});
    if (!p.zones.name_field.empty()) t.columns.push_back({p.zones.name_field, ColumnType::String});
    for (const auto& m : zone_metric_columns(p))
        t.columns.push_back({metric_info(m).id.data(), ColumnType::Real});
    for (size_t z = 0; z < metrics.size(); ++z) {
        const Zone& zone = zones.zones[z];
        const GreenCoverMetrics& m = metrics[z];
        std::vector<Cell> row;
        if (zones.id_is_integer)
            row.emplace_back(static_cast<int64_t>(std::stoll(zone.id)));
        else
            row.emplace_back(zone.id);
        if (!p.zones.name_field.empty()) row.emplace_back(zone.name);
        const auto values = metric_values(m);
        for (const auto& id : zone_metric_columns(p)) {
            const auto it = values.find(id);
            row.emplace_back();  // empty unless defined
            if (it != values.end()) row.back() = it->second;
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

namespace {

std::string optional_text(const std::optional<double>& v, const char* spec) {
    return v ? fmt::format(fmt::runtime(spec), *v) : std::string("-");
}

}  // namespace

void print_green_summary(const Project& p, const ZoneSet& zones,
                         const std::vector<GreenCoverMetrics>& metrics) {
    std::vector<std::string> names;
    for (const auto& z : zones.zones)
        names.push_back(p.zones.name_field.empty() || !z.name.empty() ? z.name : "(no name)");
    auto groups = summarise_by_name(names, metrics, "TOTAL");
    const bool by_name = !p.zones.name_field.empty();
    if (!by_name) groups.erase(groups.begin(), groups.end() - 1);  // one unnamed group: the total
    std::cout << fmt::format("\nGreen cover, NDVI >= {} ({}{}):\n", p.ndvi_threshold,
                             zones.zones.size(),
                             by_name ? " zones grouped by " + p.zones.name_field : " zones");
    std::cout << fmt::format("{:<28} {:>5} {:>10} {:>7} {:>10} {:>10} {:>9}\n",
                             by_name ? p.zones.name_field : "", "zones", "area km2", "green%",
                             "green km2", "population", "m2/person");
    for (const auto& g : groups) {
        if (&g == &groups.back() && by_name) std::cout << std::string(86, '-') << "\n";
        std::cout << fmt::format(
            "{:<28.28} {:>5} {:>10.3f} {:>7} {:>10.3f} {:>10.0f} {:>9}\n", g.name, g.zones,
            g.area_m2 / 1e6,
            optional_text(
                g.green_share() ? std::optional<double>(*g.green_share() * 100) : std::nullopt,
                "{:.1f}"),
            g.green_area_m2 / 1e6, g.population, optional_text(g.green_m2_per_capita(), "{:.1f}"));
    }
}

}  // namespace gg::cli
