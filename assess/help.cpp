#include "assess/help.hpp"

#include <fmt/format.h>

#include "assess/project.hpp"

namespace gg::assess {
namespace {

std::string key_list(const std::vector<ProjectKey>& keys) {
    std::string out;
    for (const auto& k : keys)
        out.append(out.empty() ? "" : ", ")
            .append(k.section.empty() ? k.key : k.section + "." + k.key);
    return out;
}

}  // namespace

std::string assess_reference(const FamilyList& families) {
    std::string text = "\nProject file: " + key_list(project_keys()) + "\n";
    text += "\nMetric families (project-file keys; metrics per zone):\n";
    for (const Family* f : families) {
        text += fmt::format("  {}: {}\n", f->id(), f->summary());
        if (const auto keys = f->keys(); !keys.empty())
            text += fmt::format("    keys: {}\n", key_list(keys));
        for (const auto& m : f->metrics())
            text += fmt::format("    {:<30} [{}] {}\n", m.id, m.unit, m.description);
    }
    return text;
}

}  // namespace gg::assess
