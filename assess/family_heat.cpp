// The heat family (assess/family_heat.hpp; docs/methods.md 7). It reads the thermal, red and NIR
// bands of imagery.products in a pass of its own (raster "heat": the thermal band is not among
// the bands other families read, and Landsat 7's gain is chosen here), with the imagery's
// composite method and mask.
#include "assess/family_heat.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "assess/family_green.hpp"
#include "assess/family_heat_exposure.hpp"
#include "assess/family_heat_suhi.hpp"
#include "assess/family_imagery.hpp"
#include "assess/project_reader.hpp"
#include "assess/raster_plan.hpp"
#include "core/composite.hpp"
#include "core/error.hpp"
#include "core/lst.hpp"
#include "gis/classes_on_grid.hpp"
#include "gis/composite_source.hpp"
#include "gis/people_on_grid.hpp"

namespace gg::assess {
namespace {

// The metric columns, in order; the _c forms are derived from the _k ones.
const char* const kMetricIds[] = {"lst_mean_k",
                                  "lst_p90_k",
                                  "lst_max_k",
                                  "lst_mean_c",
                                  "lst_p90_c",
                                  "lst_max_c",
                                  "lst_valid_share",
                                  "lst_green_minus_nongreen_k",
                                  "cooling_slope_k_per_0_1_ndvi",
                                  "cooling_r2",
                                  "cooling_n"};

// How the products' thermal bands become LST: all alike, or an error naming the odd one.
struct ThermalPlan {
    std::vector<Product> products;
    HeatParams params;
    std::string method;  // for the parameters and metadata
    std::string band;    // the thermal band's label
};

ThermalPlan thermal_plan(const ImagerySettings& imagery, const HeatSettings& s,
                         double green_threshold) {
    if (imagery.products.empty())
        throw Error(
            "heat: land surface temperature needs imagery.products (Landsat with a thermal "
            "band); a raster given as imagery.source has no known thermal calibration");
    ThermalPlan plan;
    plan.params.green_ndvi_threshold = green_threshold;
    plan.params.min_cooling_pixels = s.min_cooling_pixels;
    for (size_t i = 0; i < imagery.products.size(); ++i) {
        RecogniseOptions options = imagery.recognise_options(imagery.products[i]);
        options.landsat7_thermal_gain = s.thermal_gain;
        Product p = recognise_product(imagery.products[i], options);
        if (!p.has("thermal") && !p.missing_files.count("thermal"))
            throw Error(p.path +
                        ": heat needs the thermal band (ST_B10 / ST_B6 of a Collection 2 "
                        "Level-2 L2SP product, B10 / B6 of Level-1); " +
                        p.name + " has none");
        const BandSource& b = p.band("thermal");  // names a missing file
        ThermalInput input = ThermalInput::SurfaceTemperature;
        double wavelength = 0;
        if (!b.surface_temperature) {
            if (b.conversion.kind != Conversion::Kind::BrightnessTemperature || !b.wavelength_um)
                throw Error(p.path + ": heat: the thermal band " + b.label +
                            " is neither surface nor brightness temperature of a known band");
            input = ThermalInput::BrightnessTemperature;
            wavelength = *b.wavelength_um;
        }
        if (i == 0) {
            plan.params.input = input;
            plan.params.wavelength_um = wavelength;
            plan.band = b.label;
        } else if (input != plan.params.input || wavelength != plan.params.wavelength_um) {
            throw Error(p.path + ": heat: its thermal band (" + b.label +
                        ") is not of the same kind as the first product's (" + plan.band +
                        "): composite Level-2 surface temperature or Level-1 products of one "
                        "sensor, not both");
        }
        plan.products.push_back(std::move(p));
    }
    if (s.emissivity) {
        if (plan.params.input == ThermalInput::SurfaceTemperature)
            throw Error(plan.products.front().path +
                        ": heat.emissivity is for the single channel of Level-1 products; this "
                        "is Collection 2 Level-2 surface temperature (" +
                        plan.band + "), whose emissivity USGS has applied already");
        plan.params.emissivity_table = s.emissivity->table;
    }
    plan.method = lst_method_text(
        plan.params.input == ThermalInput::SurfaceTemperature ? LstMethod::SurfaceTemperatureProduct
                                                              : LstMethod::SingleChannel,
        plan.params.wavelength_um, s.emissivity ? s.emissivity->table_path : "");
    return plan;
}

double green_threshold(const Project& project) {
    const auto* green = project.settings<GreenSettings>("green");
    return green ? green->params.ndvi_threshold : GreenParams{}.ndvi_threshold;
}

// proxy: what a value stands in for (Level-1 LST has no atmospheric correction), or "".
void put(ZoneMetrics& m, size_t z, const char* id, const HeatValue& v, const std::string& proxy) {
    if (v.value)
        m.set(z, id, *v.value, proxy);
    else
        m.missing(z, id, v.reason);
}

// Level-1 LST is the single-channel method on top-of-atmosphere brightness temperature, without
// atmospheric correction (docs/methods.md 7): the indicator rows say so.
std::string proxy_note(const HeatParams& p) {
    if (p.input == ThermalInput::SurfaceTemperature) return "";
    return fmt::format(
        "LST from Level-1 top-of-atmosphere brightness temperature, no atmospheric correction "
        "(single channel, {} emissivity, lambda {} um)",
        p.emissivity_table ? "land-cover class" : "NDVI-threshold", p.wavelength_um);
}

HeatValue celsius(const HeatValue& k) {
    HeatValue c = k;
    if (c.value) *c.value -= kKelvinAtZeroCelsius;
    return c;
}

class HeatRun : public FamilyRun {
  public:
    HeatRun(HeatParams params, std::unique_ptr<HotspotRun> hot,
            const std::optional<SuhiParams>& suhi, bool exposure)
        : params_(params), hot_(std::move(hot)) {
        if (suhi) suhi_.emplace(*suhi);
        if (exposure) exposure_.emplace();
    }

    void plan(RunContext& ctx, RunPlan& plan) override {
        const size_t thermal = plan.band_index(kHeatRaster, "thermal");
        const size_t red = plan.band_index(kHeatRaster, "red");
        const size_t nir = plan.band_index(kHeatRaster, "nir");
        const HeatParams params = params_;
        const bool by_class = params.emissivity_table != nullptr;
        const size_t cls = by_class ? plan.band_index(kHeatRaster, kHeatClassBand) : 0;
        ChannelGroup group;
        group.key = fmt::format("heat {} {} {}", params.green_ndvi_threshold, params.wavelength_um,
                                by_class ? params.emissivity_table->label : "");
        group.names = heat_channel_names();
        group.keep_distribution.assign(kHeatChannels, false);
        group.keep_distribution[0] = true;  // quantiles of LST
        group.derive = [params, thermal, red, nir, by_class, cls](
                           const std::vector<ChannelBuffer>& bands, std::span<ChannelBuffer> out) {
            derive_heat_channels(bands[thermal], bands[red], bands[nir], params, out,
                                 by_class ? &bands[cls] : nullptr);
        };
        if (suhi_) suhi_->plan(ctx, plan, group);     // its channels join the group (one LST)
        if (exposure_) exposure_->plan(plan, group);  // so do these
        plan.channels(kHeatRaster, std::move(group));
        plan.zone_channels(kHeatRaster, heat_channel_names());
        hot_->plan(plan);
    }

    void finish(RunContext& /*ctx*/, const PassResults& results, ZoneMetrics& m) override {
        const std::string proxy = proxy_note(params_);
        // The cooling regression of the whole run: every zone's pixels together (a pixel in two
        // overlapping zones counts twice), without the distribution (no quantile is needed).
        std::vector<ZoneAccumulator> all_zones(kHeatChannels);
        for (size_t z = 0; z < m.zones(); ++z) {
            if (results.zone_area(kHeatRaster, z) <= 0) {
                for (const char* id : kMetricIds) m.missing(z, id, "zone outside the image");
                continue;
            }
            std::vector<ZoneAccumulator> acc;
            for (const auto& n : heat_channel_names())
                acc.push_back(results.zone(kHeatRaster, z, n));
            for (size_t k = 0; k < acc.size(); ++k) all_zones[k].merge(acc[k]);
            const HeatZoneMetrics h = heat_zone_metrics(acc, params_);
            put(m, z, "lst_mean_k", h.lst_mean_k, proxy);
            put(m, z, "lst_p90_k", h.lst_p90_k, proxy);
            put(m, z, "lst_max_k", h.lst_max_k, proxy);
            put(m, z, "lst_mean_c", celsius(h.lst_mean_k), proxy);
            put(m, z, "lst_p90_c", celsius(h.lst_p90_k), proxy);
            put(m, z, "lst_max_c", celsius(h.lst_max_k), proxy);
            put(m, z, "lst_valid_share", h.lst_valid_share, proxy);
            put(m, z, "lst_green_minus_nongreen_k", h.lst_green_minus_nongreen_k, proxy);
            put(m, z, "cooling_slope_k_per_0_1_ndvi", h.cooling_slope_k_per_0_1_ndvi, proxy);
            put(m, z, "cooling_r2", h.cooling_r2, proxy);
            put(m, z, "cooling_n", h.cooling_n, proxy);
        }
        whole_run_ = cooling_metrics(all_zones, params_);
        hot_->finish(results, m, proxy);
        if (suhi_) suhi_->finish(results, m, proxy);
        if (exposure_) exposure_->finish(results, m, proxy);
    }
    std::vector<RasterOutput> rasters(RunContext& /*ctx*/) const override {
        return hot_->rasters();
    }
    std::vector<SummaryTable> summaries(RunContext& /*ctx*/,
                                        const ZoneMetrics& /*m*/) const override {
        std::vector<SummaryTable> out;
        SummaryTable cooling;
        cooling.title = "Cooling effect of green over all zones (OLS of LST on NDVI):";
        const HeatZoneMetrics& w = whole_run_;
        cooling.lead.push_back(w.cooling_slope_k_per_0_1_ndvi.value
                                   ? fmt::format("{:+.3f} K per 0.1 NDVI, R2 {:.3f}, {:.0f} pixels",
                                                 *w.cooling_slope_k_per_0_1_ndvi.value,
                                                 *w.cooling_r2.value, w.cooling_n.value.value_or(0))
                                   : "no regression: " + w.cooling_slope_k_per_0_1_ndvi.reason);
        cooling.header = false;
        out.push_back(std::move(cooling));
        if (suhi_)
            for (auto& t : suhi_->summaries()) out.push_back(std::move(t));
        return out;
    }
    std::vector<SummaryFigure> totals(RunContext& /*ctx*/,
                                      const ZoneMetrics& /*m*/) const override {
        std::vector<SummaryFigure> out = {{"cooling_slope_k_per_0_1_ndvi_all_zones",
                                           whole_run_.cooling_slope_k_per_0_1_ndvi.value},
                                          {"cooling_r2_all_zones", whole_run_.cooling_r2.value},
                                          {"cooling_n_all_zones", whole_run_.cooling_n.value}};
        if (suhi_)
            for (auto& f : suhi_->totals()) out.push_back(std::move(f));
        return out;
    }

  private:
    HeatParams params_;
    HeatZoneMetrics whole_run_;
    std::unique_ptr<HotspotRun> hot_;
    std::optional<SuhiRun> suhi_;
    std::optional<ExposureRun> exposure_;
};

class HeatFamily : public Family {
  public:
    std::string id() const override { return "heat"; }
    std::string summary() const override {
        return "urban heat: land surface temperature per zone (mean, 90th percentile, maximum) "
               "from the products' thermal band, its hot spots (Getis-Ord Gi*) and heat island "
               "area, the cooling effect of green, and with a population raster the residents' "
               "exposure (population-weighted LST, residents on hot spots)";
    }
    std::vector<ProjectKey> keys() const override {
        std::vector<ProjectKey> k = {
            {"heat", "thermal_gain",
             "Landsat 7 Level-1 band 6: low (B6_VCID_1, the default) or high (B6_VCID_2)"},
            {"heat", "min_cooling_pixels",
             "fewest pixels (sum of coverage) with LST and NDVI for the cooling regression "
             "(10)"},
            {"heat", "suhi",
             "surface urban heat island intensity against rural reference rings: {} for the "
             "defaults, or ring_km [2, 10], sweep_km [[1, 5], [2, 10], [5, 15], [10, 30]], "
             "water_mndwi 0, builtup_ndbi 0, min_reference_pixels 100 (needs green and "
             "SWIR1 bands); or reference: a polygon layer (reference_layer: its layer) instead "
             "of the rings; rural_classes [10, 20, 30, 40]: rural by the classes of a land-cover "
             "raster (landcover: its path, landcover_band; default landcover.source)"}};
        k.push_back(emissivity_key());
        for (auto& h : hotspot_keys()) k.push_back(std::move(h));
        return k;
    }
    std::vector<MetricInfo> metrics() const override {
        const char* b = kImageryBasis;
        const char* lst = "docs/methods.md 7";  // string literals: MetricInfo holds views
        std::vector<MetricInfo> m = {
            {"lst_mean_k", "K",
             "coverage-weighted mean land surface temperature of the valid pixels", lst, true, b},
            {"lst_p90_k", "K", "90th percentile of land surface temperature (coverage-weighted)",
             lst, true, b},
            {"lst_max_k", "K", "highest land surface temperature of a pixel in the zone", lst, true,
             b},
            {"lst_mean_c", "degC", "lst_mean_k - 273.15", lst, true, b},
            {"lst_p90_c", "degC", "lst_p90_k - 273.15", lst, true, b},
            {"lst_max_c", "degC", "lst_max_k - 273.15", lst, true, b},
            {"lst_valid_share", "1",
             "share of the zone's covered area with a valid land surface temperature", lst, true,
             b},
            {"lst_green_minus_nongreen_k", "K",
             "mean LST of green pixels (NDVI >= green.ndvi_threshold) minus that of the other "
             "pixels",
             lst, true, b},
            {"cooling_slope_k_per_0_1_ndvi", "K/0.1 NDVI",
             "slope of the OLS of LST on NDVI over the zone's pixels, per 0.1 NDVI (negative: "
             "greener is cooler)",
             lst, true, b},
            {"cooling_r2", "1", "R2 of that regression", lst, true, b},
            {"cooling_n", "pixels", "pixels of that regression (sum of coverage fractions)", lst,
             true, b},
        };
        for (const auto& h : hotspot_metrics()) m.push_back(h);
        for (const MetricInfo& h : suhi_metrics()) m.push_back(h);
        for (const MetricInfo& h : exposure_metrics()) m.push_back(h);
        return m;
    }
    std::shared_ptr<const FamilySettings> read(const ProjectReader& r) const override {
        const auto heat = r.section("heat");
        if (!heat) return nullptr;
        if (!r.section("imagery")) r.fail("the section \"heat\" needs \"imagery\" (its products)");
        auto s = std::make_shared<HeatSettings>();
        if (const YAML::Node gain = (*heat)["thermal_gain"]) {
            try {
                s->thermal_gain = parse_thermal_gain(r.text(*heat, "thermal_gain", "heat", true));
            } catch (const Error& e) {
                r.fail(gain, std::string("heat.") + e.what());
            }
        }
        s->min_cooling_pixels =
            r.number(*heat, "min_cooling_pixels", "heat", s->min_cooling_pixels);
        if (!(s->min_cooling_pixels >= 3))
            r.fail((*heat)["min_cooling_pixels"], "\"heat.min_cooling_pixels\" must be 3 or more");
        s->hotspots = read_hotspots(r, *heat);
        s->suhi = read_suhi(r, *heat);
        s->emissivity = read_emissivity(r, *heat);
        // One land-cover map on the thermal grid serves both.
        if (s->emissivity && s->suhi && SuhiRun::needs_classes(*s->suhi) &&
            (s->emissivity->landcover_path != s->suhi->landcover_path ||
             s->emissivity->landcover_band != s->suhi->landcover_band))
            r.fail((*heat)["emissivity"],
                   "\"heat.emissivity\" and \"heat.suhi.rural_classes\" use one land-cover "
                   "raster: give both the same landcover (and landcover_band), or neither");
        s->population_raster = exposure_population(r);
        return s;
    }
    std::vector<std::string> columns(const FamilySettings& fs) const override {
        const auto& s = settings_as<HeatSettings>(fs);
        std::vector<std::string> c(std::begin(kMetricIds), std::end(kMetricIds));
        for (auto& h : hotspot_columns(s.hotspots)) c.push_back(std::move(h));
        if (s.suhi)
            for (auto& h : suhi_columns()) c.push_back(std::move(h));
        if (!s.population_raster.empty())
            for (auto& h : exposure_columns(s.hotspots.enabled)) c.push_back(std::move(h));
        return c;
    }
    std::vector<std::string> raster_suffixes(const FamilySettings& fs) const override {
        return hotspot_raster_suffixes(settings_as<HeatSettings>(fs).hotspots);
    }
    // The products are the imagery's inputs (recorded by it); the SUHI reference's files are ours.
    std::vector<RunInput> inputs(const FamilySettings& fs) const override {
        const auto& s = settings_as<HeatSettings>(fs);
        std::vector<RunInput> in;
        if (s.suhi && s.suhi->polygon()) in.push_back({"suhi_reference", s.suhi->reference_path});
        if (s.suhi && !s.suhi->rural_classes.empty())
            in.push_back({"suhi_landcover", s.suhi->landcover_path});
        if (s.emissivity) {
            in.push_back({"emissivity_table", s.emissivity->table_path});
            in.push_back({"emissivity_landcover", s.emissivity->landcover_path});
        }
        return in;
    }
    std::vector<std::pair<std::string, std::string>> parameters(
        const FamilySettings& fs) const override {
        const auto& s = settings_as<HeatSettings>(fs);
        std::vector<std::pair<std::string, std::string>> p = {
            {"thermal_gain", s.thermal_gain == ThermalGain::Low ? "low" : "high"},
            {"min_cooling_pixels", fmt::format("{}", s.min_cooling_pixels)}};
        for (auto& h : emissivity_parameters(s.emissivity)) p.push_back(std::move(h));
        for (auto& h : hotspot_parameters(s.hotspots)) p.push_back(std::move(h));
        if (s.suhi)
            for (auto& h : suhi_parameters(*s.suhi)) p.push_back(std::move(h));
        if (!s.population_raster.empty())
            p.emplace_back("exposure_people",
                           "zones.population_raster moved onto the thermal grid by area (people "
                           "spread evenly within a population cell)");
        return p;
    }
    std::unique_ptr<FamilyRun> start(const FamilySettings& fs, RunContext& ctx) const override {
        const auto& s = settings_as<HeatSettings>(fs);
        const auto* imagery = ctx.project().settings<ImagerySettings>("imagery");
        if (!imagery) throw Error("heat: the project has no imagery");
        ThermalPlan tp = thermal_plan(*imagery, s, green_threshold(ctx.project()));
        const std::string label = imagery->products.size() == 1
                                      ? imagery->products.front()
                                      : std::to_string(imagery->products.size()) + " products (" +
                                            imagery->composite + ")";
        const std::string population = s.population_raster;
        const std::string classes_path = s.emissivity ? s.emissivity->landcover_path
                                         : s.suhi     ? s.suhi->landcover_path
                                                      : "";
        const int classes_band = s.emissivity ? s.emissivity->landcover_band
                                 : s.suhi     ? s.suhi->landcover_band
                                              : 1;
        ctx.add_raster(
            kHeatRaster, [imagery, products = tp.products, label, population, classes_path,
                          classes_band](const std::vector<std::string>& asked) {
                RasterInput in;
                in.name = kHeatRaster;
                in.label = label;
                in.progress_label = "heat";
                // The products' roles are composited; the people and the land-cover classes, when
                // asked for, come last.
                const auto was_asked = [&](const char* band) {
                    return std::find(asked.begin(), asked.end(), band) != asked.end();
                };
                std::vector<std::string> roles;
                for (const auto& r : asked)
                    if (r != kHeatPeopleBand && r != kHeatClassBand) roles.push_back(r);
                in.bands = roles;
                in.custom = composite_window_source(
                    products, roles, parse_composite_method(imagery->composite), imagery->mask);
                if (was_asked(kHeatPeopleBand)) {
                    in.bands.emplace_back(kHeatPeopleBand);
                    in.custom = with_people(*in.custom, population);
                }
                if (was_asked(kHeatClassBand)) {
                    in.bands.emplace_back(kHeatClassBand);
                    in.custom = with_classes(*in.custom, classes_path, classes_band);
                }
                in.info = in.custom->info;
                return in;
            });
        ctx.use_bands(kHeatRaster, {"thermal", "red", "nir"});
        if (s.emissivity) ctx.use_bands(kHeatRaster, {kHeatClassBand});
        if (!population.empty()) ctx.use_bands(kHeatRaster, {kHeatPeopleBand});
        if (s.suhi) {
            for (const Product& p : tp.products)
                for (const std::string& role : SuhiRun::extra_bands())
                    if (!p.has(role))
                        throw Error(p.path + ": heat.suhi needs the " + role +
                                    " band (MNDWI and NDBI tell water and built-up pixels from "
                                    "rural ones); " +
                                    p.name + " has none");
            ctx.use_bands(kHeatRaster, SuhiRun::extra_bands());
            if (SuhiRun::needs_classes(*s.suhi)) ctx.use_bands(kHeatRaster, {kHeatClassBand});
        }
        auto hot = std::make_unique<HotspotRun>(
            s.hotspots, ctx,
            LstInputs{tp.products, parse_composite_method(imagery->composite), imagery->mask,
                      tp.params, classes_path, classes_band},
            kHeatRaster, population);
        return std::make_unique<HeatRun>(tp.params, std::move(hot), s.suhi, !population.empty());
    }
};

}  // namespace

const Family& heat_family() {
    static const HeatFamily family;
    return family;
}

}  // namespace gg::assess
