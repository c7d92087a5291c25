#pragma once
// Cloud, shadow and quality masks from Landsat QA bands and the Sentinel-2 scene classification
// (docs/methods.md section 2). `true` means the pixel is masked (excluded from every statistic).
#include <cstdint>
#include <set>
#include <string>

namespace gg {

// Landsat Collection 2 QA_PIXEL. Bits: 0 fill, 1 dilated cloud, 2 cirrus (8/9), 3 cloud,
// 4 cloud shadow, 5 snow, 6 clear, 7 water, 8-9 cloud confidence, 10-11 shadow confidence,
// 12-13 snow confidence, 14-15 cirrus confidence.
struct LandsatC2MaskOptions {
    bool dilated_cloud = true;
    bool cirrus = true;
    bool cloud = true;
    bool cloud_shadow = true;
    bool snow = false;
    bool water = false;  // bit 7: off by default, water is a surface, not a defect
};
bool landsat_c2_qa_masked(uint16_t qa, const LandsatC2MaskOptions& options = {});
// Landsat Collection 2 QA_RADSAT (one saturation bit per band, plus terrain occlusion on Landsat
// 8/9 or dropped pixel on Landsat 4-7): any nonzero value is masked (docs/methods.md 2), where that
// band is present.
bool landsat_c2_radsat_masked(uint16_t radsat);

// Landsat Collection 1 BQA. Landsat 8: 0 designated fill, 1 terrain occlusion, 2-3 radiometric
// saturation, 4 cloud, 5-6 cloud confidence, 7-8 cloud-shadow confidence, 9-10 snow/ice
// confidence, 11-12 cirrus confidence. Landsat 7: bit 1 is dropped pixel and there is no cirrus.
// Fill, terrain occlusion / dropped pixels and saturation (bits 2-3 nonzero) are always masked.
// Confidence fields are 2-bit values: 0 none, 1 low, 2 medium, 3 high.
enum class LandsatC1Sensor { Landsat8, Landsat7 };
struct LandsatC1MaskOptions {
    bool cloud = true;              // bit 4, or cloud confidence high
    bool cloud_shadow_high = true;  // shadow confidence high (3)
    bool cirrus_high = true;        // Landsat 8 only: cirrus confidence high (3)
    bool snow_high = false;         // snow/ice confidence high (3)
};
bool landsat_c1_bqa_masked(uint16_t bqa, LandsatC1Sensor sensor,
                           const LandsatC1MaskOptions& options = {});

// Sentinel-2 L2A scene classification (SCL): 0 no data, 1 saturated/defective, 2 dark area,
// 3 cloud shadow, 4 vegetation, 5 not vegetated, 6 water, 7 unclassified, 8 cloud medium prob.,
// 9 cloud high prob., 10 thin cirrus, 11 snow. Default mask: 0, 1, 3, 8, 9, 10; classes 0 and 1
// are always masked whatever the options say, and so is a value outside 0-11.
struct SentinelSclMaskOptions {
    std::set<int> masked_classes = {0, 1, 3, 8, 9, 10};
};
bool sentinel2_scl_masked(int scl_class, const SentinelSclMaskOptions& options = {});

}  // namespace gg
