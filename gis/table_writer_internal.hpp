#pragma once
// Shared by the CSV and GeoPackage writers (gis/ only, not part of the public interface).
#include <cstddef>
#include <string>

#include "gis/table_writer.hpp"

namespace gg::detail {

// Throws gg::Error naming `path`, the row and the column when row `index` has the wrong number of
// cells or a cell whose type does not fit its column. Called while writing, row by row, so a bad
// row fails the write after the temporary file exists (and is then removed).
void check_row(const Table& table, std::size_t index, const std::string& path);

// The extension including the dot, lower case ("" when none): ".csv", ".gpkg".
std::string lower_extension(const std::string& path);

}  // namespace gg::detail
