// greengauge composite: a per-pixel composite (median, mean or max-NDVI) of a spectral index or
// a band over several dates of the same area, with clouds masked, written as a two-band
// Cloud-Optimized GeoTIFF: the composite value and the count of valid observations.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <set>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "core/composite.hpp"
#include "core/error.hpp"
#include "core/indices.hpp"
#include "core/scene_mix.hpp"
#include "gis/cog_writer.hpp"
#include "gis/composite.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/parallel.hpp"
#include "gis/product.hpp"

namespace gg::cli {
namespace {

constexpr double kNodata = -9999;  // as greengauge index: outside any index's range

struct CompositeOptions {
    std::vector<std::string> products;
    std::string index;
    std::string band;
    std::string method = "median";
    std::string mask = "default";
    std::string compress = "deflate";
    int threads = 0;  // 0: the current TBB arena (all cores)
    std::optional<double> boa_offset;
    std::string output;
    // A year: see the help. Scenes further apart than this get a warning.
    int64_t max_span_days = 365;
    ReportFlags report;
};

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
    std::string out;
    for (const auto& s : v) out.append(out.empty() ? "" : sep).append(s);
    return out;
}

// Everything a user can get wrong in the options, checked before any file is opened.
void check_options(const CompositeOptions& o) {
    check_output_extension(o.output, {"tif", "tiff"});
    check_overwrite(o.output, o.report.overwrite);
    if (o.products.size() < 2)
        throw Error("composite needs at least 2 products (--product, once per date; got " +
                    std::to_string(o.products.size()) +
                    "); for a single scene use greengauge index");
    std::set<std::string> seen;
    for (const auto& p : o.products)
        if (!seen.insert(p).second)
            throw Error("--product " + p + " given twice (it would count twice in the composite)");
    if (o.index.empty() == o.band.empty())
        throw Error("give either --index or --band (one of them)");
    if (o.max_span_days < 0)
        throw Error("--max-span-days " + std::to_string(o.max_span_days) + ": must be 0 or more");
    if (!o.band.empty() &&
        std::find(band_roles().begin(), band_roles().end(), o.band) == band_roles().end())
        throw Error("--band '" + o.band + "': unknown band role (known: " + join(band_roles()) +
                    ")");
}

// One thread's share: its own GDAL handles (a CompositeReader) and buffers.
struct CompositeWorker {
    CompositeReader reader;
    CompositeOutput scratch;
};

struct CompositeWindow {
    std::vector<float> value, count;  // the two output bands
    int64_t valid = 0, observations = 0;
};

void run(const CompositeOptions& o) {
    set_report_mode(o.report);
    check_options(o);
    const CompositeMethod method = parse_composite_method(o.method);
    std::optional<SpectralIndex> index;
    std::vector<std::string> roles = {o.band};
    if (!o.index.empty()) {
        index = parse_spectral_index(o.index);
        roles = spectral_index_bands(*index);
    }
    const MaskSelection mask = mask_option(o.mask);
    const CogOptions cog = CogOptions::parse(o.compress);
    std::vector<Product> products;
    std::vector<SceneStamp> stamps;
    for (const auto& p : o.products) {
        products.push_back(recognise_product(p, {o.boa_offset}));
        warn_unmasked_saturation(products.back(), mask);
        const Product& product = products.back();
        stamps.push_back({p, product.sensor, product.sensor_family, product.acquired});
    }
    // Dates years apart or different sensors make a composite of things that do not belong
    // together: said before the long work.
    const SceneMix mix = scene_mix(stamps, o.max_span_days, "--max-span-days");
    for (const auto& w : mix.warnings) warn(w);
    CompositeReader reader(products, roles, method, mask);
    const Grid grid = reader.grid();
    const std::string crs = reader.crs_wkt();
    const WindowLayout layout = reader.layout();
    const std::vector<Window> windows = layout.windows();
    const int64_t rows_per_slice = slice_rows(layout, reader.window_budget_cells());
    size_block_cache(reader.block_cache_bytes(layout), std::min(arena_threads(), windows.size()));
    const std::string what = index ? spectral_index_name(*index) : o.band;
    const std::string method_name = composite_method_name(method);
    const Metadata meta = output_metadata({{"products", join(o.products, ";")},
                                           {"composite_method", method_name},
                                           {"index", index ? what : ""},
                                           {"band", o.band},
                                           {"mask", mask_selection_text(mask)},
                                           {"output_grid", o.products.front()}});
    CogWriter writer(o.output, grid, crs, kNodata, meta, 2, cog);
    writer.describe_band(1, what + " " + method_name);
    writer.describe_band(2, "valid observations");

    const CompositeReader::Derive derive = [&](const std::vector<ChannelBuffer>& ch,
                                               ChannelBuffer& out) {
        spectral_index_channel(*index, roles, ch, out);
    };
    // A thread's worker is made when it first computes a window; the first is the reader above.
    PerThread<CompositeWorker> workers = per_thread(CompositeWorker{std::move(reader), {}}, [&] {
        return CompositeWorker{CompositeReader(products, roles, method, mask), {}};
    });
    workers.local();  // the reader above, so there is always one
    Progress progress("composite");
    int64_t valid = 0, observations = 0;
    compute_in_order<CompositeWorker, CompositeWindow>(
        workers, windows.size(),
        [&](CompositeWorker& w, size_t i, CompositeWindow& out) {
            const Window& window = windows[i];
            out.value.assign(static_cast<size_t>(window.size()), static_cast<float>(kNodata));
            out.count.resize(out.value.size());
            // In slices of rows when the scenes' buffers would pass the budget; the window's
            // blocks stay in the cache meanwhile.
            for (int64_t r0 = window.row0; r0 < window.row_end(); r0 += rows_per_slice) {
                const Window slice{window.col0, r0, window.cols,
                                   std::min(rows_per_slice, window.row_end() - r0)};
                if (index)
                    w.reader.read(slice, derive, w.scratch);
                else
                    w.reader.read(slice, w.scratch);
                const ChannelBuffer& c = w.scratch.channels.front();
                const auto at = static_cast<size_t>((r0 - window.row0) * window.cols);
                for (size_t p = 0; p < c.values.size(); ++p) {
                    out.count[at + p] = static_cast<float>(w.scratch.count[p]);
                    out.observations += w.scratch.count[p];
                    if (!c.valid[p] || !std::isfinite(static_cast<float>(c.values[p]))) continue;
                    out.value[at + p] = static_cast<float>(c.values[p]);
                    ++out.valid;
                }
            }
        },
        [&](size_t i, CompositeWindow& out) {
            writer.write(1, windows[i], out.value);
            writer.write(2, windows[i], out.count);
            valid += out.valid;
            observations += out.observations;
            progress.update(0.8 * static_cast<double>(i + 1) / static_cast<double>(windows.size()));
        });
    // Each worker saw some of the windows: a scene's observations are the sum over workers.
    const CompositeReader& any = workers.begin()->reader;
    const size_t scenes = any.scene_count();
    std::vector<int64_t> per_scene(scenes, 0);
    size_t warped = 0;
    for (size_t d = 0; d < scenes; ++d) {
        for (const auto& w : workers) per_scene[d] += w.reader.scene_observations()[d];
        warped += any.reprojected(d) ? 1 : 0;
    }
    workers.clear();  // closes the inputs before the COG is built
    if (valid == 0)
        throw Error(
            "every pixel is masked in every product (no data, fill, saturated, cloud or "
            "shadow, or " +
            what + " undefined); no output written");
    for (size_t d = 0; d < scenes; ++d)
        if (per_scene[d] == 0)
            warn(o.products[d] +
                 ": adds no valid observation (every pixel masked, or outside the first "
                 "product's area)");
    writer.finish([&](double done) { progress.update(0.8 + 0.2 * done); });
    progress.finish();
    const int64_t total = grid.cols * grid.rows;
    if (o.report.json)
        print_json({{"command", "composite"},
                    {"outputs", {o.output}},
                    {"method", method_name},
                    {"value", what},
                    {"products", o.products},
                    {"sensors", mix.sensors},
                    {"first_date", mix.span_days ? nlohmann::ordered_json(mix.first_date)
                                                 : nlohmann::ordered_json(nullptr)},
                    {"last_date", mix.span_days ? nlohmann::ordered_json(mix.last_date)
                                                : nlohmann::ordered_json(nullptr)},
                    {"span_days", mix.span_days ? nlohmann::ordered_json(*mix.span_days)
                                                : nlohmann::ordered_json(nullptr)},
                    {"products_reprojected", warped},
                    {"observations_per_product", per_scene},
                    {"columns", grid.cols},
                    {"rows", grid.rows},
                    {"pixels_with_value", valid},
                    {"pixels_without_observation", total - valid},
                    {"observations", observations}});
    else if (text_output())
        std::cout << "composite: " << method_name << " of " << what << " over " << scenes
                  << " products (" << warped << " reprojected), " << grid.cols << " x " << grid.rows
                  << " pixels: " << valid << " with a value, " << total - valid
                  << " without a valid observation; " << observations << " valid observations -> "
                  << o.output << "\n";
}

}  // namespace

void add_composite_command(CLI::App& app) {
    auto o = std::make_shared<CompositeOptions>();
    CLI::App* cmd = app.add_subcommand(
        "composite",
        "Per-pixel composite (median, mean, max-NDVI) of several dates as a Cloud-Optimized "
        "GeoTIFF");
    cmd->add_option("--product,-p", o->products,
                    "A product per date (repeat): a folder, a Landsat *_MTL.txt, a Sentinel-2 "
                    "MTD_MSIL2A.xml or .SAFE folder. The first one sets the output grid")
        ->required();
    cmd->add_option("--index,-i", o->index, "ndvi, evi, savi, ndwi, mndwi, ndbi or ndmi");
    cmd->add_option("--band,-b", o->band,
                    "Instead of --index: a band role (blue, green, red, nir, swir1, swir2, "
                    "thermal), composited as reflectance (kelvin for thermal)");
    cmd->add_option("--method,-m", o->method, "median, mean or max-ndvi")->capture_default_str();
    cmd->add_option("--mask", o->mask, kMaskHelp)->capture_default_str();
    cmd->add_option("--compress", o->compress, kCompressHelp)->capture_default_str();
    cmd->add_option("--threads,-j", o->threads,
                    "Threads that read, compute and compress (default: all cores); the output "
                    "does not depend on it")
        ->check(thread_count_check());
    cmd->add_option("--boa-offset", o->boa_offset,
                    "Sentinel-2 BOA_ADD_OFFSET when MTD_MSIL2A.xml is missing (-1000 for "
                    "baseline 04.00 and later, 0 before)");
    cmd->add_option("--output,-o", o->output, "Output Cloud-Optimized GeoTIFF (.tif)")->required();
    cmd->add_option("--max-span-days", o->max_span_days,
                    "Warn when the products' acquisition dates span more than this many days")
        ->capture_default_str();
    add_report_flags(*cmd, o->report, "Replace the output file if it exists");
    cmd->footer(
        "Band 1 is the composite, band 2 the number of valid observations (dates whose pixel\n"
        "is neither masked nor without a value); nodata -9999 where no date is valid.\n"
        "median: of an even count, the mean of the two middle values. mean: the arithmetic mean.\n"
        "max-ndvi: per pixel the date with the highest valid NDVI (ties: the first product),\n"
        "whose --index or --band value is written. --index composites the index of each date\n"
        "(e.g. the median of the NDVIs).\n\n"
        "The output grid is the first product's; a product on another grid or CRS is reprojected\n"
        "onto it by nearest neighbour (masks included), so every value is an observed one. A\n"
        "product that does not overlap the first is an error; so are fewer than 2 products\n"
        "(use greengauge index for one) and a product given twice. When every pixel is masked\n"
        "in every product the command fails and writes no file; a product that adds no valid\n"
        "observation gets a warning. An existing output is not replaced without --overwrite.\n\n"
        "A composite is one state of the ground. It warns when the products' dates (the MTL's\n"
        "DATE_ACQUIRED, MTD_MSIL2A's PRODUCT_START_TIME) span more than --max-span-days (365 by\n"
        "default: the assessment's indicators are yearly, and over the monsoon a single season\n"
        "often has too few clear views to composite; a year apart is another year's vegetation\n"
        "and building; --max-span-days 92 for a one-season composite), and when they mix sensors\n"
        "of different bands (Landsat 7 ETM+ with Landsat 8-9 OLI, Landsat with Sentinel-2: OLI\n"
        "NDVI reads higher than ETM+ NDVI of the same ground).\n\n"
        "Example:\n  greengauge composite -p LC08_..._20230101_..._MTL.txt \\\n"
        "    -p LC08_..._20230117_..._MTL.txt -p LC08_..._20230202_..._MTL.txt \\\n"
        "    --index ndvi --method median -o ndvi_median.tif\n");
    cmd->callback([o] { with_threads(o->threads, [&] { run(*o); }); });
}

}  // namespace gg::cli
