#pragma once
// Each subcommand lives in its own file and registers itself on the application here.
#include <CLI/CLI.hpp>

namespace gg::cli {

void add_zonal_command(CLI::App& app);
void add_assess_command(CLI::App& app);
void add_frameworks_command(CLI::App& app);
void add_index_command(CLI::App& app);
void add_composite_command(CLI::App& app);
void add_batch_command(CLI::App& app);
void add_merge_command(CLI::App& app);

}  // namespace gg::cli
