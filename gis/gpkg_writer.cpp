// GeoPackage output through GDAL's GPKG driver: one layer, typed fields, optional geometry.
#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/ogr_util.hpp"
#include "gis/table_writer.hpp"
#include "gis/table_writer_internal.hpp"

namespace gg {

namespace {

using detail::GdalErrors;
using GeometryPtr = std::unique_ptr<OGRGeometry, decltype(&OGRGeometryFactory::destroyGeometry)>;

GeometryPtr parse_wkb(const std::vector<unsigned char>& wkb, std::size_t row,
                      const std::string& path, const GdalErrors& errors) {
    OGRGeometry* geometry = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &geometry, wkb.size()) !=
        OGRERR_NONE)
        errors.fail(path, "row " + std::to_string(row + 1) + " has invalid WKB geometry");
    return {geometry, &OGRGeometryFactory::destroyGeometry};
}

// The geometry type in a WKB header (OGR's reader of it is private): byte order, then a uint32
// that is ISO (1000s: Z, 2000s: M) or has the old 0x80000000 Z / 0x40000000 M flags.
std::optional<std::pair<OGRwkbGeometryType, bool>> wkb_header(
    const std::vector<unsigned char>& wkb) {
    if (wkb.size() < 5 || wkb[0] > 1) return std::nullopt;
    uint32_t code = 0;
    for (int i = 0; i < 4; ++i) {
        const uint32_t byte = wkb[wkb[0] == 1 ? 1 + i : 4 - i];
        code |= byte << (8 * i);
    }
    const bool old_z = (code & 0x80000000u) != 0;
    code &= 0x0fffffffu;
    const bool iso_z = code / 1000 == 1 || code / 1000 == 3;
    return std::pair{static_cast<OGRwkbGeometryType>(code % 1000), old_z || iso_z};
}

// All polygons/multipolygons: MultiPolygon, so QGIS sees one geometry type; another single type
// is kept; a mix is Unknown.
OGRwkbGeometryType layer_type(const TableGeometry& geometry) {
    bool any = false, all_polygonal = true, has_z = false;
    OGRwkbGeometryType common = wkbUnknown;
    for (const auto& wkb : geometry.wkb) {
        const auto header = wkb_header(wkb);
        if (!header) continue;  // empty (NULL geometry) or invalid: reported with its row later
        const auto [flat, z] = *header;
        has_z = has_z || z;
        all_polygonal = all_polygonal && (flat == wkbPolygon || flat == wkbMultiPolygon);
        common = !any ? flat : (common == flat ? common : wkbUnknown);
        any = true;
    }
    if (!any) return wkbUnknown;
    const OGRwkbGeometryType type = all_polygonal ? wkbMultiPolygon : common;
    return has_z && type != wkbUnknown ? wkbSetZ(type) : type;
}
void set_cell(OGRFeature& feature, int field, const Cell& cell) {
    if (const auto* i = std::get_if<int64_t>(&cell))
        feature.SetField(field, static_cast<GIntBig>(*i));
    else if (const auto* d = std::get_if<double>(&cell))
        feature.SetField(field, *d);
    else if (const auto* s = std::get_if<std::string>(&cell))
        feature.SetField(field, s->c_str());
    else
        feature.SetFieldNull(field);
}

}  // namespace

void write_gpkg(const Table& table, const std::string& path, const std::string& layer_name,
                const std::optional<TableGeometry>& geometry, const Metadata& metadata) {
    if (geometry && geometry->wkb.size() != table.rows.size())
        throw Error("cannot write '" + path + "': " + std::to_string(geometry->wkb.size()) +
                    " geometries for " + std::to_string(table.rows.size()) + " rows");
    init_gdal();

    // Declaration order matters: the dataset closes first, then errors are unmuted, then the
    // temporary file is removed (unless committed).
    AtomicOutput output(path);
    GdalErrors errors;
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (driver == nullptr) errors.fail(path, "GDAL has no GPKG driver");
    GDALDatasetUniquePtr dataset(
        driver->Create(output.temp_path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!dataset) errors.fail(path, "cannot create GeoPackage");

    OGRSpatialReference srs;
    const bool has_srs = geometry && !geometry->crs_wkt.empty();
    if (has_srs) {
        if (srs.importFromWkt(geometry->crs_wkt.c_str()) != OGRERR_NONE)
            errors.fail(path, "invalid CRS WKT");
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }
    const OGRwkbGeometryType type = geometry ? layer_type(*geometry) : wkbNone;
    OGRLayer* layer =
        dataset->CreateLayer(layer_name.c_str(), has_srs ? &srs : nullptr, type, nullptr);
    if (layer == nullptr) errors.fail(path, "cannot create layer '" + layer_name + "'");
    for (const auto& column : table.columns) {
        OGRFieldDefn field(column.name.c_str(), ogr_field_type(column.type));
        if (layer->CreateField(&field, /*bApproxOK=*/FALSE) != OGRERR_NONE)
            errors.fail(path, "cannot create field '" + column.name + "'");
    }
    // GPKG creates the table lazily; make it happen now so its errors are reported as such.
    layer->SyncToDisk();
    errors.check(path, "cannot create layer '" + layer_name + "'");
    for (const auto& [key, value] : metadata) {
        if (layer->SetMetadataItem(key.c_str(), value.c_str()) != CE_None ||
            dataset->SetMetadataItem(key.c_str(), value.c_str()) != CE_None)
            errors.fail(path, "cannot set metadata item '" + key + "'");
    }

    // One transaction: per-row commits make 10,000 rows take minutes instead of a second.
    if (dataset->StartTransaction() != OGRERR_NONE) errors.fail(path, "cannot start a transaction");
    const bool to_multi = wkbFlatten(type) == wkbMultiPolygon;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        detail::check_row(table, r, path);
        OGRFeature feature(layer->GetLayerDefn());
        for (std::size_t c = 0; c < table.columns.size(); ++c)
            set_cell(feature, static_cast<int>(c), table.rows[r][c]);
        if (geometry && !geometry->wkb[r].empty()) {
            GeometryPtr geom = parse_wkb(geometry->wkb[r], r, path, errors);
            if (to_multi) geom.reset(OGRGeometryFactory::forceToMultiPolygon(geom.release()));
            feature.SetGeometryDirectly(geom.release());
        }
        if (layer->CreateFeature(&feature) != OGRERR_NONE)
            errors.fail(path, "cannot write row " + std::to_string(r + 1));
    }
    if (dataset->CommitTransaction() != OGRERR_NONE) errors.fail(path, "cannot commit");

    errors.check(path, "writing the rows failed");
    dataset.reset();  // GDAL 3.6's close returns nothing: failures show only as errors
    errors.check(path, "closing the GeoPackage failed");
    output.commit();
}

}  // namespace gg
