#pragma once
// What a name in an indicator expression refers to, and the order that evaluates every indicator
// after the indicators it uses. Shared by the loader (checks) and the evaluator.
#include <string>
#include <vector>

#include "core/framework.hpp"

namespace gg {

enum class NameKind { Indicator, Input, Metric, Unknown };

// Another indicator of the framework first, then an input, then a registry metric. An indicator
// naming its own id means the metric of that id when there is one (green_share: green_share * 100),
// else it is a reference to itself (a cycle).
NameKind resolve_name(const Framework& framework, const std::string& self_id,
                      const std::string& name);

// The framework's indicators, each after those its expression uses. Throws gg::Error
// "<file>:<line>: cycle between indicators: a -> b -> a".
std::vector<const IndicatorDef*> evaluation_order(const Framework& framework);

}  // namespace gg
