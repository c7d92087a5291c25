#include "cli/common.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "core/error.hpp"

namespace gg::cli {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

struct ReportState {
    ReportFlags flags;
    std::vector<std::string> warnings;
};

ReportState& state() {
    static ReportState s;
    return s;
}

}  // namespace

void add_report_flags(CLI::App& cmd, ReportFlags& flags, const std::string& overwrite_help) {
    cmd.add_flag("-q,--quiet", flags.quiet,
                 "Print errors only: no warnings, progress, tables or summary line (--json "
                 "still prints its summary)");
    cmd.add_flag("--json", flags.json,
                 "Print a JSON summary of the run on standard output (outputs written, counts, "
                 "warnings) instead of text");
    cmd.add_flag("--overwrite", flags.overwrite, overwrite_help);
}

void set_report_mode(const ReportFlags& flags) {
    state().flags = flags;
}

bool text_output() {
    return !state().flags.quiet && !state().flags.json;
}

bool progress_output() {
    return !state().flags.quiet;
}

std::string one_line(const std::string& message) {
    std::string out;
    out.reserve(message.size());
    for (char c : message) {
        if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '\t')
            out += "\\t";
        else
            out += c;
    }
    return out;
}

void warn(const std::string& message) {
    state().warnings.push_back(message);
    if (!state().flags.quiet) std::cerr << "greengauge: warning: " << one_line(message) << "\n";
}

void print_json(nlohmann::ordered_json summary) {
    if (!summary.contains("warnings")) summary["warnings"] = state().warnings;
    std::cout << summary.dump(2) << "\n";
}

MaskSelection mask_option(const std::string& text) {
    try {
        return parse_mask_selection(text);
    } catch (const Error& e) {
        throw Error(std::string("--") + e.what());
    }
}

void warn_unmasked_saturation(const Product& product, const MaskSelection& mask) {
    if (!mask.use_qa || !product.mask.saturation_missing) return;
    warn(product.path + ": QA_RADSAT file missing (" + product.mask.saturation_path +
         "): radiometrically saturated pixels are not masked");
}

void check_output_extension(const std::string& path, const std::vector<std::string>& allowed) {
    const auto dot = path.find_last_of('.');
    const std::string ext = dot == std::string::npos ? "" : lower(path.substr(dot + 1));
    if (std::find(allowed.begin(), allowed.end(), ext) != allowed.end()) return;
    std::string list;
    for (const auto& a : allowed) list.append(list.empty() ? "." : " or .").append(a);
    throw Error(path + ": unsupported output format (use " + list + ")");
}

void check_overwrite(const std::string& path, bool overwrite) {
    std::error_code ec;
    if (overwrite || !std::filesystem::exists(path, ec)) return;
    throw Error(path + ": exists (use --overwrite to replace it)");
}

namespace {
int g_exit_code = 0;
}

void set_exit_code(int code) {
    g_exit_code = code;
}
int exit_code() {
    return g_exit_code;
}

}  // namespace gg::cli
