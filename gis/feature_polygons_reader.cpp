#include "gis/feature_polygons_reader.hpp"

namespace gg {

Geos::Ptr FeaturePolygonsReader::read(const OGRFeature& f) {
    const std::string fid = std::to_string(f.GetFID());
    FeaturePolygons fp = feature_polygons(f.GetGeometryRef());
    if (fp.unrepairable)
        fail_at(where_, "feature " + fid + ": invalid geometry that GEOS cannot repair");
    if (fp.dropped) dropped_.push_back(fid);
    if (fp.repaired) repaired_.push_back(fid);
    if (!fp.geometry || fp.geometry->IsEmpty()) {
        empty_.push_back(fid);
        return nullptr;
    }
    if (!reproject(*fp.geometry, reproj_))
        fail_at(where_, "feature " + fid + " cannot be transformed to the target CRS");
    // Reprojection can bend a valid polygon into an invalid one near its limits: check again.
    return geos_.make_valid(geos_.own(fp.geometry->exportToGEOS(geos_.handle()), what_.c_str()));
}

void FeaturePolygonsReader::add_warnings(std::vector<std::string>& warnings) const {
    if (!repaired_.empty())
        warnings.push_back(
            where_ + ": " + plural(repaired_.size(), "invalid geometry", "invalid geometries") +
            " repaired with GEOS make-valid (features " + quoted_sample(repaired_) + ")");
    if (!dropped_.empty())
        warnings.push_back(where_ + ": non-polygon parts dropped from " +
                           plural(dropped_.size(), "feature", "features") + " (" +
                           quoted_sample(dropped_) + ")");
    if (!empty_.empty())
        warnings.push_back(where_ + ": " + plural(empty_.size(), "feature has", "features have") +
                           " no polygon geometry (" + quoted_sample(empty_) + ")");
}

}  // namespace gg
