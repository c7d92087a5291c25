#pragma once
// The one list of metric families, and what is derived from it: the metric registry that
// frameworks, outputs and --help read.
#include <vector>

#include "assess/family.hpp"

namespace gg::assess {

// The built-in families, in the order they run: a family may read the metrics of those before
// it (per-capita metrics read the population).
const FamilyList& builtin_families();

// Every family's metrics, then the metrics frameworks may name that no family computes yet
// (marked not available).
std::vector<MetricInfo> registry_metrics(const FamilyList& families);
// Installs registry_metrics(families) as the process's metric registry; call once before
// frameworks are read (the CLI does it at start).
void use_families(const FamilyList& families);

}  // namespace gg::assess
