// greengauge index: a spectral index (or an expression over band roles) of an imagery product,
// from calibrated reflectance with clouds masked, written as a Cloud-Optimized GeoTIFF.
#include <cmath>
#include <iostream>
#include <map>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "core/error.hpp"
#include "core/expression.hpp"
#include "core/indices.hpp"
#include "gis/cog_writer.hpp"
#include "gis/product.hpp"
#include "gis/product_reader.hpp"

namespace gg::cli {
namespace {

constexpr double kNodata = -9999;  // outside any index's range; QGIS and ArcGIS both honour it

struct IndexOptions {
    std::string product;
    std::string index;
    std::string expression;
    std::string mask = "default";
    std::vector<std::string> bands;  // generic profile: role=N
    double scale = 1;
    double offset = 0;
    std::optional<double> boa_offset;
    std::string output;
};

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out.append(out.empty() ? "" : ", ").append(s);
    return out;
}

Product open_product(const IndexOptions& o) {
    if (o.bands.empty()) return recognise_product(o.product, {o.boa_offset});
    std::map<std::string, int> roles;
    for (const auto& b : o.bands) {
        const auto eq = b.find('=');
        int n = 0;
        try {
            n = eq == std::string::npos ? 0 : std::stoi(b.substr(eq + 1));
        } catch (const std::exception&) {
            n = 0;
        }
        if (n < 1) throw Error("--band '" + b + "': expected ROLE=N, e.g. red=3");
        roles[b.substr(0, eq)] = n;
    }
    return generic_product(o.product, roles, {o.scale, o.offset});
}

// The roles the expression uses; every one must be a band of the product (checked before any
// output is created).
std::vector<std::string> expression_roles(const std::string& expr, const Product& product) {
    std::vector<std::string> names;
    try {
        names = expression_names(expr);
    } catch (const Error& e) {
        throw Error("--expression \"" + expr + "\" " + e.what());
    }
    if (names.empty()) throw Error("--expression \"" + expr + "\" uses no band");
    for (const auto& n : names)
        if (!product.has(n) && !product.missing_files.count(n))
            throw Error("--expression \"" + expr + "\": unknown band '" + n + "' (" + product.name +
                        " has: " + join(product.roles()) + ")");
    return names;
}

Reflectance reflectance_of(const std::vector<std::string>& roles,
                           const std::vector<ChannelBuffer>& ch, size_t p) {
    Reflectance r;
    for (size_t i = 0; i < roles.size(); ++i) {
        const double v = ch[i].values[p];
        const std::string& role = roles[i];
        if (role == "blue")
            r.blue = v;
        else if (role == "green")
            r.green = v;
        else if (role == "red")
            r.red = v;
        else if (role == "nir")
            r.nir = v;
        else if (role == "swir1")
            r.swir1 = v;
        else if (role == "swir2")
            r.swir2 = v;
    }
    return r;
}

void run(const IndexOptions& o) {
    check_output_extension(o.output, {"tif", "tiff"});
    if (o.index.empty() == o.expression.empty())
        throw Error("give either --index or --expression (one of them)");
    if (o.mask != "default" && o.mask != "none")
        throw Error("--mask '" + o.mask + "': use default or none");
    const Product product = open_product(o);
    std::optional<SpectralIndex> index;
    std::vector<std::string> roles;
    if (!o.index.empty()) {
        index = parse_spectral_index(o.index);
        roles = spectral_index_bands(*index);
    } else {
        roles = expression_roles(o.expression, product);
    }
    ProductReader reader(product, roles, o.mask == "default");
    const Grid& grid = reader.grid();
    const std::string what = index ? spectral_index_name(*index) : o.expression;
    const Metadata meta = output_metadata({{"product", o.product},
                                           {"product_type", product.name},
                                           {"index", index ? what : "expression"},
                                           {"expression", o.expression},
                                           {"mask", o.mask}});
    CogWriter writer(o.output, grid, reader.crs_wkt(), kNodata, meta);

    Progress progress("index");
    std::vector<ChannelBuffer> ch;
    std::vector<float> out;
    std::vector<double> vars(roles.size());
    int64_t valid = 0;
    const int64_t step = reader.strip_rows();
    for (int64_t row = 0; row < grid.rows; row += step) {
        const Window w{0, row, grid.cols, std::min(step, grid.rows - row)};
        reader.read(w, ch);
        out.assign(static_cast<size_t>(w.size()), static_cast<float>(kNodata));
        for (size_t p = 0; p < out.size(); ++p) {
            bool ok = true;
            for (const auto& c : ch) ok = ok && c.valid[p];
            if (!ok) continue;
            std::optional<double> v;
            if (index) {
                v = spectral_index(*index, reflectance_of(roles, ch, p));
            } else {
                for (size_t i = 0; i < roles.size(); ++i) vars[i] = ch[i].values[p];
                v = evaluate_expression(o.expression, roles, vars);
            }
            if (!v || !std::isfinite(static_cast<float>(*v))) continue;
            out[p] = static_cast<float>(*v);
            ++valid;
        }
        writer.write(w, out);
        progress.update(0.8 * static_cast<double>(w.row_end()) / static_cast<double>(grid.rows));
    }
    const int64_t total = grid.cols * grid.rows;
    if (valid == 0)
        throw Error(o.product +
                    ": every pixel is masked (no data, fill, saturated, cloud or "
                    "shadow, or " +
                    what + " undefined); no output written");
    writer.finish([&](double done) { progress.update(0.8 + 0.2 * done); });
    progress.finish();
    std::cout << "index: " << what << " of " << product.name << ", " << grid.cols << " x "
              << grid.rows << " pixels: " << valid << " valid, " << total - valid
              << " masked or no data -> " << o.output << "\n";
}

}  // namespace

void add_index_command(CLI::App& app) {
    auto o = std::make_shared<IndexOptions>();
    CLI::App* cmd = app.add_subcommand(
        "index", "Spectral index of a Landsat / Sentinel-2 product as a Cloud-Optimized GeoTIFF");
    cmd->add_option("--product,-p", o->product,
                    "Product: a folder, a Landsat *_MTL.txt, a Sentinel-2 MTD_MSIL2A.xml or .SAFE "
                    "folder; with --band, any raster")
        ->required();
    cmd->add_option("--index,-i", o->index, "ndvi, evi, savi, ndwi, mndwi, ndbi or ndmi");
    cmd->add_option("--expression,-e", o->expression,
                    "Instead of --index: an expression over the band roles blue, green, red, nir, "
                    "swir1, swir2, thermal, e.g. \"(nir - red) / (nir + red)\"");
    cmd->add_option("--mask", o->mask,
                    "default: drop pixels the QA/SCL band marks as cloud, shadow, fill; none: keep "
                    "them")
        ->capture_default_str();
    cmd->add_option("--band", o->bands,
                    "Generic raster: ROLE=N for each band the index needs (e.g. red=3 nir=4)");
    cmd->add_option("--scale", o->scale, "Generic raster: value = DN * scale + offset")
        ->capture_default_str();
    cmd->add_option("--offset", o->offset, "Generic raster: value = DN * scale + offset")
        ->capture_default_str();
    cmd->add_option("--boa-offset", o->boa_offset,
                    "Sentinel-2 BOA_ADD_OFFSET when MTD_MSIL2A.xml is missing (-1000 for "
                    "baseline 04.00 and later, 0 before)");
    cmd->add_option("--output,-o", o->output, "Output Cloud-Optimized GeoTIFF (.tif)")->required();
    cmd->footer(
        "Values are computed from reflectance: Landsat Level-1 top-of-atmosphere reflectance from\n"
        "the MTL coefficients, Landsat Collection 2 Level-2 and Sentinel-2 L2A surface\n"
        "reflectance. Masked pixels, fill, saturated pixels and a zero denominator are nodata\n"
        "(-9999). Sentinel-2 20 m bands are combined with 10 m bands on the 10 m grid (each 20 m\n"
        "pixel repeated 2 x 2). When every pixel is masked the command fails with an error and\n"
        "writes no file.\n\n"
        "Example:\n  greengauge index --product "
        "data/landsat/LC08_L1TP_195025_20130707_20170503_01_T1_MTL.txt \\\n"
        "    --index ndvi -o ndvi.tif\n"
        "  greengauge index --product "
        "data/landsat/LC08_L1TP_195025_20130707_20170503_01_T1_MTL.txt "
        "\\\n    --expression \"(nir - swir1) / (nir + swir1)\" -o ndmi.tif\n");
    cmd->callback([o] { run(*o); });
}

}  // namespace gg::cli
