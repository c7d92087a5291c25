// Product recognition: dispatch on what the user named, the generic profile, and the pieces every
// profile shares (conversions, band bookkeeping).
#include "gis/product.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

#include "core/error.hpp"
#include "gis/product_internal.hpp"
#include "gis/raster_source.hpp"

namespace fs = std::filesystem;

namespace gg {

const std::vector<std::string>& band_roles() {
    static const std::vector<std::string> roles = {"blue",  "green", "red",    "nir",
                                                   "swir1", "swir2", "thermal"};
    return roles;
}

std::optional<double> Conversion::apply(double dn) const {
    if (fill_dn && dn == *fill_dn) return std::nullopt;
    if (saturated_dn && dn >= *saturated_dn) return std::nullopt;
    switch (kind) {
        case Kind::Linear:
            return linear.apply(dn);
        case Kind::ToaReflectance:
            return toa_reflectance(dn, mult, add, sun_elevation_deg);
        case Kind::BrightnessTemperature:
            return brightness_temperature(toa_radiance(dn, mult, add), k1, k2);
        case Kind::Sentinel2:
            return (dn + boa_add_offset) / quantification;
    }
    return std::nullopt;
}

std::vector<std::string> Product::roles() const {
    std::vector<std::string> out;
    for (const auto& r : band_roles())
        if (has(r)) out.push_back(r);
    return out;
}

const BandSource& Product::band(const std::string& role) const {
    const auto it = bands.find(role);
    if (it != bands.end()) return it->second;
    const auto m = missing_files.find(role);
    if (m != missing_files.end())
        throw Error(path + ": missing band file " + m->second + " (" + role + ")");
    std::string list;
    for (const auto& r : roles()) list.append(list.empty() ? "" : ", ").append(r);
    throw Error(path + ": " + name + " has no " + role + " band (it has: " + list + ")");
}

ThermalGain parse_thermal_gain(const std::string& text) {
    const std::string t = detail::lower(text);
    if (t == "low" || t == "vcid_1" || t == "1") return ThermalGain::Low;
    if (t == "high" || t == "vcid_2" || t == "2") return ThermalGain::High;
    throw Error("thermal gain '" + text + "': use low (Landsat 7 B6_VCID_1) or high (B6_VCID_2)");
}

namespace detail {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool ends_with_ci(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && lower(s.substr(s.size() - suffix.size())) == lower(suffix);
}

std::string file_name_of(const std::string& path) {
    return fs::path(path).filename().string();
}

std::string parent_of(const std::string& path) {
    const std::string dir = fs::path(path).parent_path().string();
    return dir.empty() ? "." : dir;
}

bool is_directory(const std::string& path) {
    std::error_code ec;
    return fs::is_directory(path, ec);
}

std::optional<std::string> find_with_extension(const std::string& dir, const std::string& stem,
                                               std::initializer_list<const char*> extensions) {
    std::error_code ec;
    for (const char* ext : extensions) {
        std::string p = dir;
        p.append("/").append(stem).append(ext);
        if (fs::is_regular_file(p, ec)) return p;
    }
    return std::nullopt;
}

void check_integer_band(const std::string& path, const std::string& what) {
    const RasterSource src = RasterSource::open(path);
    const std::string& type = src.info().data_type;
    const bool integer = type == "Byte" || type == "Int8" || type == "UInt16" || type == "Int16" ||
                         type == "UInt32" || type == "Int32";
    if (!integer)
        throw Error(path + ": data type " + type + ", expected integer digital numbers (" + what +
                    ")");
}

void add_band(Product& p, const std::string& role, BandSource source) {
    std::error_code ec;
    if (!fs::is_regular_file(source.path, ec)) {
        p.missing_files[role] = source.path;
        return;
    }
    check_integer_band(source.path, source.label);
    p.bands[role] = std::move(source);
}

}  // namespace detail

Product recognise_product(const std::string& path, const RecogniseOptions& options) {
    using namespace detail;
    std::error_code ec;
    if (!fs::exists(path, ec)) throw Error(path + ": no such file or folder");
    const std::string name = file_name_of(path);
    if (!is_directory(path)) {
        if (ends_with_ci(name, "_MTL.txt")) return landsat_product(path, path, options);
        if (lower(name) == "mtd_msil2a.xml")
            return sentinel2_product(parent_of(path), path, options, path);
        if (lower(name) == "mtd_msil1c.xml")
            throw Error(path +
                        ": Sentinel-2 Level-1C (top of atmosphere) is not supported; use "
                        "the Level-2A product (MTD_MSIL2A.xml)");
        if (const auto mtl = landsat_mtl_for(path)) return landsat_product(*mtl, path, options);
        if (looks_like_landsat_folder(parent_of(path)) && name.rfind('L', 0) == 0)
            throw Error(path +
                        ": missing MTL: no *_MTL.txt of this product beside this Landsat band "
                        "(the MTL holds the calibration; download it with the bands)");
        throw Error(path +
                    ": unknown imagery product (looked for a Landsat *_MTL.txt or a Sentinel-2 "
                    "MTD_MSIL2A.xml; name the product folder or its metadata file, or use "
                    "--band ROLE=N for any other raster)");
    }
    if (const auto mtd = find_with_extension(path, "MTD_MSIL2A", {".xml"}))
        return sentinel2_product(path, mtd, options, path);
    if (const auto mtl = landsat_mtl_for(path)) return landsat_product(*mtl, path, options);
    if (looks_like_landsat_folder(path))
        throw Error(path +
                    ": missing MTL: the folder holds Landsat band files but no *_MTL.txt "
                    "(the MTL holds the calibration; download it with the bands)");
    if (looks_like_sentinel2_folder(path))
        return sentinel2_product(path, std::nullopt, options, path);
    throw Error(path +
                ": unknown imagery product (looked for a Landsat *_MTL.txt, a Sentinel-2 "
                "MTD_MSIL2A.xml, a .SAFE folder or IMG_DATA band files B02..B12/SCL)");
}

Product generic_product(const std::string& raster, const std::map<std::string, int>& role_bands,
                        LinearScale scale) {
    const RasterSource src = RasterSource::open(raster);
    Product p;
    p.name = "generic raster";
    p.path = raster;
    const auto& known = band_roles();
    for (const auto& [role, band] : role_bands) {
        if (std::find(known.begin(), known.end(), role) == known.end()) {
            std::string list;
            for (const auto& r : known) list.append(list.empty() ? "" : ", ").append(r);
            throw Error("unknown band role '" + role + "' (use one of: " + list + ")");
        }
        src.check_band(band);
        BandSource b;
        b.label = "band " + std::to_string(band);
        b.path = raster;
        b.band = band;
        b.conversion.linear = scale;
        p.bands[role] = b;
    }
    if (p.bands.empty()) throw Error(raster + ": no band roles given (e.g. --band red=3)");
    return p;
}

}  // namespace gg
