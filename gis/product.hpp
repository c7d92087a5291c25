#pragma once
// Imagery products: which file and band holds each spectral role (blue, red, nir, ...) of a
// Landsat or Sentinel-2 product, how its digital numbers become physical values, and which band
// masks clouds. Built from file names and the product's own metadata (MTL, MTD_MSIL2A.xml),
// never from guesses: an ambiguous or incomplete product is an error naming what is missing.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/qa_masks.hpp"
#include "core/radiometry.hpp"

namespace gg {

// The roles a product may provide, in this order (also the names --expression accepts).
const std::vector<std::string>& band_roles();

// DN -> physical value (reflectance, or kelvin for thermal bands).
struct Conversion {
    enum class Kind {
        Linear,                 // dn * scale + offset (Landsat C2 L2, the generic profile)
        ToaReflectance,         // Landsat L1: (mult * dn + add) / sin(sun elevation)
        BrightnessTemperature,  // Landsat L1 thermal: K2 / ln(K1 / (mult * dn + add) + 1)
        Sentinel2               // (dn + boa_add_offset) / quantification
    };
    Kind kind = Kind::Linear;
    LinearScale linear;        // Linear
    double mult = 1, add = 0;  // ToaReflectance (REFLECTANCE_*), BT (RADIANCE_*)
    double sun_elevation_deg = 90;
    double k1 = 0, k2 = 0;      // BrightnessTemperature
    double boa_add_offset = 0;  // Sentinel2
    double quantification = 10000;
    std::optional<double> fill_dn;       // DN meaning "no data" (Landsat/Sentinel-2: 0)
    std::optional<double> saturated_dn;  // DN at or above which the detector saturated
    // The physical value, or nothing for a fill / saturated DN or an undefined temperature.
    std::optional<double> apply(double dn) const;
};

struct BandSource {
    std::string label;  // what users call the band: "B4", "SR_B5", "B08"
    std::string path;
    int band = 1;  // 1-based band of the file
    Conversion conversion;
    // Thermal role only (docs/methods.md 7): true for a Collection 2 Level-2 surface temperature
    // band (kelvin of the ground); otherwise its values are brightness temperatures, and
    // wavelength_um is the band's effective wavelength (single-channel LST).
    bool surface_temperature = false;
    std::optional<double> wavelength_um;
};

// Roles a product may have besides band_roles(), read only when asked for by name:
// "thermal_qa", the Collection 2 Level-2 ST_QA band (surface temperature uncertainty, K).
inline constexpr const char* kThermalQaRole = "thermal_qa";

// Landsat 7 ETM+ band 6 comes twice: VCID_1 low gain (wide range, saturates less over hot
// ground: the default) and VCID_2 high gain (finer steps) (docs/methods.md 7).
enum class ThermalGain { Low, High };
// "low" / "high" (also "vcid_1" / "vcid_2"), any case; throws gg::Error naming the choices.
ThermalGain parse_thermal_gain(const std::string& text);

enum class MaskKind { None, LandsatC2QaPixel, LandsatC1Bqa, Sentinel2Scl };

struct MaskSource {
    MaskKind kind = MaskKind::None;
    std::string label;  // "QA_PIXEL", "BQA", "SCL"
    std::string path;
    int band = 1;
    LandsatC1Sensor c1_sensor = LandsatC1Sensor::Landsat8;  // LandsatC1Bqa: the bit layout
    bool missing = false;  // the product names a mask file that does not exist (path)
    // Landsat Collection 2 QA_RADSAT: any nonzero value (a saturated band, terrain occlusion, a
    // dropped pixel) is always masked (docs/methods.md 2). Empty for other products.
    std::string saturation_path;
    bool saturation_missing = false;  // named but absent: saturated pixels cannot be masked
};

struct Product {
    std::string name;  // e.g. "Landsat 8 Collection 1 Level-1 (TOA reflectance)"
    std::string path;  // what the user named
    // The instrument: "Landsat 8 OLI", "Landsat 9 OLI-2", "Landsat 7 ETM+", "Landsat 5 TM",
    // "Sentinel-2A MSI" (from SPACECRAFT_ID / SPACECRAFT_NAME); empty for a generic raster.
    std::string sensor;
    // Instruments whose bands match closely enough to composite together without a warning:
    // "Landsat OLI" (8 and 9), "Landsat TM/ETM+" (4, 5 and 7), "Sentinel-2 MSI".
    std::string sensor_family;
    // Acquisition date, YYYY-MM-DD: the MTL's DATE_ACQUIRED or MTD_MSIL2A's PRODUCT_START_TIME,
    // else the date in the product id or the band file names; nothing when none says it.
    std::optional<std::string> acquired;
    std::map<std::string, BandSource> bands;  // role -> source
    MaskSource mask;
    // Roles whose file the product should have but does not (role -> expected file): an error
    // only when that role is read, so a download of just the bands an index needs works.
    std::map<std::string, std::string> missing_files;

    bool has(const std::string& role) const { return bands.count(role) != 0; }
    // Throws gg::Error "<path>: missing band file F (<role>)" or "<name> has no <role> band".
    const BandSource& band(const std::string& role) const;
    std::vector<std::string> roles() const;  // in band_roles() order
};

struct RecogniseOptions {
    // Sentinel-2 without MTD_MSIL2A.xml: the BOA_ADD_OFFSET to use (-1000 for processing baseline
    // 04.00 and later, 0 before). Also overrides the metadata when given.
    std::optional<double> boa_add_offset;
    // Landsat 7 Level-1: which band 6 is the thermal role.
    ThermalGain landsat7_thermal_gain = ThermalGain::Low;
    // Files of the product that need not be beside its metadata (a STAC item's assets): a band
    // is taken from here first, by the name its metadata gives it (Landsat: <id>_SR_B4.TIF) or
    // its band id (Sentinel-2: ..._B04_10m.jp2, B04.tif).
    std::vector<std::string> files = {};
};

// path: a product folder, a Landsat *_MTL.txt, a Sentinel-2 MTD_MSIL2A.xml or .SAFE folder.
// Throws gg::Error (one line) for an unknown product (saying what was looked for), a missing band
// file (named), a band of the wrong data type, or a Landsat product without its MTL.
Product recognise_product(const std::string& path, const RecogniseOptions& options = {});

// The generic profile: one raster whose bands the user names (role -> 1-based band), all with
// the same linear scale. Throws gg::Error for an unknown role or a band the raster lacks.
Product generic_product(const std::string& raster, const std::map<std::string, int>& role_bands,
                        LinearScale scale = {});

}  // namespace gg
