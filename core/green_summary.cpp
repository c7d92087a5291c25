#include "core/green_summary.hpp"

#include <map>

namespace gg {

std::optional<double> GreenGroup::green_share() const {
    if (valid_area_m2 <= 0) return std::nullopt;
    return green_area_m2 / valid_area_m2;
}

std::optional<double> GreenGroup::green_m2_per_capita() const {
    if (population <= 0) return std::nullopt;
    return green_area_m2 / population;
}

namespace {

void add(GreenGroup& g, const GreenZoneFigures& m) {
    if (!m.included) return;
    ++g.zones;
    g.area_m2 += m.area_m2;
    g.valid_area_m2 += m.valid_area_m2;
    g.green_area_m2 += m.green_area_m2;
    if (m.population)
        g.population += *m.population;
    else
        ++g.zones_without_population;
}

}  // namespace

std::vector<GreenGroup> summarise_by_name(const std::vector<std::string>& names,
                                          const std::vector<GreenZoneFigures>& metrics,
                                          const std::string& total_label) {
    std::vector<GreenGroup> groups;
    std::map<std::string, size_t> index;
    GreenGroup total{total_label};
    for (size_t i = 0; i < metrics.size(); ++i) {
        const std::string& name = names[i];
        auto [it, inserted] = index.try_emplace(name, groups.size());
        if (inserted) groups.push_back(GreenGroup{name});
        add(groups[it->second], metrics[i]);
        add(total, metrics[i]);
    }
    groups.push_back(total);
    return groups;
}

}  // namespace gg
