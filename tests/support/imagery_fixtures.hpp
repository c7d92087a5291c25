#pragma once
// Small synthetic imagery products written at test time: Landsat Collection 2 Level-2
// (SR_B4/SR_B5/QA_PIXEL GeoTIFFs + MTL) and Sentinel-2 L2A (B04/B08 at 10 m, B11/SCL at 20 m +
// MTD_MSIL2A.xml), plus copies of the real Landsat 8 sample with a replaced BQA.
#include <filesystem>
#include <string>
#include <vector>

#include "support/gdal_fixtures.hpp"
#include "support/run_command.hpp"

namespace gg::test {

inline const std::string kLandsatDir = std::string(GG_DATA_DIR) + "/landsat";
inline const std::string kL8Id = "LC08_L1TP_195025_20130707_20170503_01_T1";
inline const std::string kL7Id = "LE07_L1TP_195025_20010730_20170204_01_T1";
inline const std::string kL8Mtl = kLandsatDir + "/" + kL8Id + "_MTL.txt";
inline const std::string kL7Mtl = kLandsatDir + "/" + kL7Id + "_MTL.txt";

// A north-up UTM raster of cols x rows cells of `cell` m at (500000, 1000000).
inline RasterFixture utm_raster(int cols, int rows, double cell, std::vector<double> values,
                                GDALDataType type = GDT_UInt16) {
    RasterFixture r;
    r.crs = "EPSG:32647";
    r.geotransform = {500000, cell, 0, 1000000, 0, -cell};
    r.cols = cols;
    r.rows = rows;
    r.type = type;
    r.values = std::move(values);
    return r;
}

// The MTL of Landsat Collection 2 Level-2 (L2SP) product `id` in dir (its ID, level, collection,
// spacecraft and sun elevation: what the recogniser reads); returns its path.
inline std::string write_l2sp_mtl(const std::string& dir, const std::string& id,
                                  const std::string& spacecraft = "LANDSAT_8") {
    const std::string mtl = dir + "/" + id + "_MTL.txt";
    write_text(mtl,
               "GROUP = LANDSAT_METADATA_FILE\n  GROUP = PRODUCT_CONTENTS\n"
               "    LANDSAT_PRODUCT_ID = \"" +
                   id +
                   "\"\n    PROCESSING_LEVEL = \"L2SP\"\n"
                   "    COLLECTION_NUMBER = 02\n  END_GROUP = PRODUCT_CONTENTS\n"
                   "  GROUP = IMAGE_ATTRIBUTES\n    SPACECRAFT_ID = \"" +
                   spacecraft +
                   "\"\n"
                   "    SUN_ELEVATION = 50.0\n  END_GROUP = IMAGE_ATTRIBUTES\n"
                   "END_GROUP = LANDSAT_METADATA_FILE\nEND\n");
    return mtl;
}

// Landsat 8 (or another spacecraft) C2 L2SP: SR_B4, SR_B5, QA_PIXEL, QA_RADSAT 2 x 2 and the MTL.
// radsat empty: no QA_RADSAT file (a download without it).
inline std::string write_c2_l2(const std::string& dir, const std::vector<double>& red,
                               const std::vector<double>& nir, const std::vector<double>& qa,
                               const std::string& spacecraft = "LANDSAT_8",
                               GDALDataType type = GDT_UInt16,
                               const std::vector<double>& radsat = {0, 0, 0, 0}) {
    const std::string id = "LC08_L2SP_129050_20230101_20230110_02_T1";
    write_raster(dir + "/" + id + "_SR_B4.TIF", utm_raster(2, 2, 30, red, type));
    write_raster(dir + "/" + id + "_SR_B5.TIF", utm_raster(2, 2, 30, nir));
    write_raster(dir + "/" + id + "_QA_PIXEL.TIF", utm_raster(2, 2, 30, qa));
    if (!radsat.empty())
        write_raster(dir + "/" + id + "_QA_RADSAT.TIF", utm_raster(2, 2, 30, radsat));
    return write_l2sp_mtl(dir, id, spacecraft);
}

inline std::string mtd_msil2a(const std::string& baseline, int offset) {
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<n1:Level-2A_User_Product>\n"
        "<General_Info><Product_Info><PROCESSING_BASELINE>" +
        baseline +
        "</PROCESSING_BASELINE></Product_Info>\n<Product_Image_Characteristics>\n"
        "<QUANTIFICATION_VALUES_LIST><BOA_QUANTIFICATION_VALUE unit=\"none\">10000"
        "</BOA_QUANTIFICATION_VALUE></QUANTIFICATION_VALUES_LIST>\n<BOA_ADD_OFFSET_VALUES_LIST>\n";
    for (int b = 0; b <= 12; ++b)
        xml.append("<BOA_ADD_OFFSET band_id=\"")
            .append(std::to_string(b))
            .append("\">")
            .append(std::to_string(offset))
            .append("</BOA_ADD_OFFSET>\n");
    xml.append(
        "</BOA_ADD_OFFSET_VALUES_LIST>\n</Product_Image_Characteristics>\n</General_Info>\n"
        "</n1:Level-2A_User_Product>\n");
    return xml;
}

// Sentinel-2 L2A in dir: B04, B08 (4 x 4 at 10 m), B11 and SCL (2 x 2 at 20 m, same extent).
// SCL is 4 (vegetation) except the top-right 20 m cell, 9 (cloud high probability).
struct S2Fixture {
    std::vector<double> b04{1500, 1600, 1700, 1800, 1500, 1600, 1700, 1800,
                            1100, 1200, 1300, 1400, 1100, 1200, 1300, 1400};
    std::vector<double> b08{4000, 4100, 4200, 4300, 4000, 4100, 4200, 4300,
                            3000, 3100, 3200, 3300, 3000, 3100, 3200, 3300};
    std::vector<double> b11{2000, 2100, 2200, 2300};
    std::vector<double> scl{4, 9, 4, 5};
    bool with_mtd = true;
    double b08_x0 = 500000;  // move it to make the bands misaligned
    std::string b08_crs = "EPSG:32647";
};

inline void write_s2(const std::string& dir, const S2Fixture& f = {}) {
    const std::string p = dir + "/T47PPR_20230101T033101_";
    write_raster(p + "B04_10m.tif", utm_raster(4, 4, 10, f.b04));
    RasterFixture b08 = utm_raster(4, 4, 10, f.b08);
    b08.geotransform[0] = f.b08_x0;
    b08.crs = f.b08_crs;
    write_raster(p + "B08_10m.tif", b08);
    write_raster(p + "B11_20m.tif", utm_raster(2, 2, 20, f.b11));
    write_raster(p + "SCL_20m.tif", utm_raster(2, 2, 20, f.scl, GDT_Byte));
    if (f.with_mtd) write_text(dir + "/MTD_MSIL2A.xml", mtd_msil2a("04.00", -1000));
}

// The Landsat 8 sample copied into dir with its BQA replaced by `bqa` (41 x 41 values).
inline std::string copy_l8_with_bqa(const std::string& dir, const std::vector<double>& bqa) {
    namespace fs = std::filesystem;
    for (const char* s : {"_B4.TIF", "_B5.TIF", "_MTL.txt"})
        fs::copy_file(kLandsatDir + "/" + kL8Id + s, dir + "/" + kL8Id + s);
    RasterFixture r;
    r.crs = "EPSG:32632";
    r.geotransform = {483285, 30, 0, 5628525, 0, -30};
    r.cols = r.rows = 41;
    r.type = GDT_Int16;
    r.nodata = -32768;
    r.values = bqa;
    write_raster(dir + "/" + kL8Id + "_BQA.TIF", r);
    return dir + "/" + kL8Id + "_MTL.txt";
}

// Two zones on the Landsat 8 sample (41 x 41 pixels of 30 m, UTM 32N), written as a GeoPackage
// layer with a field `code`: "west" = pixel columns 0-19 and "east" = 20-40, whole pixels.
inline void write_l8_west_east_zones(const std::string& path) {
    LayerFixture zones;
    zones.crs = "EPSG:32632";
    zones.fields = {{"code", OFTString}};
    zones.features = {
        {"POLYGON((483285 5627295,483885 5627295,483885 5628525,483285 5628525,483285 5627295))",
         {"west"}},
        {"POLYGON((483885 5627295,484515 5627295,484515 5628525,483885 5628525,483885 5627295))",
         {"east"}}};
    write_vector(path, "GPKG", {zones});
}

}  // namespace gg::test
