// greengauge index: a spectral index (or an expression over band roles) of an imagery product,
// from calibrated reflectance with clouds masked, or its land surface temperature (--index lst,
// docs/methods.md 7), written as a Cloud-Optimized GeoTIFF.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <exception>
#include <functional>
#include <iostream>
#include <map>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "core/emissivity_table.hpp"
#include "core/error.hpp"
#include "core/expression.hpp"
#include "core/heat.hpp"
#include "core/indices.hpp"
#include "core/lst.hpp"
#include "core/number_format.hpp"
#include "gis/cog_writer.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/parallel.hpp"
#include "gis/product.hpp"
#include "gis/product_reader.hpp"
#include "gis/raster_source.hpp"

namespace gg::cli {
namespace {

constexpr double kNodata = -9999;  // outside any index's range; QGIS and ArcGIS both honour it

struct IndexOptions {
    std::string product;
    std::string index;
    std::string expression;
    std::string mask = "default";
    std::string compress = "deflate";
    std::vector<std::string> bands;  // generic profile: role=N
    double scale = 1;
    double offset = 0;
    std::optional<double> boa_offset;
    std::string unit = "kelvin";               // --index lst
    std::string thermal_gain = "low";          // Landsat 7 band 6
    std::optional<double> max_st_uncertainty;  // ST_QA, K
    std::string emissivity_table;              // Level-1: emissivity by land-cover class
    std::string landcover;                     // the classes' raster
    int landcover_band = 1;
    // Given on the command line (not the default): an option that would change nothing is an error.
    bool unit_given = false, thermal_gain_given = false, landcover_band_given = false;
    std::string output;
    int threads = 0;  // 0: the current TBB arena (all cores)
    ReportFlags report;
};

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out.append(out.empty() ? "" : ", ").append(s);
    return out;
}

Product open_product(const IndexOptions& o) {
    if (o.bands.empty()) {
        RecogniseOptions ro;
        ro.boa_add_offset = o.boa_offset;
        ro.landsat7_thermal_gain = parse_thermal_gain(o.thermal_gain);
        return recognise_product(o.product, ro);
    }
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
    // A scale of 0 or NaN makes every value the same or undefined: "every pixel is masked".
    if (!std::isfinite(o.scale) || o.scale == 0)
        throw Error(fmt::format("--scale {}: must be a finite number other than 0", o.scale));
    if (!std::isfinite(o.offset))
        throw Error(fmt::format("--offset {}: must be a finite number", o.offset));
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

// --index lst: from which band and how (docs/methods.md 7).
struct LstSpec {
    LstMethod method = LstMethod::SurfaceTemperatureProduct;
    double wavelength_um = 0;  // SingleChannel
    bool celsius = false;
    bool st_qa = false;  // roles end with thermal_qa
    std::optional<double> max_uncertainty;
    std::string band;  // the thermal band's label
    // SingleChannel with --emissivity-table: the table and the land-cover raster of the classes.
    std::shared_ptr<const EmissivityTable> table;
    std::string landcover;
    int landcover_band = 1;
};

bool is_lst(const std::string& index) {
    std::string s = index;
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s == "lst";
}

// Landsat 7 Level-1 band 6 (B6_VCID_1 or B6_VCID_2, chosen by --thermal-gain) is among roles.
bool reads_landsat7_band6(const Product& product, const std::vector<std::string>& roles) {
    if (std::find(roles.begin(), roles.end(), "thermal") == roles.end()) return false;
    return product.has("thermal") &&
           product.band("thermal").label.find("VCID") != std::string::npos;
}

// The roles LST reads and how; throws gg::Error naming the band for a product without one.
LstSpec lst_spec(const IndexOptions& o, const Product& product, std::vector<std::string>& roles) {
    LstSpec spec;
    if (o.unit == "celsius" || o.unit == "C" || o.unit == "degC")
        spec.celsius = true;
    else if (o.unit != "kelvin" && o.unit != "K")
        throw Error("--unit '" + o.unit + "': use kelvin or celsius");
    if (!product.has("thermal") && !product.missing_files.count("thermal")) {
        if (product.sensor_family.rfind("Landsat", 0) != 0)
            throw Error(product.path + ": --index lst needs a thermal band; " + product.name +
                        " has none (Landsat only: ST_B10 / ST_B6 of a Collection 2 Level-2 L2SP "
                        "product, B10 / B6 of Level-1 with the MTL)");
        const bool landsat_l2 = product.name.find("Level-2") != std::string::npos;
        const bool l47 = product.sensor_family == "Landsat TM/ETM+";
        const std::string band =
            landsat_l2 ? (l47 ? "ST_B6" : "ST_B10") : (l47 ? "B6_VCID_1 or B6_VCID_2" : "B10");
        throw Error(product.path + ": --index lst needs the thermal band " + band + "; " +
                    product.name + " has none" +
                    (landsat_l2 ? " (an L2SR product has no surface temperature: use L2SP)" : ""));
    }
    const BandSource& b = product.band("thermal");  // a missing file is named here
    spec.band = b.label;
    const bool by_class = !o.emissivity_table.empty() || !o.landcover.empty();
    if (by_class && b.surface_temperature)
        throw Error(product.path +
                    ": --emissivity-table is for the single channel of Level-1 products; this is "
                    "Collection 2 Level-2 surface temperature (" +
                    b.label + "), whose emissivity USGS has applied already");
    if (by_class && o.emissivity_table.empty())
        throw Error("--landcover needs --emissivity-table (the emissivity of its classes)");
    if (by_class && o.landcover.empty())
        throw Error("--emissivity-table needs --landcover (the raster of the classes it maps)");
    if (b.surface_temperature) {
        roles = {"thermal"};
        if (product.has(kThermalQaRole)) {
            spec.st_qa = true;
            roles.push_back(kThermalQaRole);
        }
        spec.max_uncertainty = o.max_st_uncertainty;
        if (spec.max_uncertainty && !spec.st_qa)
            throw Error(product.path + ": --max-st-uncertainty needs the ST_QA band, which " +
                        product.name + " does not have");
        return spec;
    }
    if (b.conversion.kind != Conversion::Kind::BrightnessTemperature || !b.wavelength_um)
        throw Error(product.path +
                    ": --index lst needs a Landsat product (the thermal band of a generic "
                    "raster is neither surface nor brightness temperature of a known band)");
    if (o.max_st_uncertainty)
        throw Error("--max-st-uncertainty applies to Collection 2 Level-2 ST_QA only");
    spec.method = LstMethod::SingleChannel;
    spec.wavelength_um = *b.wavelength_um;
    roles = {"thermal", "red", "nir"};
    if (by_class) {
        spec.table =
            std::make_shared<const EmissivityTable>(load_emissivity_table(o.emissivity_table));
        spec.landcover = o.landcover;
        spec.landcover_band = o.landcover_band;
    }
    return spec;
}

// What is computed for each pixel, from the values of `roles` (in that order). One per thread:
// the compiled expression is not thread-safe.
class PixelFunction {
  public:
    PixelFunction(std::optional<SpectralIndex> index, const std::string& expression,
                  const std::vector<std::string>& roles, std::optional<LstSpec> lst = {})
        : index_(index), lst_(std::move(lst)), vars_(roles.size()) {
        // An index reads its bands in spectral_index_bands() order (the roles given here).
        if (!index_ && !lst_) expression_.emplace(expression, roles);
    }

    // ST_QA of the values written: sum and count (for the report).
    double uncertainty_sum = 0;
    int64_t uncertainty_n = 0;

    // out[p] = the value at pixel p of the window, or kNodata; returns the number of values.
    // classes: the land-cover classes of the window (--index lst with --emissivity-table).
    int64_t compute(const std::vector<ChannelBuffer>& ch, std::vector<float>& out,
                    const ChannelBuffer* classes = nullptr) {
        const size_t n = ch.empty() ? 0 : ch.front().values.size();
        out.resize(n);
        valid_.assign(ch.front().valid.begin(), ch.front().valid.end());
        if (lst_) return compute_lst(ch, out, classes);
        for (size_t i = 1; i < ch.size(); ++i) {
            unsigned char* __restrict all = valid_.data();
            const unsigned char* __restrict v = ch[i].valid.data();
            for (size_t p = 0; p < n; ++p) all[p] &= v[p];
        }
        if (index_) {
            bands_.clear();
            for (const auto& c : ch) bands_.push_back(c.values.data());
            return spectral_index_many(*index_, bands_, valid_.data(), n, out.data(),
                                       static_cast<float>(kNodata));
        }
        int64_t valid = 0;
        for (size_t p = 0; p < n; ++p) {
            out[p] = static_cast<float>(kNodata);
            if (!valid_[p]) continue;
            for (size_t i = 0; i < vars_.size(); ++i) vars_[i] = ch[i].values[p];
            const std::optional<double> v = expression_->evaluate(vars_);
            if (!v || !std::isfinite(static_cast<float>(*v))) continue;
            out[p] = static_cast<float>(*v);
            ++valid;
        }
        return valid;
    }

  private:
    int64_t compute_lst(const std::vector<ChannelBuffer>& ch, std::vector<float>& out,
                        const ChannelBuffer* classes) {
        const size_t n = out.size();
        const auto nodata = static_cast<float>(kNodata);
        if (lst_->method == LstMethod::SingleChannel) {  // core/heat.hpp, as the heat family's LST
            HeatParams params;
            params.input = ThermalInput::BrightnessTemperature;
            params.wavelength_um = lst_->wavelength_um;
            params.emissivity_table = lst_->table;  // null: NDVI thresholds
            return lst_window(ch[0], ch[1], ch[2], classes, params, lst_->celsius, out.data(),
                              nodata);
        }
        // The ST band is LST already; ST_QA (K) masks only with --max-st-uncertainty.
        int64_t count = 0;
        for (size_t p = 0; p < n; ++p) {
            out[p] = nodata;
            if (!valid_[p]) continue;
            const bool has_qa = lst_->st_qa && ch[1].valid[p];
            if (lst_->max_uncertainty && (!has_qa || ch[1].values[p] > *lst_->max_uncertainty))
                continue;
            const double k = ch[0].values[p];
            out[p] = static_cast<float>(lst_->celsius ? k - kKelvinAtZeroCelsius : k);
            ++count;
            if (has_qa) {
                uncertainty_sum += ch[1].values[p];
                ++uncertainty_n;
            }
        }
        return count;
    }

    std::optional<SpectralIndex> index_;
    std::optional<LstSpec> lst_;
    std::optional<CompiledExpression> expression_;
    std::vector<double> vars_;
    std::vector<unsigned char> valid_;  // every channel valid
    std::vector<const double*> bands_;
};

// One thread's share of the work: its own GDAL handles, compiled expression and buffers.
struct IndexWorker {
    ProductReader reader;
    PixelFunction function;
    std::vector<ChannelBuffer> channels;
    std::optional<RasterSource> classes;  // --emissivity-table: the land cover on the grid
    ChannelBuffer class_values;
};

struct IndexWindow {
    std::vector<float> values;
    int64_t valid = 0;
};

void run(const IndexOptions& o) {
    set_report_mode(o.report);
    check_output_extension(o.output, {"tif", "tiff"});
    check_overwrite(o.output, o.report.overwrite);
    if (o.index.empty() == o.expression.empty())
        throw Error("give either --index or --expression (one of them)");
    const MaskSelection mask = mask_option(o.mask);
    const CogOptions cog = CogOptions::parse(o.compress);
    const Product product = open_product(o);
    warn_unmasked_saturation(product, mask);
    std::optional<SpectralIndex> index;
    std::optional<LstSpec> lst;
    std::vector<std::string> roles;
    if (!is_lst(o.index) && (!o.emissivity_table.empty() || !o.landcover.empty()))
        throw Error("--emissivity-table and --landcover apply to --index lst only");
    if (!is_lst(o.index) && o.unit_given) throw Error("--unit applies to --index lst only");
    if (o.landcover_band_given && o.landcover.empty())
        throw Error("--landcover-band needs --landcover");
    if (is_lst(o.index)) {
        lst = lst_spec(o, product, roles);
    } else if (!o.index.empty()) {
        index = parse_spectral_index(o.index);
        roles = spectral_index_bands(*index);
    } else {
        roles = expression_roles(o.expression, product);
    }
    if (o.thermal_gain_given && !reads_landsat7_band6(product, roles))
        throw Error(
            "--thermal-gain applies to the band 6 of Landsat 7 Level-1, read by --index lst "
            "or an expression with thermal; " +
            product.name + " with " + join(roles) + " reads no such band");
    ProductReader reader(product, roles, mask);
    const Grid grid = reader.grid();
    const std::string crs = reader.crs_wkt();
    const WindowLayout layout = reader.layout(1'000'000);
    const std::vector<Window> windows = layout.windows();
    // Bounded memory: the blocks one reader needs per window, for each thread that can read at
    // once (the writer keeps its own tiles).
    size_block_cache(reader.block_cache_bytes(layout), std::min(arena_threads(), windows.size()));
    // A thread's worker is made when it first computes a window; the first is the reader above.
    // The land-cover classes by nearest neighbour (gis/raster_source.hpp open_warped); a missing
    // file or band fails here, before any output.
    const auto classes = [&]() -> std::optional<RasterSource> {
        if (!lst || !lst->table) return std::nullopt;
        return RasterSource::open_warped(lst->landcover, grid, crs);
    };
    if (lst && lst->table) classes()->check_band(lst->landcover_band);
    PerThread<IndexWorker> workers = per_thread(
        IndexWorker{
            std::move(reader), PixelFunction(index, o.expression, roles, lst), {}, classes(), {}},
        [&] {
            return IndexWorker{ProductReader(product, roles, mask),
                               PixelFunction(index, o.expression, roles, lst),
                               {},
                               classes(),
                               {}};
        });
    const std::string what = lst ? "lst" : index ? spectral_index_name(*index) : o.expression;
    std::vector<std::pair<std::string, std::string>> items = {
        {"product", o.product},
        {"product_type", product.name},
        {"index", index || lst ? what : "expression"},
        {"expression", o.expression},
        {"mask", mask_selection_text(mask)}};
    if (lst) {
        items.emplace_back("unit", lst->celsius ? "degC" : "K");
        items.emplace_back("lst_method", lst_method_text(lst->method, lst->wavelength_um,
                                                         lst->table ? o.emissivity_table : ""));
        items.emplace_back("thermal_band", lst->band);
        if (lst->method == LstMethod::SingleChannel) {
            items.emplace_back("emissivity", lst->table
                                                 ? "by land-cover class: " + o.emissivity_table +
                                                       " (classes of " + o.landcover + " band " +
                                                       std::to_string(o.landcover_band) + ")"
                                                 : "NDVI thresholds (Sobrino et al. 2004)");
            items.emplace_back("wavelength_um", plain_number(lst->wavelength_um));
        }
        if (lst->max_uncertainty)
            items.emplace_back("max_st_uncertainty_k", plain_number(*lst->max_uncertainty));
    }
    const Metadata meta = output_metadata(items);
    CogWriter writer(o.output, grid, crs, kNodata, meta, 1, cog);

    Progress progress("index");
    int64_t valid = 0;
    compute_in_order<IndexWorker, IndexWindow>(
        workers, windows.size(),
        [&](IndexWorker& w, size_t i, IndexWindow& out) {
            w.reader.read(windows[i], w.channels);
            if (w.classes)
                w.classes->read(lst->landcover_band, windows[i], w.class_values.values,
                                w.class_values.valid);
            out.valid =
                w.function.compute(w.channels, out.values, w.classes ? &w.class_values : nullptr);
        },
        [&](size_t i, IndexWindow& out) {
            writer.write(windows[i], out.values);
            valid += out.valid;
            progress.update(0.8 * static_cast<double>(i + 1) / static_cast<double>(windows.size()));
        });
    double uncertainty_sum = 0;
    int64_t uncertainty_n = 0;
    for (auto& w : workers) {
        uncertainty_sum += w.function.uncertainty_sum;
        uncertainty_n += w.function.uncertainty_n;
    }
    workers.clear();  // closes the inputs (and frees their cached blocks) before the COG is built
    const int64_t total = grid.cols * grid.rows;
    if (valid == 0)
        throw Error(o.product +
                    ": every pixel is masked (no data, fill, saturated, cloud or "
                    "shadow, or " +
                    what + " undefined); no output written");
    writer.finish([&](double done) { progress.update(0.8 + 0.2 * done); });
    progress.finish();
    if (o.report.json) {
        nlohmann::ordered_json summary = {{"command", "index"},
                                          {"outputs", {o.output}},
                                          {"index", what},
                                          {"product", o.product},
                                          {"product_type", product.name},
                                          {"columns", grid.cols},
                                          {"rows", grid.rows},
                                          {"pixels_valid", valid},
                                          {"pixels_masked_or_nodata", total - valid}};
        if (lst) {
            summary["unit"] = lst->celsius ? "degC" : "K";
            summary["thermal_band"] = lst->band;
            // The mean ST_QA uncertainty of the values written (Level-2 with ST_QA only).
            if (uncertainty_n)
                summary["st_uncertainty_mean_k"] =
                    uncertainty_sum / static_cast<double>(uncertainty_n);
            else
                summary["st_uncertainty_mean_k"] = nullptr;
        }
        print_json(summary);
    } else if (text_output()) {
        std::cout << "index: " << what << " of " << product.name << ", " << grid.cols << " x "
                  << grid.rows << " pixels: " << valid << " valid, " << total - valid
                  << " masked or no data -> " << o.output << "\n";
        if (uncertainty_n)
            std::cout << "index: mean ST_QA uncertainty of the valid pixels "
                      << plain_number(uncertainty_sum / static_cast<double>(uncertainty_n))
                      << " K\n";
    }
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
    cmd->add_option("--index,-i", o->index,
                    "ndvi, evi, savi, ndwi, mndwi, ndbi, ndmi, or lst (land surface temperature)");
    CLI::Option* unit =
        cmd->add_option("--unit", o->unit, "--index lst: kelvin or celsius")->capture_default_str();
    CLI::Option* thermal_gain =
        cmd->add_option("--thermal-gain", o->thermal_gain,
                        "Landsat 7 Level-1 band 6: low (B6_VCID_1, wide range) or high (B6_VCID_2)")
            ->capture_default_str();
    cmd->add_option("--max-st-uncertainty", o->max_st_uncertainty,
                    "--index lst on Collection 2 Level-2: mask pixels whose ST_QA uncertainty "
                    "is above this (K)");
    cmd->add_option("--emissivity-table", o->emissivity_table,
                    "--index lst on Level-1: emissivity by land-cover class from this CSV (class, "
                    "emissivity or ndvi; e.g. data/emissivity/worldcover_landsat89_b10.csv) "
                    "instead of NDVI thresholds; a class it does not list gets no value");
    cmd->add_option("--landcover", o->landcover,
                    "With --emissivity-table: the land-cover raster of the classes (nearest "
                    "neighbour onto the thermal grid)");
    CLI::Option* landcover_band = cmd->add_option("--landcover-band", o->landcover_band, "Its band")
                                      ->capture_default_str()
                                      ->check(CLI::PositiveNumber);
    cmd->add_option("--expression,-e", o->expression,
                    "Instead of --index: an expression over the band roles blue, green, red, nir, "
                    "swir1, swir2, thermal, e.g. \"(nir - red) / (nir + red)\"");
    cmd->add_option("--mask", o->mask, kMaskHelp)->capture_default_str();
    cmd->add_option("--compress", o->compress, kCompressHelp)->capture_default_str();
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
    cmd->add_option("--threads,-j", o->threads,
                    "Threads that read, compute and compress (default: all cores); the output "
                    "does not depend on it")
        ->check(thread_count_check());
    add_report_flags(*cmd, o->report, "Replace the output file if it exists");
    cmd->footer(
        "Values are computed from reflectance: Landsat Level-1 top-of-atmosphere reflectance from\n"
        "the MTL coefficients, Landsat Collection 2 Level-2 and Sentinel-2 L2A surface\n"
        "reflectance. Masked pixels, fill, saturated pixels and a zero denominator are nodata\n"
        "(-9999). Sentinel-2 20 m bands are combined with 10 m bands on the 10 m grid (each 20 m\n"
        "pixel repeated 2 x 2). --index lst writes land surface temperature: the Collection 2\n"
        "Level-2 ST band, or from Level-1 brightness temperature with an NDVI-threshold\n"
        "emissivity, or one by land-cover class (--emissivity-table, --landcover; docs/methods.md\n"
        "7). When every pixel is masked the command fails with an "
        "error and\n"
        "writes no file. An existing output is not replaced without --overwrite.\n\n"
        "Example:\n  greengauge index --product "
        "data/landsat/LC08_L1TP_195025_20130707_20170503_01_T1_MTL.txt \\\n"
        "    --index ndvi -o ndvi.tif\n"
        "  greengauge index --product "
        "data/landsat/LC08_L1TP_195025_20130707_20170503_01_T1_MTL.txt "
        "\\\n    --expression \"(nir - swir1) / (nir + swir1)\" -o ndmi.tif\n"
        "  greengauge index --product "
        "data/landsat/LC08_L1TP_195025_20130707_20170503_01_T1_MTL.txt \\\n"
        "    --index lst --emissivity-table data/emissivity/worldcover_landsat89_b10.csv \\\n"
        "    --landcover worldcover.tif -o lst.tif\n"
        "  greengauge index --product S2B_MSIL2A_20240304T033539_N0510_R060_T47PPR.SAFE \\\n"
        "    --index ndvi --mask default,snow -o ndvi_s2.tif\n");
    cmd->callback([o, unit, thermal_gain, landcover_band] {
        o->unit_given = unit->count() > 0;
        o->thermal_gain_given = thermal_gain->count() > 0;
        o->landcover_band_given = landcover_band->count() > 0;
        with_threads(o->threads, [&] { run(*o); });
    });
}

}  // namespace gg::cli
