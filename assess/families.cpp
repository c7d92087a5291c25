#include "assess/families.hpp"

namespace gg::assess {

// The list: adding a family is its own files plus one X(name) line here (the family's file
// defines `const Family& name_family()`).
#define GG_FAMILY_LIST(X) \
    X(population)         \
    X(imagery)            \
    X(green)              \
    X(green_spaces)       \
    X(access)             \
    X(landcover)          \
    X(wetlands)           \
    X(heat)

#define GG_DECLARE_FAMILY(name) const Family& name##_family();
GG_FAMILY_LIST(GG_DECLARE_FAMILY)
#undef GG_DECLARE_FAMILY

const FamilyList& builtin_families() {
#define GG_LIST_FAMILY(name) &name##_family(),
    static const FamilyList list = {GG_FAMILY_LIST(GG_LIST_FAMILY)};
#undef GG_LIST_FAMILY
    return list;
}

namespace {

// Named by built-in frameworks before any family computes them: an indicator using one is
// reported as "metric not available yet" .
std::vector<MetricInfo> declared_ahead() {
    return {
        {"area_within_400m_public_space_share", "1",
         "share of the zone's area within 400 m of public space",
         "Green Bangkok 2030 (docs/methods.md 5)", false},
    };
}

}  // namespace

std::vector<MetricInfo> registry_metrics(const FamilyList& families) {
    std::vector<MetricInfo> metrics;
    for (const Family* f : families)
        for (const auto& m : f->metrics()) metrics.push_back(m);
    for (const auto& m : declared_ahead()) metrics.push_back(m);
    return metrics;
}

void use_families(const FamilyList& families) {
    set_metric_registry(registry_metrics(families));
}

}  // namespace gg::assess
