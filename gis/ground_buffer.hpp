#pragma once
// Polygons buffered by a ground distance in metres, whatever their CRS: the buffer is computed in
// a projected CRS whose scale is 1 where the polygons are, then brought back. Used by the access
// areas of green spaces and the rural reference rings of the heat island intensity. Internal to
// gis/.
#include <ogr_spatialref.h>

#include <memory>
#include <string>

#include "core/area_convention.hpp"
#include "core/geometry.hpp"
#include "gis/geos_util.hpp"

namespace gg {

class GroundBuffer {
  public:
    // target: the polygons' CRS (traditional GIS axis order); centre: the centre of the area the
    // buffers are for, in it. Ellipsoidal: a transverse Mercator of scale 1 centred there.
    // Planar: the target CRS itself when projected (distances in its units), else a UTM zone on
    // its datum. what: names the caller in errors ("accessibility").
    GroundBuffer(const OGRSpatialReference& target, const Point& centre, AreaConvention areas,
                 const std::string& what);
    ~GroundBuffer();
    GroundBuffer(const GroundBuffer&) = delete;
    GroundBuffer& operator=(const GroundBuffer&) = delete;

    // The union of the polygons, each buffered by distance_m, in the target CRS.
    Geos::Ptr buffer(const Geos& geos, MultiPolygon polygons, double distance_m,
                     int quadrant_segments) const;
    const std::string& work_crs() const { return work_crs_; }
    bool reprojected() const { return to_work_ != nullptr; }

  private:
    std::string what_;
    std::string work_crs_;
    double unit_m_ = 1;  // metres per unit of the work CRS when it is the target itself
    std::unique_ptr<OGRCoordinateTransformation> to_work_, from_work_;
    bool target_geographic_ = false;
    double target_unit_ = 1;
};

// Inserts vertices so no edge is longer than max_segment, then transforms every vertex; throws
// gg::Error "<what>: polygons cannot be transformed ..." when PROJ cannot.
void densify_and_transform(MultiPolygon& g, double max_segment, OGRCoordinateTransformation& ct,
                           const std::string& what);

}  // namespace gg
