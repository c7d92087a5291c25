#pragma once
// What every output records about the run that made it: tool version, the command line as
// typed, creation time (UTC) and the inputs (GeoPackage metadata, JSON "metadata", COG tags).
#include <string>
#include <utility>
#include <vector>

#include "gis/table_writer.hpp"

namespace gg {

// The command line as typed (set once at start by the executable).
void set_command_line(int argc, char** argv);
const std::string& command_line();

// Tool version, command line, creation time and the given inputs, as greengauge_* items.
Metadata output_metadata(const std::vector<std::pair<std::string, std::string>>& inputs);

}  // namespace gg
