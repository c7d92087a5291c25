#pragma once
// Small pieces shared by the subcommands: how they report (quiet, JSON, warnings), output checks.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/mask_selection.hpp"
#include "gis/output_metadata.hpp"
#include "gis/product.hpp"
#include "gis/table_writer.hpp"
#include "gis/zone_reader.hpp"

namespace gg::cli {

// The scripting flags of the commands that write outputs (assess, zonal, index, composite), as
// GDAL's command-line tools have them.
struct ReportFlags {
    bool quiet = false;      // -q: errors only (no warnings, progress, tables or summary line)
    bool json = false;       // --json: a JSON summary of the run on stdout instead of text
    bool overwrite = false;  // --overwrite: replace existing outputs
};
// Adds -q/--quiet, --json and --overwrite; overwrite_help says what --overwrite replaces.
void add_report_flags(CLI::App& cmd, ReportFlags& flags, const std::string& overwrite_help);

// One command runs per process: its flags are set once, at the start of its run.
void set_report_mode(const ReportFlags& flags);
// Text on standard output (tables, the summary line): neither quiet nor JSON.
bool text_output();
// Progress on standard error: not quiet.
bool progress_output();

// A message as one line of the terminal: a line break or tab in it (from an expression, a file
// name, a library's message) is written as \n, \r or \t, so a message is always one line.
std::string one_line(const std::string& message);

// "greengauge: warning: ..." on standard error unless quiet; every warning is also kept for the
// JSON summary.
void warn(const std::string& message);
// Prints the JSON summary on standard output, with "warnings" added unless it has them.
void print_json(nlohmann::ordered_json summary);

// The process's exit code when the command returns normally: 0 unless a command sets another
// (batch: 3 when some of its tasks failed).
void set_exit_code(int code);
int exit_code();

// Throws gg::Error when the output path's extension is not one the command writes.
void check_output_extension(const std::string& path, const std::vector<std::string>& allowed);
// Throws gg::Error "<path>: exists (use --overwrite to replace it)" unless overwrite is set.
void check_overwrite(const std::string& path, bool overwrite);

// The check of --threads: 0 (all cores) or more; a huge count is capped at the cores. A
// negative count was taken as "all cores" without a word.
inline CLI::Validator thread_count_check() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            int n = 0;
            if (!CLI::detail::lexical_cast(text, n) || n < 0)
                return "must be 0 (all cores) or more, not " + text;
            return "";
        },
        "INT >= 0");
}

// The help text of --mask (index, composite).
inline constexpr const char* kMaskHelp =
    "What the QA / SCL band masks: default (cloud, dilated_cloud, cirrus, shadow); none (the QA "
    "band is not read); fill (only fill and saturation); or a comma-separated list of cloud, "
    "dilated_cloud, cirrus, shadow, snow, water, dark_area, unclassified, e.g. default,snow. "
    "Fill and radiometrically saturated pixels (QA_RADSAT, SCL 1) are always masked.";

// The help text of --compress (index, composite).
inline constexpr const char* kCompressHelp =
    "Compression of the output COG: deflate (read everywhere), zstd (faster to write, about the "
    "same size; needs GDAL >= 2.3 to read, as QGIS 3 has) or none, optionally with a level, e.g. "
    "deflate:6 (default level 1: on index values higher levels save little and cost much time)";

// --mask: the selection, or gg::Error "--mask '...': unknown class ..." naming the valid words.
MaskSelection mask_option(const std::string& text);
// Warns when masking is on but the product lacks its QA_RADSAT file (saturated pixels then count).
void warn_unmasked_saturation(const Product& product, const MaskSelection& mask);

}  // namespace gg::cli
