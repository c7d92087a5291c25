// greengauge merge: gathers a batch's task results into its outputs. A thin caller of
// assess/batch_merge; also what batch runs at its end.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "assess/batch_merge.hpp"
#include "cli/batch_report.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace gg::cli {
namespace {

struct MergeOptions {
    std::string out_dir;
    bool csv_bom = true;
    ReportFlags report;
};

}  // namespace

void add_merge_command(CLI::App& app) {
    auto o = std::make_shared<MergeOptions>();
    CLI::App* cmd = app.add_subcommand(
        "merge", "Gather a batch's task results (OUT/tasks/) into OUT/<name>.gpkg, CSV and XLSX");
    cmd->add_option("folder", o->out_dir, "The batch's output folder (greengauge batch -o)")
        ->required();
    cmd->add_flag("--csv-bom,!--no-csv-bom", o->csv_bom,
                  "Start every CSV with a UTF-8 byte order mark (default), so Excel shows Thai");
    add_report_flags(*cmd, o->report, "(merge always replaces the outputs it writes)");
    cmd->footer(
        "merge reads only the folder: the batch plan (batch_plan.json) and the task results. "
        "It\nwrites the same bytes each time for the same results, so it may run again at any "
        "time\n(after the shards of a cluster run, or after a batch was stopped).\n"
        "\nExample:\n  greengauge merge out/olinda-series\n");
    cmd->callback([o] {
        set_report_mode(o->report);
        assess::MergeOptions options;
        options.csv_bom = o->csv_bom;
        const assess::MergeResult m = assess::merge_batch(o->out_dir, options);
        if (o->report.json) return print_json(merge_json(m));
        if (text_output()) print_merge(m);
    });
}

}  // namespace gg::cli
