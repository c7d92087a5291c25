#pragma once
// Which conditions mask a pixel, named once for every sensor (`--mask` and the project file's
// imagery.mask). Fill / no data, radiometric saturation, terrain occlusion and dropped pixels are
// not a choice: whenever the QA band is read they are masked (docs/methods.md section 2).
#include <string>

#include "core/qa_masks.hpp"

namespace gg {

enum class MaskClass { Cloud, DilatedCloud, Cirrus, Shadow, Snow, Water, DarkArea, Unclassified };

struct MaskSelection {
    // false (`--mask none`): the QA / SCL band is not read at all; only fill DNs are dropped.
    bool use_qa = true;
    // The default of docs/methods.md 2: QA_PIXEL bits 1-4, C1 cloud / high shadow / high cirrus,
    // SCL 3, 8, 9, 10 (snow, water, dark area and unclassified are kept).
    unsigned classes = bit(MaskClass::Cloud) | bit(MaskClass::DilatedCloud) |
                       bit(MaskClass::Cirrus) | bit(MaskClass::Shadow);

    static constexpr unsigned bit(MaskClass c) { return 1u << static_cast<unsigned>(c); }
    static MaskSelection none() { return {false, 0}; }
    bool has(MaskClass c) const { return (classes & bit(c)) != 0; }
    bool operator==(const MaskSelection&) const = default;
};

// "default", "none", "fill" (only what is always masked) or a comma-separated list of class names
// (cloud, dilated_cloud, cirrus, shadow, snow, water, dark_area, unclassified), which may include
// "default", e.g. "default,snow". Throws gg::Error naming the unknown word and the valid ones.
MaskSelection parse_mask_selection(const std::string& text);
// The canonical text of a selection ("none", "fill" or the class names), for output metadata.
std::string mask_selection_text(const MaskSelection& selection);

// The selection in each sensor's terms. A class the sensor does not flag is ignored (Collection 1
// BQA has no water or dilated-cloud bit; only SCL has dark area and unclassified).
LandsatC2MaskOptions landsat_c2_options(const MaskSelection& selection);
LandsatC1MaskOptions landsat_c1_options(const MaskSelection& selection);
SentinelSclMaskOptions sentinel2_options(const MaskSelection& selection);

}  // namespace gg
