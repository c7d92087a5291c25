// Landsat QA and Sentinel-2 SCL masks (core/qa_masks.hpp). Bit layouts from docs/methods.md section
// 2: USGS Landsat 8-9 Collection 2 Level-2 Science Product Guide (QA_PIXEL), USGS Landsat
// Collection 1 Level-1 Quality Assessment Band pages (BQA, Landsat 8 and Landsat 4-7), ESA
// Sentinel-2 L2A Product Specification / Level-2A Algorithm Theoretical Basis Document (SCL
// classes).
#include "core/qa_masks.hpp"

namespace gg {
namespace {

bool bit(uint16_t value, int index) {
    return ((value >> index) & 1u) != 0;
}

// A 2-bit field starting at `first_bit`: 0 none, 1 low, 2 medium, 3 high (C1 confidences).
int field2(uint16_t value, int first_bit) {
    return (value >> first_bit) & 0b11;
}

constexpr int kHighConfidence = 3;

}  // namespace

bool landsat_c2_qa_masked(uint16_t qa, const LandsatC2MaskOptions& options) {
    // Bits (C2 QA_PIXEL): 0 fill, 1 dilated cloud, 2 cirrus, 3 cloud, 4 cloud shadow, 5 snow.
    // Bit 6 (clear) and the confidences 8-15 never mask on their own; 7 (water) only on request.
    if (bit(qa, 0)) return true;  // fill: always masked
    if (options.dilated_cloud && bit(qa, 1)) return true;
    if (options.cirrus && bit(qa, 2)) return true;
    if (options.cloud && bit(qa, 3)) return true;
    if (options.cloud_shadow && bit(qa, 4)) return true;
    if (options.snow && bit(qa, 5)) return true;
    if (options.water && bit(qa, 7)) return true;
    return false;
}

bool landsat_c2_radsat_masked(uint16_t radsat) {
    // QA_RADSAT: per-band saturation bits, terrain occlusion (L8/9) or dropped pixel (L4-7);
    // docs/methods.md 2: any nonzero value is masked.
    return radsat != 0;
}

bool landsat_c1_bqa_masked(uint16_t bqa, LandsatC1Sensor sensor,
                           const LandsatC1MaskOptions& options) {
    // Both sensors: 0 designated fill, 1 terrain occlusion (L8) / dropped pixel (L7), 2-3
    // radiometric saturation (number of saturated bands: 0 none, 1 one or two, 2 three or four,
    // 3 five or more), 4 cloud, 5-6 cloud confidence, 7-8 cloud-shadow confidence, 9-10 snow/ice
    // confidence; Landsat 8 only: 11-12 cirrus confidence.
    if (bit(bqa, 0)) return true;
    if (bit(bqa, 1)) return true;
    if (field2(bqa, 2) != 0) return true;
    if (options.cloud && (bit(bqa, 4) || field2(bqa, 5) == kHighConfidence)) return true;
    if (options.cloud_shadow_high && field2(bqa, 7) == kHighConfidence) return true;
    if (options.snow_high && field2(bqa, 9) == kHighConfidence) return true;
    if (sensor == LandsatC1Sensor::Landsat8 && options.cirrus_high &&
        field2(bqa, 11) == kHighConfidence) {
        return true;
    }
    return false;
}

bool sentinel2_scl_masked(int scl_class, const SentinelSclMaskOptions& options) {
    // 0 no data and 1 saturated/defective are always masked; so is a value outside the 12
    // classes 0-11 (not a scene classification).
    if (scl_class <= 1 || scl_class > 11) return true;
    return options.masked_classes.contains(scl_class);
}

}  // namespace gg
