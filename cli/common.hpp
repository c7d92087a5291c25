#pragma once
// Small pieces shared by the subcommands: warnings, output metadata, zone checks.
#include <string>
#include <vector>

#include "core/accumulator.hpp"
#include "gis/table_writer.hpp"
#include "gis/zone_reader.hpp"

namespace gg::cli {

void warn(const std::string& message);

// The command line as typed, recorded in every output's metadata.
void set_command_line(int argc, char** argv);

// Tool version, command line, creation time (UTC) and the given inputs.
Metadata output_metadata(const std::vector<std::pair<std::string, std::string>>& inputs);

// Throws gg::Error when the output path's extension is not one the command writes.
void check_output_extension(const std::string& path, const std::vector<std::string>& allowed);

// Warnings for repaired geometries, reader warnings, and zones that touch no raster pixel
// (their statistics stay empty). Throws gg::Error when no zone overlaps the raster at all.
// first_channel[z] is any accumulator of zone z.
void report_zone_coverage(const ZoneSet& zones, const std::string& raster_path,
                          const std::vector<const ZoneAccumulator*>& first_channel);

// Geometries of the zones in their own CRS, for a GeoPackage layer.
TableGeometry zone_geometries(const ZoneSet& zones);

}  // namespace gg::cli
