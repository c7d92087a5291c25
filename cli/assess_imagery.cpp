#include "cli/assess_imagery.hpp"

#include "cli/common.hpp"

#include "core/composite.hpp"
#include "gis/composite_source.hpp"
#include "gis/product.hpp"
#include "gis/raster_source.hpp"

namespace gg::cli {

ImagerySource open_imagery(const Project& p) {
    ImagerySource imagery;
    if (p.products.empty() && (p.image_scale != 1 || p.image_offset != 0)) {
        // The generic profile: the stack's DNs calibrated before NDVI (no QA band to mask with).
        const Product stack = generic_product(p.image, {{"red", p.red_band}, {"nir", p.nir_band}},
                                              {p.image_scale, p.image_offset});
        imagery.composite = composite_window_source({stack}, {"red", "nir"},
                                                    CompositeMethod::Median, MaskSelection::none());
        imagery.label = p.image;
        imagery.crs_wkt = imagery.composite->info.crs_wkt;
        return imagery;
    }
    if (p.products.empty()) {
        const RasterSource image = RasterSource::open(p.image);
        image.check_band(p.red_band);
        image.check_band(p.nir_band);
        imagery.label = p.image;
        imagery.crs_wkt = image.info().crs_wkt;
        return imagery;
    }
    std::vector<Product> products;
    for (const auto& path : p.products) {
        products.push_back(recognise_product(path));
        warn_unmasked_saturation(products.back(), p.mask);
    }
    imagery.composite = composite_window_source(products, {"red", "nir"},
                                                parse_composite_method(p.composite), p.mask);
    imagery.label = p.products.size() == 1
                        ? p.products.front()
                        : std::to_string(p.products.size()) + " products (" + p.composite + ")";
    imagery.crs_wkt = imagery.composite->info.crs_wkt;
    return imagery;
}

void read_red_nir(const Project& p, const ImagerySource& imagery, ZonalJob& job) {
    if (imagery.composite) {
        job.custom = imagery.composite;
    } else {
        job.raster_path = p.image;
        job.bands = {p.red_band, p.nir_band};
    }
}

}  // namespace gg::cli
