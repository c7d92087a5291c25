#pragma once
// Small synthetic GDAL datasets written at test time, so each reader test states its own input.
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "gis/gdal_setup.hpp"

namespace gg::test {

struct RasterFixture {
    std::string crs;  // anything SetFromUserInput takes; empty: no CRS
    std::array<double, 6> geotransform{0, 1, 0, 0, 0, -1};
    int cols = 1;
    int rows = 1;
    int bands = 1;
    GDALDataType type = GDT_Byte;
    std::optional<double> nodata;  // set on every band
    std::vector<double> values;    // band-major, row-major; empty: zeros
};

inline void write_raster(const std::string& path, const RasterFixture& r) {
    gg::init_gdal();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDatasetUniquePtr ds(drv->Create(path.c_str(), r.cols, r.rows, r.bands, r.type, nullptr));
    if (!ds) throw std::runtime_error("cannot create " + path);
    std::array<double, 6> gt = r.geotransform;
    ds->SetGeoTransform(gt.data());
    if (!r.crs.empty()) {
        OGRSpatialReference srs;
        srs.SetFromUserInput(r.crs.c_str());
        ds->SetSpatialRef(&srs);
    }
    const size_t n = static_cast<size_t>(r.cols) * static_cast<size_t>(r.rows);
    for (int b = 1; b <= r.bands; ++b) {
        GDALRasterBand* band = ds->GetRasterBand(b);
        if (r.nodata) band->SetNoDataValue(*r.nodata);
        std::vector<double> v(n, 0.0);
        if (!r.values.empty())
            std::copy_n(r.values.begin() + static_cast<std::ptrdiff_t>((b - 1) * n), n, v.begin());
        if (band->RasterIO(GF_Write, 0, 0, r.cols, r.rows, v.data(), r.cols, r.rows, GDT_Float64, 0,
                           0) != CE_None)
            throw std::runtime_error("cannot write " + path);
    }
}

struct FieldFixture {
    std::string name;
    OGRFieldType type = OFTString;
};

struct FeatureFixture {
    std::string wkt;                  // empty: no geometry
    std::vector<std::string> values;  // one per field; "" leaves the field null
};

struct LayerFixture {
    std::string name = "zones";
    std::string crs;  // empty: no CRS
    OGRwkbGeometryType geometry_type = wkbUnknown;
    std::vector<FieldFixture> fields;
    std::vector<FeatureFixture> features;
};

// driver: "GPKG", "GeoJSON", "ESRI Shapefile", ...
inline void write_vector(const std::string& path, const std::string& driver,
                         const std::vector<LayerFixture>& layers) {
    gg::init_gdal();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver.c_str());
    GDALDatasetUniquePtr ds(drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw std::runtime_error("cannot create " + path);
    for (const LayerFixture& lf : layers) {
        OGRSpatialReference srs;
        if (!lf.crs.empty()) {
            srs.SetFromUserInput(lf.crs.c_str());
            srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        }
        OGRLayer* layer = ds->CreateLayer(lf.name.c_str(), lf.crs.empty() ? nullptr : &srs,
                                          lf.geometry_type, nullptr);
        if (!layer) throw std::runtime_error("cannot create layer " + lf.name + " in " + path);
        for (const FieldFixture& fld : lf.fields) {
            OGRFieldDefn defn(fld.name.c_str(), fld.type);
            layer->CreateField(&defn);
        }
        for (const FeatureFixture& ff : lf.features) {
            OGRFeature feature(layer->GetLayerDefn());
            for (size_t i = 0; i < ff.values.size(); ++i)
                if (!ff.values[i].empty())
                    feature.SetField(static_cast<int>(i), ff.values[i].c_str());
            if (!ff.wkt.empty()) {
                OGRGeometry* g = nullptr;
                OGRGeometryFactory::createFromWkt(ff.wkt.c_str(), nullptr, &g);
                if (!g) throw std::runtime_error("bad WKT " + ff.wkt);
                feature.SetGeometryDirectly(g);
            }
            if (layer->CreateFeature(&feature) != OGRERR_NONE)
                throw std::runtime_error("cannot write a feature to " + path);
        }
    }
}

}  // namespace gg::test
