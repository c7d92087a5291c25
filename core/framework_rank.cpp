// Ranking zones by framework score (docs/frameworks.md "Scores"): 1 = best, ties share the
// better rank (1, 1, 3), zones without a score get no rank. Each framework is ranked apart.
#include <algorithm>
#include <map>

#include "core/framework.hpp"

namespace gg {

void rank_zones(std::vector<FrameworkResult>& zones) {
    std::map<std::string, std::vector<FrameworkResult*>> by_framework;
    for (auto& z : zones) {
        z.rank.reset();
        if (z.score) by_framework[z.framework_id].push_back(&z);
    }
    for (auto& [id, scored] : by_framework) {
        std::stable_sort(scored.begin(), scored.end(),
                         [](const FrameworkResult* a, const FrameworkResult* b) {
                             return *a->score > *b->score;
                         });
        for (std::size_t i = 0; i < scored.size(); ++i) {
            const bool tie = i > 0 && *scored[i]->score == *scored[i - 1]->score;
            scored[i]->rank = tie ? *scored[i - 1]->rank : static_cast<int>(i) + 1;
        }
    }
}

}  // namespace gg
