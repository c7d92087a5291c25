// greengauge frameworks list|show|metrics: what is built in, and what a framework file holds.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "assess/framework_catalog.hpp"
#include "cli/commands.hpp"
#include "core/framework.hpp"
#include "core/metric_registry.hpp"

namespace gg::cli {
namespace {

using assess::builtin_framework_files;
using assess::builtin_frameworks_dir;
using assess::load_framework_ref;

std::string both(const LocalizedText& t) {
    return t.th.empty() ? t.en : t.en + " / " + t.th;
}

void list() {
    std::cout << fmt::format("Built-in frameworks ({}):\n", builtin_frameworks_dir());
    for (const auto& file : builtin_framework_files()) {
        const Framework f = load_framework_file(file);
        size_t indicators = 0;
        for (const auto& c : f.components) indicators += c.indicators.size();
        const std::string of =
            f.indicator_count && *f.indicator_count > static_cast<int>(indicators)
                ? fmt::format(" of the programme's {}", *f.indicator_count)
                : "";
        std::cout << fmt::format("  {:<36} {} ({} components, {} indicators{})\n", f.id, f.name.en,
                                 f.components.size(), indicators, of);
    }
    std::cout << "\n`greengauge frameworks show ID` for the indicators, targets and sources.\n";
}

std::string target_text(const TargetDef& t) {
    std::string out = comparison_text(t.comparison) + " ";
    if (t.value) {
        out += fmt::format("{}", *t.value);
    } else if (!t.value_input.empty()) {
        out += "each zone's " + t.value_input;
    } else {
        std::string table;
        for (const auto& [cls, v] : t.by_class)
            table.append(table.empty() ? "" : ", ").append(fmt::format("{} {}", cls, v));
        out += "by " + t.by_input + " (" + table + ")";
    }
    if (t.year) out += fmt::format(" by {}", *t.year);
    return out;
}

void show(const std::string& ref) {
    const Framework f = load_framework_ref(ref);
    std::cout << fmt::format("{} (version {})\n{}\nSource: {}{}\nFile: {}\n", f.id, f.version,
                             both(f.name), f.citation, f.url.empty() ? "" : " <" + f.url + ">",
                             f.file);
    if (!f.notes.empty()) std::cout << "Notes: " << f.notes << "\n";
    for (const auto& in : f.inputs)
        std::cout << fmt::format("Input {} [{}] from {}: {}\n", in.id, in.unit,
                                 in.from == InputDef::From::Records ? "records" : "zone attribute",
                                 both(in.description));
    for (const auto& c : f.components) {
        std::cout << fmt::format("\n[{}] {} (weight {})\n", c.id, both(c.name), c.weight);
        for (const auto& i : c.indicators) {
            std::cout << fmt::format("  {} [{}] = {}\n    {}; {} is better", i.id, i.unit,
                                     i.expression, both(i.name),
                                     i.direction == Direction::Higher ? "higher" : "lower");
            if (i.target)
                std::cout << fmt::format("; target {} ({})", target_text(*i.target),
                                         i.target->source);
            if (i.baseline)
                std::cout << fmt::format(
                    "; baseline {}{}",
                    i.baseline->value ? fmt::format("{}", *i.baseline->value) : "(zone's own)",
                    i.baseline->year ? fmt::format(" in {}", *i.baseline->year) : "");
            if (!i.requires_metrics.empty()) {
                std::string names;
                for (const auto& m : i.requires_metrics)
                    names.append(names.empty() ? "" : ", ").append(m);
                std::cout << "; requires " << names;
            }
            std::cout << "\n";
        }
    }
}

void metrics() {
    std::cout << "Metrics an indicator expression can use:\n";
    for (const auto& m : metric_registry())
        std::cout << fmt::format("  {:<36} [{}] {}{}\n", m.id, m.unit, m.description,
                                 m.available ? "" : " (not available yet)");
}

}  // namespace

void add_frameworks_command(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand(
        "frameworks", "List the built-in indicator frameworks, show one, list the metrics");
    cmd->require_subcommand(1);
    cmd->add_subcommand("list", "The built-in frameworks")->callback([] { list(); });
    auto id = std::make_shared<std::string>();
    CLI::App* show_cmd =
        cmd->add_subcommand("show", "Components, indicators, targets and sources of a framework");
    show_cmd->add_option("framework", *id, "A built-in id or a framework file")->required();
    show_cmd->callback([id] { show(*id); });
    cmd->add_subcommand("metrics", "Metric ids for expressions")->callback([] { metrics(); });
    cmd->footer(
        "The built-in frameworks are read from the first of: $GREENGAUGE_FRAMEWORKS (a folder of\n"
        "framework files); $GREENGAUGE_DATA/frameworks (GreenGauge's data folder); "
        "../share/greengauge/frameworks\nbeside the executable's folder (where cmake --install "
        "puts them); for a build-tree executable,\nthe source tree's data/frameworks.\n\n"
        "Examples:\n  greengauge frameworks list\n  greengauge frameworks show deqp_green_area\n"
        "  greengauge frameworks show my_city.yaml\n  greengauge frameworks metrics\n");
}

}  // namespace gg::cli
