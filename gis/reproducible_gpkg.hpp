#pragma once
// GeoPackages that are the same bytes each time they are written from the same rows: the GPKG
// driver stamps gpkg_contents.last_change (and the metadata) with the clock unless GDAL's
// OGR_CURRENT_DATE names the time. While an instance lives, this thread's GeoPackages are stamped
// 1970-01-01T00:00:00Z (a batch merge: "merging twice gives the same bytes").
#include <optional>
#include <string>
#include <vector>

namespace gg {

class ReproducibleGpkgTime {
  public:
    ReproducibleGpkgTime();
    ~ReproducibleGpkgTime();
    ReproducibleGpkgTime(const ReproducibleGpkgTime&) = delete;
    ReproducibleGpkgTime& operator=(const ReproducibleGpkgTime&) = delete;

  private:
    std::optional<std::string> previous_;
};

// A geometry's WKB from one CRS into another (both WKT), for layers that gather zones of sources
// in different CRSs. Unchanged when the CRSs are the same or the WKB is empty. Throws gg::Error
// when PROJ cannot transform it.
std::vector<unsigned char> reproject_wkb(const std::vector<unsigned char>& wkb,
                                         const std::string& from_wkt, const std::string& to_wkt);

}  // namespace gg
