// Landsat profiles: Collection 1 and 2 Level-1 (TOA reflectance and brightness temperature from
// the MTL coefficients) and Collection 2 Level-2 (fixed USGS scales). Band layouts differ between
// Landsat 8/9 and Landsat 4-7, so the MTL's SPACECRAFT_ID decides, never the file name alone.
#include <filesystem>
#include <vector>

#include "core/error.hpp"
#include "core/landsat_mtl.hpp"
#include "core/lst.hpp"
#include "core/scene_mix.hpp"
#include "gis/product_internal.hpp"

namespace fs = std::filesystem;

namespace gg::detail {
namespace {

struct RoleBand {
    const char* role;
    const char* band;  // MTL band number ("4", "6_VCID_1") or the L2 file suffix ("SR_B4")
};

// Landsat 8/9 OLI/TIRS and Landsat 7 ETM+ Level-1 (file suffix "B" + band).
const std::vector<RoleBand> kL89Level1 = {{"blue", "2"},    {"green", "3"}, {"red", "4"},
                                          {"nir", "5"},     {"swir1", "6"}, {"swir2", "7"},
                                          {"thermal", "10"}};
// Band 6 is VCID_1 (low gain) or VCID_2 (high gain), as RecogniseOptions say (docs/methods.md 7).
const std::vector<RoleBand> kL7Level1 = {{"blue", "1"},          {"green", "2"}, {"red", "3"},
                                         {"nir", "4"},           {"swir1", "5"}, {"swir2", "7"},
                                         {"thermal", "6_VCID_1"}};
const std::vector<RoleBand> kL7Level1HighGain = {
    {"blue", "1"},  {"green", "2"}, {"red", "3"},           {"nir", "4"},
    {"swir1", "5"}, {"swir2", "7"}, {"thermal", "6_VCID_2"}};
// Collection 2 Level-2 surface reflectance / temperature.
const std::vector<RoleBand> kL89Level2 = {
    {"blue", "SR_B2"},  {"green", "SR_B3"}, {"red", "SR_B4"},     {"nir", "SR_B5"},
    {"swir1", "SR_B6"}, {"swir2", "SR_B7"}, {"thermal", "ST_B10"}};
const std::vector<RoleBand> kL47Level2 = {
    {"blue", "SR_B1"},  {"green", "SR_B2"}, {"red", "SR_B3"},    {"nir", "SR_B4"},
    {"swir1", "SR_B5"}, {"swir2", "SR_B7"}, {"thermal", "ST_B6"}};

// The product id: the MTL file name without "_MTL.txt" (band files share it).
std::string product_stem(const std::string& mtl_path) {
    const std::string name = file_name_of(mtl_path);
    return name.substr(0, name.size() - 8);
}

// Where a product's files are: beside its MTL, or among the files given with it (a STAC item's
// assets, which may live in other folders), found by the name the product gives them.
struct LandsatFiles {
    std::string dir, stem;
    const std::vector<std::string>& elsewhere;

    std::string file(const std::string& suffix) const {
        std::string base = stem;
        base.append("_").append(suffix);
        for (const auto& f : elsewhere) {
            const std::string name = lower(file_name_of(f));
            for (const char* ext : {".tif", ".tiff"})
                if (name == lower(base + ext)) return f;
        }
        if (const auto f = find_with_extension(dir, base, {".TIF", ".tif", ".TIFF", ".tiff"}))
            return *f;
        return dir + "/" + base.append(".TIF");
    }
};

bool is_l89(const std::string& spacecraft) {
    return spacecraft == "LANDSAT_8" || spacecraft == "LANDSAT_9";
}

void level1_bands(Product& p, const LandsatMtl& mtl, const LandsatFiles& files,
                  const std::vector<RoleBand>& layout) {
    const double sun = mtl.sun_elevation_deg();
    for (const auto& rb : layout) {
        const std::string n = rb.band;
        BandSource b;
        b.label = "B" + n;
        b.path = files.file(b.label);
        Conversion& c = b.conversion;
        c.fill_dn = 0;  // QUANTIZE_CAL_MIN is 1: 0 is fill
        if (mtl.text("QUANTIZE_CAL_MAX_BAND_" + n))
            c.saturated_dn = mtl.number("QUANTIZE_CAL_MAX_BAND_" + n);
        if (std::string(rb.role) == "thermal") {
            // A product without thermal constants (e.g. OLI-only LO08) simply has no thermal role.
            if (!mtl.text("K1_CONSTANT_BAND_" + n)) continue;
            c.kind = Conversion::Kind::BrightnessTemperature;
            c.mult = mtl.number("RADIANCE_MULT_BAND_" + n);
            c.add = mtl.number("RADIANCE_ADD_BAND_" + n);
            c.k1 = mtl.number("K1_CONSTANT_BAND_" + n);
            c.k2 = mtl.number("K2_CONSTANT_BAND_" + n);
            // Effective wavelengths for single-channel LST (docs/methods.md 7). Landsat 8/9 band
            // 11 is never the thermal role: USGS advises against it (stray light).
            b.wavelength_um = n == "10" ? kLandsat89Band10WavelengthUm : kLandsat7Band6WavelengthUm;
        } else {
            c.kind = Conversion::Kind::ToaReflectance;
            c.mult = mtl.number("REFLECTANCE_MULT_BAND_" + n);
            c.add = mtl.number("REFLECTANCE_ADD_BAND_" + n);
            c.sun_elevation_deg = sun;
        }
        add_band(p, rb.role, b);
    }
}

// The ST band's scale and offset: the MTL's TEMPERATURE_MULT/ADD_BAND_ST_Bn when it gives them,
// else the fixed USGS values (docs/methods.md 2.1 and 7).
LinearScale surface_temperature_scale(const LandsatMtl& mtl, const std::string& band) {
    LinearScale s = kLandsatC2SurfaceTemperature;
    if (mtl.text("TEMPERATURE_MULT_BAND_" + band))
        s.scale = mtl.number("TEMPERATURE_MULT_BAND_" + band);
    if (mtl.text("TEMPERATURE_ADD_BAND_" + band))
        s.offset = mtl.number("TEMPERATURE_ADD_BAND_" + band);
    return s;
}

void level2_bands(Product& p, const LandsatMtl& mtl, const LandsatFiles& files,
                  const std::vector<RoleBand>& layout) {
    for (const auto& rb : layout) {
        BandSource b;
        b.label = rb.band;
        b.path = files.file(b.label);
        const bool thermal = std::string(rb.role) == "thermal";
        // L2SR products have no surface temperature: leave the role out, not "missing".
        if (thermal && !fs::exists(b.path)) continue;
        b.conversion.linear =
            thermal ? surface_temperature_scale(mtl, rb.band) : kLandsatC2SurfaceReflectance;
        b.conversion.fill_dn = 0;  // the C2 L2 fill value
        b.surface_temperature = thermal;
        add_band(p, rb.role, b);
        if (!thermal) continue;
        // ST_QA: the surface temperature's uncertainty, K = DN x 0.01, fill -9999 (USGS
        // LSDS-1619 / LSDS-1618; docs/methods.md 7). Read only when asked for.
        BandSource qa;
        qa.label = "ST_QA";
        qa.path = files.file("ST_QA");
        if (!fs::exists(qa.path)) continue;
        qa.conversion.linear = {0.01, 0};
        qa.conversion.fill_dn = -9999;
        add_band(p, kThermalQaRole, qa);
    }
}

void set_mask(Product& p, MaskKind kind, const std::string& label, const std::string& path) {
    p.mask.kind = kind;
    p.mask.label = label;
    p.mask.path = path;
    p.mask.missing = !fs::exists(path);
    if (!p.mask.missing) check_integer_band(path, label);
}

// Collection 2 products (Level-1 and Level-2) ship QA_RADSAT beside QA_PIXEL.
void set_saturation_mask(Product& p, const std::string& path) {
    p.mask.saturation_path = path;
    p.mask.saturation_missing = !fs::exists(path);
    if (!p.mask.saturation_missing) check_integer_band(path, "QA_RADSAT");
}

std::string satellite_name(const std::string& spacecraft) {
    std::string s = "Landsat ";
    return s.append(spacecraft.substr(spacecraft.find('_') + 1));
}

// The instrument of a Landsat spacecraft, and the family of instruments with matching bands.
void set_sensor(Product& p, const std::string& spacecraft) {
    const std::string n = spacecraft.substr(spacecraft.find('_') + 1);
    if (n == "8" || n == "9") {
        p.sensor = "Landsat " + n + (n == "8" ? " OLI" : " OLI-2");
        p.sensor_family = "Landsat OLI";
    } else if (n == "7") {
        p.sensor = "Landsat 7 ETM+";
        p.sensor_family = "Landsat TM/ETM+";
    } else if (n == "4" || n == "5") {
        p.sensor = "Landsat " + n + " TM";
        p.sensor_family = "Landsat TM/ETM+";
    } else {
        p.sensor = p.sensor_family = satellite_name(spacecraft);
    }
}

// DATE_ACQUIRED, else the acquisition date field of the product id (LC08_L1TP_195025_20130707_...).
std::optional<std::string> acquisition_date(const LandsatMtl& mtl, const std::string& stem) {
    if (const auto d = mtl.text("DATE_ACQUIRED"))
        if (const auto iso = iso_date(*d)) return iso;
    const std::string id = mtl.text("LANDSAT_PRODUCT_ID").value_or(stem);
    size_t at = 0;
    for (int field = 0; field < 3 && at != std::string::npos; ++field) at = id.find('_', at + 1);
    if (at == std::string::npos) return std::nullopt;
    return iso_date(std::string_view(id).substr(at + 1));
}

}  // namespace

Product landsat_product(const std::string& mtl_path, const std::string& user_path,
                        const RecogniseOptions& options) {
    const LandsatMtl mtl = load_mtl_file(mtl_path);
    const std::string stem = product_stem(mtl_path);
    const LandsatFiles files{parent_of(mtl_path), stem, options.files};
    const int collection = mtl.collection();
    const std::string craft = mtl.spacecraft();
    const std::string level = mtl.processing_level();
    const bool l89 = is_l89(craft);
    const bool l7 = craft == "LANDSAT_7";
    const bool l47 = l7 || craft == "LANDSAT_4" || craft == "LANDSAT_5";
    Product p;
    p.path = user_path;
    set_sensor(p, craft);
    p.acquired = acquisition_date(mtl, stem);
    std::string name = satellite_name(craft);
    name.append(" Collection ").append(std::to_string(collection));
    const auto unsupported = [&] {
        throw Error(mtl_path + ": " + name + " " + level +
                    " is not a supported product (supported: Landsat 8/9 and 7 Level-1, "
                    "Landsat 4-9 Collection 2 Level-2)");
    };
    if (level.rfind("L2", 0) == 0) {
        if (collection != 2 || (!l89 && !l47)) unsupported();
        p.name = name + " Level-2 (surface reflectance)";
        level2_bands(p, mtl, files, l89 ? kL89Level2 : kL47Level2);
        set_mask(p, MaskKind::LandsatC2QaPixel, "QA_PIXEL", files.file("QA_PIXEL"));
        set_saturation_mask(p, files.file("QA_RADSAT"));
    } else if (level.rfind("L1", 0) == 0) {
        if (!l89 && !l7) unsupported();
        p.name = name + " Level-1 (top-of-atmosphere reflectance)";
        const bool high = options.landsat7_thermal_gain == ThermalGain::High;
        level1_bands(p, mtl, files, l89 ? kL89Level1 : (high ? kL7Level1HighGain : kL7Level1));
        if (collection == 1) {
            // The BQA bit layout differs between Landsat 8 and 7: chosen from SPACECRAFT_ID.
            set_mask(p, MaskKind::LandsatC1Bqa, "BQA", files.file("BQA"));
            p.mask.c1_sensor = l89 ? LandsatC1Sensor::Landsat8 : LandsatC1Sensor::Landsat7;
        } else if (collection == 2) {
            set_mask(p, MaskKind::LandsatC2QaPixel, "QA_PIXEL", files.file("QA_PIXEL"));
            set_saturation_mask(p, files.file("QA_RADSAT"));
        } else {
            unsupported();
        }
    } else {
        unsupported();
    }
    if (p.bands.empty())
        throw Error(mtl_path + ": missing band files: none of the " + name +
                    " bands is beside the MTL" +
                    (options.files.empty() ? "" : " or among the files given with it") +
                    " (looked for " + stem + "_B*.TIF)");
    return p;
}

std::optional<std::string> landsat_mtl_for(const std::string& path) {
    std::error_code ec;
    if (is_directory(path)) {
        std::optional<std::string> found;
        for (const auto& e : fs::directory_iterator(path, ec)) {
            const std::string name = e.path().filename().string();
            if (!ends_with_ci(name, "_MTL.txt")) continue;
            if (found)
                throw Error(path + ": several Landsat MTL files (" + file_name_of(*found) + ", " +
                            name + "); name the one to use");
            found = e.path().string();
        }
        return found;
    }
    // A band file: its product id is the first 7 fields, e.g. LC08_L1TP_195025_..._01_T1.
    const std::string name = file_name_of(path);
    size_t pos = 0;
    for (int i = 0; i < 7 && pos != std::string::npos; ++i) pos = name.find('_', pos + 1);
    if (pos == std::string::npos || name.size() < 4 || name[0] != 'L') return std::nullopt;
    return find_with_extension(parent_of(path), name.substr(0, pos) + "_MTL", {".txt", ".TXT"});
}

bool looks_like_landsat_folder(const std::string& dir) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        if (name.size() > 4 && name[0] == 'L' && name[2] == '0' &&
            (ends_with_ci(name, "_B4.TIF") || ends_with_ci(name, "_SR_B4.TIF")))
            return true;
    }
    return false;
}

}  // namespace gg::detail
