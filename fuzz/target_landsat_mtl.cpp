// The Landsat MTL parser on any text, then the accessors product recognition and calibration use.
#include <string>

#include "core/landsat_mtl.hpp"
#include "fuzz/clean_errors.hpp"
#include "fuzz/targets.hpp"

namespace gg::fuzz {

int landsat_mtl(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    expect_clean([&] {
        const LandsatMtl mtl = parse_mtl(text, "fuzz_MTL.txt");
        expect_clean([&] { (void)mtl.collection(); });
        expect_clean([&] { (void)mtl.spacecraft(); });
        expect_clean([&] { (void)mtl.processing_level(); });
        expect_clean([&] { (void)mtl.sun_elevation_deg(); });
        for (const char* band : {"4", "5", "10", "ST_B10", "QUALITY", "QUALITY_L2_PIXEL"})
            expect_clean([&] { (void)mtl.file_name(band); });
        expect_clean([&] { (void)mtl.number("REFLECTANCE_MULT_BAND_4"); });
        expect_clean(
            [&] { (void)mtl.number_in("LEVEL1_RADIOMETRIC_RESCALING", "REFLECTANCE_ADD_BAND_4"); });
        for (const auto& entry : mtl.values) expect_clean([&] { (void)mtl.number(entry.first); });
    });
    return 0;
}

}  // namespace gg::fuzz
