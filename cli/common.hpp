#pragma once
// Small pieces shared by the subcommands: warnings, output metadata, zone checks.
#include <string>
#include <vector>

#include "core/mask_selection.hpp"
#include "gis/output_metadata.hpp"
#include "gis/product.hpp"
#include "gis/table_writer.hpp"
#include "gis/zone_reader.hpp"

namespace gg::cli {

void warn(const std::string& message);

// Throws gg::Error when the output path's extension is not one the command writes.
void check_output_extension(const std::string& path, const std::vector<std::string>& allowed);

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
