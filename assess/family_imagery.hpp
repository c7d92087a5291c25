#pragma once
// The imagery of a project: one raster stack (bands named by the project file, optionally
// scaled) or recognised products (Landsat, Sentinel-2) as calibrated, cloud-masked reflectance
// composited per pixel over the dates given. It owns the `imagery` section, opens the image with
// the bands the other families ask for (red and NIR for green), and measures how much of each
// zone the image covers: a zone covered less than imagery.min_coverage keeps its image-based
// metrics, but its indicators that use them are not scored.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "assess/family.hpp"
#include "core/mask_selection.hpp"
#include "gis/product.hpp"

namespace gg::assess {

const Family& imagery_family();

inline constexpr const char* kImageryRaster = "imagery";
inline constexpr const char* kImageryBasis = "imagery";

struct ImagerySettings : FamilySettings {
    std::string image;                      // a raster stack, or
    std::map<std::string, int> role_bands;  // role -> band of the stack (red, nir)
    double scale = 1;                       // the generic profile: value = DN * scale + offset
    double offset = 0;
    std::vector<std::string> products;  // recognised products, composited
    std::string composite = "median";   // median | mean | max-ndvi
    MaskSelection mask;
    int64_t max_span_days = 365;  // products further apart get a warning (as composite's)
    double min_coverage = 0.9;    // share of a zone the image must cover for its scores
    // Files of a product that need not be beside its metadata, by product: a batch's STAC item
    // assets (assess/batch_stac.hpp). Empty for a project's own products.
    std::map<std::string, std::vector<std::string>> product_files;

    // What recognise_product needs to find `path`'s bands: its given files.
    RecogniseOptions recognise_options(const std::string& path) const {
        RecogniseOptions o;
        if (const auto it = product_files.find(path); it != product_files.end())
            o.files = it->second;
        return o;
    }
};

}  // namespace gg::assess
