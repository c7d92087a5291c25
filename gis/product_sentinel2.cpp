// Sentinel-2 Level-2A: band files found by their band id (B04, SCL) and resolution (10m, 20m)
// anywhere under the product folder (.SAFE: GRANULE/*/IMG_DATA/R10m/...; or a flat folder of
// jp2/tif files), and the BOA_ADD_OFFSET of the processing baseline from MTD_MSIL2A.xml.
#include <algorithm>
#include <filesystem>
#include <sstream>
#include <vector>

#include "core/error.hpp"
#include "core/scene_mix.hpp"
#include "core/sentinel2_metadata.hpp"
#include "gis/product_internal.hpp"

namespace fs = std::filesystem;

namespace gg::detail {
namespace {

struct S2Band {
    const char* role;
    const char* id;
    const char* resolution;  // the native resolution; other resolutions are only a fallback
};

const std::vector<S2Band> kS2Bands = {{"blue", "B02", "10m"},  {"green", "B03", "10m"},
                                      {"red", "B04", "10m"},   {"nir", "B08", "10m"},
                                      {"swir1", "B11", "20m"}, {"swir2", "B12", "20m"}};

bool is_raster_file(const fs::path& p) {
    const std::string ext = lower(p.extension().string());
    return ext == ".jp2" || ext == ".tif" || ext == ".tiff";
}

std::vector<std::string> fields(const std::string& stem) {
    std::vector<std::string> out;
    std::stringstream ss(stem);
    for (std::string f; std::getline(ss, f, '_');) out.push_back(f);
    return out;
}

// Raster files under root, at most a few levels deep (a .SAFE is GRANULE/x/IMG_DATA/R10m).
std::vector<fs::path> raster_files(const std::string& root) {
    std::vector<fs::path> out;
    std::error_code ec;
    fs::recursive_directory_iterator it(root, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        if (it.depth() > 5) it.disable_recursion_pending();
        if (it->is_regular_file(ec) && is_raster_file(it->path())) out.push_back(it->path());
    }
    std::sort(out.begin(), out.end());  // deterministic choice
    return out;
}

// The file of band `id`, preferring `resolution`, then a name without resolution (L2A
// products converted to GeoTIFF are often named T47PPR_..._B04.tif), then any resolution.
std::optional<std::string> find_band(const std::vector<fs::path>& files, const std::string& id,
                                     const std::string& resolution) {
    std::optional<std::string> without, other;
    for (const auto& f : files) {
        const auto parts = fields(f.stem().string());
        const auto at = std::find(parts.begin(), parts.end(), id);
        if (at == parts.end()) continue;
        const bool has_res = at + 1 != parts.end() && at[1].size() == 3 && at[1][2] == 'm';
        if (has_res && at[1] == resolution) return f.string();
        if (!has_res && !without) without = f.string();
        if (has_res && !other) other = f.string();
    }
    return without ? without : other;
}

}  // namespace

bool looks_like_sentinel2_folder(const std::string& dir) {
    if (ends_with_ci(fs::path(dir).lexically_normal().string(), ".SAFE") ||
        ends_with_ci(fs::path(dir).parent_path().string(), ".SAFE"))
        return true;
    const auto files = raster_files(dir);
    return find_band(files, "B04", "10m") && find_band(files, "B08", "10m");
}

Product sentinel2_product(const std::string& root, const std::optional<std::string>& mtd,
                          const RecogniseOptions& options, const std::string& user_path) {
    Product p;
    p.path = user_path;
    p.name = "Sentinel-2 Level-2A (surface reflectance)";
    std::optional<Sentinel2Metadata> meta;
    if (mtd) meta = load_mtd_msil2a_file(*mtd);
    p.sensor =
        (meta && !meta->spacecraft_name.empty() ? meta->spacecraft_name : "Sentinel-2") + " MSI";
    p.sensor_family = "Sentinel-2 MSI";
    if (meta) p.acquired = iso_date(meta->product_start_time);
    if (!meta && !options.boa_add_offset)
        throw Error(user_path +
                    ": Sentinel-2 L2A without MTD_MSIL2A.xml: the processing baseline, and so "
                    "BOA_ADD_OFFSET, is unknown; put the metadata file in the folder or give "
                    "--boa-offset (-1000 for baseline 04.00 and later, 0 before)");
    const auto files = raster_files(root);
    // The files given with the product (a STAC item's assets, perhaps in other folders) first.
    std::vector<fs::path> given;
    for (const auto& f : options.files)
        if (is_raster_file(f)) given.emplace_back(f);
    const auto band_of = [&](const std::string& id, const std::string& resolution) {
        const auto f = find_band(given, id, resolution);
        return f ? f : find_band(files, id, resolution);
    };
    for (const auto& b : kS2Bands) {
        BandSource src;
        src.label = b.id;
        const auto file = band_of(b.id, b.resolution);
        if (!file) {
            p.missing_files[b.role] = std::string("*_") + b.id + "_" + b.resolution + ".jp2";
            continue;
        }
        src.path = *file;
        Conversion& c = src.conversion;
        c.kind = Conversion::Kind::Sentinel2;
        c.boa_add_offset = options.boa_add_offset ? *options.boa_add_offset
                                                  : boa_offset_for(*meta, sentinel2_band_id(b.id));
        if (meta) c.quantification = meta->quantification_value;
        c.fill_dn = 0;           // NO_DATA
        c.saturated_dn = 65535;  // SATURATED
        add_band(p, b.role, src);
    }
    // Else the sensing time in the band file names: T47PPR_20230101T033101_B04_10m.
    for (size_t i = 0; !p.acquired && i < files.size(); ++i)
        for (const auto& field : fields(files[i].stem().string()))
            if (field.size() == 15 && field[8] == 'T' && (p.acquired = iso_date(field))) break;
    p.mask.kind = MaskKind::Sentinel2Scl;
    p.mask.label = "SCL";
    if (const auto scl = band_of("SCL", "20m")) {
        p.mask.path = *scl;
        check_integer_band(*scl, "SCL");
    } else {
        p.mask.path = "*_SCL_20m.jp2";
        p.mask.missing = true;
    }
    if (p.bands.empty())
        throw Error(user_path + ": missing band files: no Sentinel-2 band (B02..B12) found under " +
                    root);
    return p;
}

}  // namespace gg::detail
