#pragma once
// The Landsat metadata file (MTL.txt, Collections 1 and 2): "KEY = value" lines inside nested
// GROUPs. Only what radiometric calibration and product recognition need is exposed.
#include <map>
#include <optional>
#include <string>

namespace gg {

// Keys repeat across groups in Collection 2 Level-2 files: LEVEL1_PROCESSING_RECORD repeats
// PROCESSING_LEVEL ("L1TP"), LANDSAT_PRODUCT_ID and FILE_NAME_BAND_n of the Level-1 source, and
// LEVEL1_RADIOMETRIC_RESCALING repeats REFLECTANCE_MULT/ADD_BAND_n (2.0E-05 / -0.1, the Level-1
// values). `values` keeps the first occurrence, which is the product's own (PRODUCT_CONTENTS and
// LEVEL2_* precede LEVEL1_*); `grouped` keeps every value under "GROUP/KEY" (GROUP = the innermost
// group) for the rest. A key repeated inside one group is an error.
struct LandsatMtl {
    std::string file;
    std::map<std::string, std::string> values;   // key -> value without quotes (first occurrence)
    std::map<std::string, std::string> grouped;  // "GROUP/KEY" -> value without quotes

    // The value of `key`, or nothing.
    std::optional<std::string> text(const std::string& key) const;
    // A numeric value; throws gg::Error "<file>: KEY is missing" / "is not a number".
    double number(const std::string& key) const;
    // The same inside one group, e.g. ("LEVEL1_RADIOMETRIC_RESCALING", "REFLECTANCE_MULT_BAND_4");
    // messages name "GROUP/KEY".
    std::optional<std::string> text_in(const std::string& group, const std::string& key) const;
    double number_in(const std::string& group, const std::string& key) const;

    int collection() const;                // COLLECTION_NUMBER (1 or 2)
    std::string spacecraft() const;        // SPACECRAFT_ID: LANDSAT_8, LANDSAT_9, LANDSAT_7, ...
    std::string processing_level() const;  // DATA_TYPE (C1) / PROCESSING_LEVEL (C2): L1TP, L2SP
    double sun_elevation_deg() const;      // SUN_ELEVATION
    // File name of a band (C2: from PRODUCT_CONTENTS): "4" -> FILE_NAME_BAND_4, "ST_B10" ->
    // FILE_NAME_BAND_ST_B10, "6_VCID_1" -> FILE_NAME_BAND_6_VCID_1; otherwise FILE_NAME_<suffix>,
    // e.g. "QUALITY_L1_PIXEL", "QUALITY_L1_RADIOMETRIC_SATURATION", "QUALITY_L2_AEROSOL",
    // "THERMAL_RADIANCE". "QUALITY" is the pixel-quality band of either collection:
    // FILE_NAME_BAND_QUALITY (C1 BQA) or FILE_NAME_QUALITY_L1_PIXEL (C2 QA_PIXEL). Real C2 Level-2
    // MTLs name their QA_PIXEL FILE_NAME_QUALITY_L1_PIXEL too (there is no ..._L2_PIXEL key), so
    // "QUALITY_L2_PIXEL" is accepted as an alias of it.
    std::optional<std::string> file_name(const std::string& band_suffix) const;
};

// Parses MTL text; throws gg::Error "<file>:<line>: ..." for a malformed line, an unbalanced
// GROUP/END_GROUP, a key repeated in one group, or a missing END line (a truncated file).
LandsatMtl parse_mtl(const std::string& text, const std::string& file_label);
LandsatMtl load_mtl_file(const std::string& path);

}  // namespace gg
