// The Sentinel-2 MTD_MSIL2A.xml parser on any text, then the offsets and reflectance of every
// band id.
#include <string>

#include "core/sentinel2_metadata.hpp"
#include "fuzz/clean_errors.hpp"
#include "fuzz/targets.hpp"

namespace gg::fuzz {

int sentinel2_mtd(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    expect_clean([&] {
        const Sentinel2Metadata m = parse_mtd_msil2a(text, "MTD_MSIL2A.xml");
        (void)sentinel2_baseline_has_offsets(m.processing_baseline);
        for (int band = -1; band <= 13; ++band)
            expect_clean([&] { (void)sentinel2_reflectance(m, band, 1234); });
    });
    return 0;
}

}  // namespace gg::fuzz
