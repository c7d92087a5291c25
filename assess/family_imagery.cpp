#include "assess/family_imagery.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "assess/project_reader.hpp"
#include "assess/raster_plan.hpp"
#include "assess/zone_area.hpp"
#include "core/composite.hpp"
#include "core/error.hpp"
#include "core/scene_mix.hpp"
#include "gis/composite_source.hpp"
#include "gis/product.hpp"
#include "gis/zone_coverage.hpp"

namespace gg::assess {
namespace {

std::string percent(double share) {
    return fmt::format("{:.0f} %", share * 100);
}

class ImageryRun : public FamilyRun {
  public:
    explicit ImageryRun(const ImagerySettings& s) : s_(s) {}

    void plan(RunContext& /*ctx*/, RunPlan& plan) override { plan.zone_coverage(kImageryRaster); }

    void finish(RunContext& ctx, const PassResults& results, ZoneMetrics& m) override {
        const RasterInput& image = ctx.raster(kImageryRaster);
        const ZoneSet& zones = ctx.zones();
        std::vector<double> covered_m2;
        std::vector<std::pair<double, std::string>> partial;
        const auto& zone_areas = zone_ground_areas(ctx, kImageryRaster);
        for (size_t z = 0; z < zones.zones.size(); ++z) {
            const Zone& zone = zones.zones[z];
            const double covered = results.zone_area(kImageryRaster, z);
            covered_m2.push_back(covered);
            if (const auto& area = zone_areas[z])
                m.set(z, "image_coverage_share", std::min(1.0, covered / *area));
            if (covered <= 0) {
                m.missing(z, "area_m2", "zone outside the image");
                m.withhold(z, kImageryBasis, "zone outside the image");
                continue;
            }
            m.set(z, "area_m2", covered);
            const auto share = m.value(z, "image_coverage_share");
            if (share && *share < s_.min_coverage) {
                partial.emplace_back(*share, zone.id);
                m.withhold(z, kImageryBasis,
                           "image covers " + percent(*share) +
                               " of the zone (imagery.min_coverage " + percent(s_.min_coverage) +
                               ")");
            }
        }
        for (const auto& line : zone_coverage_warnings(zones, image.label, covered_m2))
            ctx.warn(line);
        if (!partial.empty()) {
            const auto worst = *std::min_element(partial.begin(), partial.end());
            ctx.warn(fmt::format(
                "{} zone(s) are covered less than {} by the image: their image-based metrics are "
                "written (see image_coverage_share) but their indicators are not scored "
                "(lowest: zone {} at {})",
                partial.size(), percent(s_.min_coverage), worst.second, percent(worst.first)));
        }
    }

  private:
    const ImagerySettings& s_;
};

// A band for the coverage pass when no family reads the image: the first role (in band_roles()
// order) that every product has, or the stack maps. Its pixels are not read (a coverage-only
// pass, gis/grid_only_source.hpp), so a download of just the bands a family needs will do.
std::vector<std::string> coverage_role(const ImagerySettings& s,
                                       const std::vector<Product>& products) {
    for (const auto& role : band_roles()) {
        bool everywhere = products.empty() ? s.role_bands.count(role) != 0 : true;
        for (const auto& p : products) everywhere = everywhere && p.has(role);
        if (everywhere) return {role};
    }
    throw Error((products.empty() ? s.image : products.front().path) +
                ": no band role that every product has");
}

// The bands `roles` of the stack or products, as one window source or bands of one file.
RasterInput open_image(const ImagerySettings& s, const std::vector<Product>& products,
                       const std::vector<std::string>& asked) {
    const std::vector<std::string> roles = asked.empty() ? coverage_role(s, products) : asked;
    RasterInput in;
    in.name = kImageryRaster;
    in.progress_label = "assess";
    in.bands = roles;
    if (!s.products.empty()) {
        in.custom =
            composite_window_source(products, roles, parse_composite_method(s.composite), s.mask);
        in.label = s.products.size() == 1
                       ? s.products.front()
                       : std::to_string(s.products.size()) + " products (" + s.composite + ")";
        in.info = in.custom->info;
        return in;
    }
    in.label = s.image;
    for (const auto& role : roles) {
        const auto it = s.role_bands.find(role);
        if (it == s.role_bands.end())
            throw Error(s.image + ": the project names no " + role + " band (imagery." + role +
                        "_band)");
        in.band_numbers.push_back(it->second);
    }
    if (s.scale != 1 || s.offset != 0) {
        // The generic profile: the stack's DNs calibrated before any index (no QA band).
        const Product stack = generic_product(s.image, s.role_bands, {s.scale, s.offset});
        in.custom =
            composite_window_source({stack}, roles, CompositeMethod::Median, MaskSelection::none());
        in.info = in.custom->info;
        in.band_numbers.clear();
        return in;
    }
    const RasterSource image = RasterSource::open(s.image);
    for (int b : in.band_numbers) image.check_band(b);
    in.info = image.info();
    in.path = s.image;
    return in;
}

class ImageryFamily : public Family {
  public:
    std::string id() const override { return "imagery"; }
    std::string summary() const override {
        return "the image: a raster stack or Landsat / Sentinel-2 products composited per pixel; "
               "how much of each zone it covers";
    }
    std::vector<ProjectKey> keys() const override {
        return {{"imagery", "source", "a raster stack GDAL opens"},
                {"imagery", "red_band", "band number of red in the stack"},
                {"imagery", "nir_band", "band number of near infrared in the stack"},
                {"imagery", "scale", "reflectance = DN * scale + offset (generic profile)"},
                {"imagery", "offset", "see scale"},
                {"imagery", "products", "Landsat / Sentinel-2 products, composited per pixel"},
                {"imagery", "composite", "median | mean | max-ndvi"},
                {"imagery", "mask", "QA / SCL classes masked: default | none | a list"},
                {"imagery", "max_span_days",
                 "warn when the products' dates span more than this many days, or they mix "
                 "sensors (365)"},
                {"imagery", "min_coverage",
                 "share of a zone the image must cover for its indicators to be scored (0.9)"}};
    }
    std::vector<MetricInfo> metrics() const override {
        return {
            {"area_m2", "m2",
             "ground area of the zone covered by the image (nodata and masked pixels "
             "included)",
             "exact coverage x true pixel ground area (docs/methods.md 1)", true, kImageryBasis},
            {"image_coverage_share", "1",
             "share of the zone's ground area the image covers (nodata included); below "
             "imagery.min_coverage the zone's image-based indicators are not scored",
             "exact coverage (docs/methods.md 1)"}};
    }
    std::shared_ptr<const FamilySettings> read(const ProjectReader& r) const override {
        const auto section = r.section("imagery");
        if (!section) r.fail("the section \"imagery\" is required");
        const YAML::Node& imagery = *section;
        auto s = std::make_shared<ImagerySettings>();
        if (const YAML::Node products = imagery["products"]) {
            if (imagery["source"] || imagery["red_band"] || imagery["nir_band"] ||
                imagery["scale"] || imagery["offset"])
                r.fail(products,
                       "give imagery.products, or imagery.source with red_band and "
                       "nir_band, not both");
            if (!products.IsSequence() || products.size() == 0)
                r.fail(products, "\"imagery.products\" must be a list of product paths");
            for (const auto& item : products) {
                if (!item.IsScalar()) r.fail(item, "each product is a path");
                s->products.push_back(r.resolve(item.as<std::string>()));
            }
            if (imagery["composite"]) s->composite = r.text(imagery, "composite", "imagery", true);
            if (const YAML::Node span = imagery["max_span_days"]) {
                if (!span.IsScalar() || !YAML::convert<int64_t>::decode(span, s->max_span_days) ||
                    s->max_span_days < 0)
                    r.fail(span, "\"imagery.max_span_days\" must be a number of days (0 or more)");
            }
            if (const YAML::Node mask = imagery["mask"]) {
                // A word ("default", "none") or a list of classes ([cloud, shadow, snow]).
                std::string text;
                if (mask.IsSequence()) {
                    for (const auto& item : mask)
                        text.append(text.empty() ? "" : ",").append(item.as<std::string>());
                } else {
                    text = mask.as<std::string>();
                }
                try {
                    s->mask = parse_mask_selection(text);
                } catch (const Error& e) {
                    r.fail(mask, std::string("imagery.") + e.what());
                }
            }
        } else {
            if (imagery["mask"])
                r.fail(imagery["mask"],
                       "imagery.mask needs imagery.products (a raster given as imagery.source has "
                       "no QA band to mask with)");
            if (imagery["max_span_days"])
                r.fail(imagery["max_span_days"],
                       "imagery.max_span_days needs imagery.products (the dates of a raster given "
                       "as imagery.source are unknown)");
            s->image = r.path_value(imagery, "source", "imagery", true);
            s->role_bands["red"] = r.positive_int(imagery, "red_band", "imagery");
            s->role_bands["nir"] = r.positive_int(imagery, "nir_band", "imagery");
            s->scale = r.number(imagery, "scale", "imagery", 1.0);
            s->offset = r.number(imagery, "offset", "imagery", 0.0);
            if (s->scale == 0) r.fail(imagery["scale"], "\"imagery.scale\" must not be 0");
        }
        s->min_coverage = r.number(imagery, "min_coverage", "imagery", s->min_coverage);
        if (!(s->min_coverage >= 0 && s->min_coverage <= 1))
            r.fail(imagery["min_coverage"], "\"imagery.min_coverage\" must be between 0 and 1");
        return s;
    }
    std::vector<std::string> columns(const FamilySettings&) const override {
        return {"area_m2", "image_coverage_share"};
    }
    std::vector<RunInput> inputs(const FamilySettings& fs) const override {
        const auto& s = settings_as<ImagerySettings>(fs);
        std::vector<RunInput> in;
        if (!s.image.empty()) in.push_back({"image", s.image});
        for (const auto& p : s.products) in.push_back({"product", p});
        return in;
    }
    std::vector<std::pair<std::string, std::string>> parameters(
        const FamilySettings& fs) const override {
        const auto& s = settings_as<ImagerySettings>(fs);
        std::vector<std::pair<std::string, std::string>> p;
        if (!s.image.empty()) {
            p.emplace_back("image", s.image);
            for (const auto& [role, band] : s.role_bands)
                p.emplace_back(role + "_band", std::to_string(band));
            if (s.scale != 1 || s.offset != 0) {
                p.emplace_back("scale", fmt::format("{}", s.scale));
                p.emplace_back("offset", fmt::format("{}", s.offset));
            }
        } else {
            p.emplace_back("products", std::to_string(s.products.size()));
            p.emplace_back("composite", s.composite);
            p.emplace_back("mask", mask_selection_text(s.mask));
        }
        p.emplace_back("min_coverage", fmt::format("{}", s.min_coverage));
        return p;
    }
    std::unique_ptr<FamilyRun> start(const FamilySettings& fs, RunContext& ctx) const override {
        const auto& s = settings_as<ImagerySettings>(fs);
        // Everything that can be checked before the long pass is checked now: the stack opens
        // and has its bands, the products are recognised.
        std::vector<Product> products;
        if (s.products.empty()) {
            const RasterSource image = RasterSource::open(s.image);
            for (const auto& [role, band] : s.role_bands) image.check_band(band);
        }
        std::vector<SceneStamp> stamps;
        for (const auto& path : s.products) {
            products.push_back(recognise_product(path, s.recognise_options(path)));
            const Product& p = products.back();
            if (s.mask.use_qa && p.mask.saturation_missing)
                ctx.warn(p.path + ": QA_RADSAT file missing (" + p.mask.saturation_path +
                         "): radiometrically saturated pixels are not masked");
            stamps.push_back({path, p.sensor, p.sensor_family, p.acquired});
        }
        // Products years apart or of different sensors do not make one state of the ground.
        if (products.size() > 1)
            for (const auto& w :
                 scene_mix(stamps, s.max_span_days, "imagery.max_span_days").warnings)
                ctx.warn(w);
        ctx.add_raster(
            kImageryRaster,
            [&s, products](const std::vector<std::string>& roles) {
                return open_image(s, products, roles);
            },
            true);
        return std::make_unique<ImageryRun>(s);
    }
};

}  // namespace

const Family& imagery_family() {
    static const ImageryFamily family;
    return family;
}

}  // namespace gg::assess
