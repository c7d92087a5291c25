#pragma once
// Sentinel-2 Level-2A product metadata (MTD_MSIL2A.xml): what reflectance needs. Reflectance =
// (DN + BOA_ADD_OFFSET) / BOA_QUANTIFICATION_VALUE; the offset is -1000 from processing baseline
// 04.00 on (products from 25 January 2022) and 0 before (docs/methods.md section 2; ESA Sentinel-2
// Products Specification Document, L2A, and the baseline 04.00 announcement).
#include <map>
#include <string>

namespace gg {

struct Sentinel2Metadata {
    std::string file;                      // label for messages
    std::string processing_baseline;       // e.g. "04.00", "02.09"
    std::map<int, double> boa_add_offset;  // band id (0..12 as in the XML BAND_ID) -> offset
    double quantification_value = 10000;   // BOA_QUANTIFICATION_VALUE
    std::string product_start_time;        // PRODUCT_START_TIME, e.g. 2024-01-15T03:35:39.024Z
    std::string spacecraft_name;           // SPACECRAFT_NAME, e.g. Sentinel-2A ("" when absent)
};

// Reads PROCESSING_BASELINE (required), BOA_QUANTIFICATION_VALUE (10000 when absent),
// PRODUCT_START_TIME and SPACECRAFT_NAME (empty when absent) and the
// <BOA_ADD_OFFSET band_id="N">value</BOA_ADD_OFFSET> elements of BOA_ADD_OFFSET_VALUES_LIST by
// plain text scanning (no XML library). Throws gg::Error "<file>: ..." for a missing or
// malformed baseline, a malformed value or band id, a band id repeated, and for baseline 04.00
// or later without any offset (using 0 there would bias every reflectance by +0.1).
Sentinel2Metadata parse_mtd_msil2a(const std::string& xml_text, const std::string& file_label);
Sentinel2Metadata load_mtd_msil2a_file(const std::string& path);

// True for processing baseline 04.00 or later ("MM.mm" compared as numbers).
bool sentinel2_baseline_has_offsets(const std::string& processing_baseline);

// The offset of a band: the file's value; 0 for a baseline before 04.00 that lists none; throws
// gg::Error for a band the file of a 04.00+ product does not list.
double boa_offset_for(const Sentinel2Metadata& metadata, int band_id);

// B01=0, B02=1, ..., B08=7, B8A=8, B09=9, B10=10, B11=11, B12=12 (the XML band ids, the order of
// Spectral_Information_List); "B1".."B9" are accepted too. Throws gg::Error for another name.
int sentinel2_band_id(const std::string& band_name);

// (DN + offset) / quantification value for band `band_id`.
double sentinel2_reflectance(const Sentinel2Metadata& metadata, int band_id, double dn);

}  // namespace gg
