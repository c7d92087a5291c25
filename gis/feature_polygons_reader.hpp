#pragma once
// The polygons of a layer's features for measuring (green spaces, wetland inventories): each
// feature's polygonal parts, made valid, in the target CRS, with what was repaired, dropped or
// empty counted for the warnings the layer gets.
#include <ogrsf_frmts.h>

#include <string>
#include <vector>

#include "gis/geos_util.hpp"
#include "gis/ogr_layer.hpp"

namespace gg {

class FeaturePolygonsReader {
  public:
    // where: the layer as messages name it; what: the kind of geometry ("a wetland geometry").
    FeaturePolygonsReader(std::string where, const Reprojection& reproj, const Geos& geos,
                          std::string what)
        : where_(std::move(where)), reproj_(reproj), geos_(geos), what_(std::move(what)) {}

    // The feature's polygons in the target CRS, valid; nullptr when it has none (counted).
    // Throws gg::Error naming the feature when its geometry cannot be repaired or transformed.
    Geos::Ptr read(const OGRFeature& f);

    int repaired_count() const { return static_cast<int>(repaired_.size()); }
    // One line each for repaired, dropped and empty features, appended to `warnings`.
    void add_warnings(std::vector<std::string>& warnings) const;

  private:
    std::string where_;
    const Reprojection& reproj_;
    const Geos& geos_;
    std::string what_;
    std::vector<std::string> repaired_, dropped_, empty_;  // feature ids
};

}  // namespace gg
