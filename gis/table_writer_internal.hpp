#pragma once
// Shared by the CSV and GeoPackage writers (gis/ only, not part of the public interface).
#include <cpl_error.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "gis/gdal_setup.hpp"

#include "gis/table_writer.hpp"

namespace gg::detail {

// Throws gg::Error naming `path`, the row and the column when row `index` has the wrong number of
// cells or a cell whose type does not fit its column. Called while writing, row by row, so a bad
// row fails the write after the temporary file exists (and is then removed).
void check_row(const Table& table, std::size_t index, const std::string& path);
// The same for a row written alone (the streams of table_writer.hpp); index counts from 0.
void check_row(const std::vector<Column>& columns, const std::vector<Cell>& row, std::size_t index,
               const std::string& path);

// The extension including the dot, lower case ("" when none): ".csv", ".gpkg".
std::string lower_extension(const std::string& path);

// GDAL reports through CPLError, and some failures (the GPKG driver's deferred table creation)
// show only there, not in return codes. Keep them off stderr and remember the first failure, so
// it can end the write as one gg::Error line.
class GdalErrors {
  public:
    GdalErrors() { CPLPushErrorHandlerEx(&GdalErrors::handle, this); }
    GdalErrors(const GdalErrors&) = delete;
    GdalErrors& operator=(const GdalErrors&) = delete;
    ~GdalErrors() { CPLPopErrorHandler(); }

    [[noreturn]] void fail(const std::string& path, const std::string& what) const {
        std::string message = "cannot write '" + path + "': " + what;
        if (!first_failure_.empty()) message += ": " + first_failure_;
        std::replace(message.begin(), message.end(), '\n', ' ');  // the CLI prints one line
        throw Error(message);
    }
    // For steps whose return code does not tell.
    void check(const std::string& path, const std::string& what) const {
        if (!first_failure_.empty()) fail(path, what);
    }

  private:
    static void CPL_STDCALL handle(CPLErr level, CPLErrorNum, const char* message) {
        auto* self = static_cast<GdalErrors*>(CPLGetErrorHandlerUserData());
        if (level >= CE_Failure && self->first_failure_.empty() && message != nullptr)
            self->first_failure_ = without_quoted_sql(message);
    }
    std::string first_failure_;
};

}  // namespace gg::detail
