#include "gis/ogr_util.hpp"

#include <cpl_conv.h>
#include <cpl_string.h>

namespace gg {

std::string to_wkt2(const OGRSpatialReference& srs) {
    char* wkt = nullptr;
    const char* const options[] = {"FORMAT=WKT2_2018", nullptr};
    srs.exportToWkt(&wkt, options);
    std::string out = wkt ? wkt : "";
    CPLFree(wkt);
    return out;
}

bool same_crs(const std::string& a, const std::string& b) {
    if (a == b) return true;
    OGRSpatialReference sa, sb;
    if (sa.SetFromUserInput(a.c_str()) != OGRERR_NONE) return false;
    if (sb.SetFromUserInput(b.c_str()) != OGRERR_NONE) return false;
    return sa.IsSame(&sb) != 0;
}

OGRFieldType ogr_field_type(ColumnType type) {
    switch (type) {
        case ColumnType::Integer:
            return OFTInteger64;
        case ColumnType::Real:
            return OFTReal;
        case ColumnType::String:
            return OFTString;
    }
    return OFTString;
}

std::string recode_to_utf8(const std::string& text, const std::string& encoding) {
    char* recoded = CPLRecode(text.c_str(), encoding.c_str(), CPL_ENC_UTF8);
    std::string out = recoded ? recoded : text;
    CPLFree(recoded);
    return out;
}

}  // namespace gg
