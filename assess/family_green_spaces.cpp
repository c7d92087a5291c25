#include "assess/family_green_spaces.hpp"

#include <algorithm>

#include "assess/family_green.hpp"
#include "assess/family_imagery.hpp"
#include "assess/family_population.hpp"
#include "assess/project_reader.hpp"
#include "assess/raster_plan.hpp"
#include "assess/zone_area.hpp"
#include "core/error.hpp"

namespace gg::assess {
namespace {

constexpr const char* kOutsideSet = "zone minus green spaces";

class GreenSpacesRun : public FamilyRun {
  public:
    explicit GreenSpacesRun(const GreenSpacesSettings& s) : s_(s) {}

    void plan(RunContext& ctx, RunPlan& plan) override {
        const std::string& crs = ctx.raster(kImageryRaster).info.crs_wkt;
        auto layer = std::make_shared<const GreenLayer>(read_green_layer(s_.layer, crs));
        for (const auto& w : layer->warnings) ctx.warn(w);
        ctx.share<GreenLayer>(kGreenLayerKey, layer);
        std::vector<MultiPolygon> shapes;
        for (const auto& z : ctx.zones().zones) shapes.push_back(z.geometry);
        per_zone_ = green_polygons_per_zone(*layer, shapes, crs, ctx.areas());
        public_known_ = layer->public_known;
        // Imagery green only where no polygon is: the same pass as the zones' green cover.
        std::vector<MultiPolygon> outside;
        for (auto& m : per_zone_) outside.push_back(std::move(m.zone_outside_green));
        plan.shape_channels(kImageryRaster, kOutsideSet, std::move(outside), {kGreenChannel});
    }

    void finish(RunContext& ctx, const PassResults& results, ZoneMetrics& m) override {
        const ZoneSet& zones = ctx.zones();
        const auto& zone_areas = zone_ground_areas(ctx, kImageryRaster);
        for (size_t z = 0; z < zones.zones.size(); ++z) {
            const GreenPolygonMetrics& g = per_zone_[z];
            m.set(z, "green_polygon_area_m2", g.green_polygon_area_m2);
            if (public_known_) {
                m.set(z, "public_green_area_m2", g.public_green_area_m2);
                // Over the zone's whole ground area, measured as the polygons are.
                const auto& area = zone_areas[z];
                m.put(z, "public_green_share",
                      area ? std::optional<double>(std::min(1.0, g.public_green_area_m2 / *area))
                           : std::nullopt,
                      "the zone has no area");
            }
            const auto imagery_green = m.value(z, "green_area_m2");
            if (!imagery_green) {
                m.missing(z, "green_combined_area_m2", m.cell(z, "green_area_m2").reason);
                m.missing(z, "green_combined_m2_per_capita", m.cell(z, "green_area_m2").reason);
                continue;
            }
            // Polygons first, then imagery green only where no polygon is: nothing counted twice.
            const double outside =
                results.shape(kImageryRaster, kOutsideSet, z, kGreenChannel).area_weighted_sum();
            const double combined = g.green_polygon_area_m2 + outside;
            m.set(z, "green_combined_area_m2", combined);
            const Residents people = residents(m, z);
            m.put(z, "green_combined_m2_per_capita",
                  people.people ? std::optional<double>(combined / *people.people) : std::nullopt,
                  people.reason);
        }
    }

  private:
    const GreenSpacesSettings& s_;
    std::vector<GreenPolygonMetrics> per_zone_;
    bool public_known_ = false;
};

class GreenSpacesFamily : public Family {
  public:
    std::string id() const override { return "green_spaces"; }
    std::string summary() const override {
        return "green-space polygons (parks, gardens): dissolved area per zone, the public share, "
               "and their union with imagery green";
    }
    std::vector<ProjectKey> keys() const override {
        return {{"green_spaces", "source", "park / garden polygons (any OGR source)"},
                {"green_spaces", "layer", "the layer (default: the first)"},
                {"green_spaces", "category_field", "field to filter on"},
                {"green_spaces", "categories", "values of category_field to keep"},
                {"green_spaces", "public_field", "field saying whether a space is public"},
                {"green_spaces", "public_values",
                 "values of public_field meaning public (yes, true, 1, public)"}};
    }
    std::vector<MetricInfo> metrics() const override {
        return {{"green_polygon_area_m2", "m2",
                 "area of the dissolved green-space polygons inside the zone (no overlap counted "
                 "twice)",
                 "green_spaces layer; docs/methods.md 5", true, "polygons"},
                {"public_green_area_m2", "m2", "the same for the polygons marked public",
                 "green_spaces layer with public_field; docs/methods.md 5", true, "polygons"},
                {"public_green_share", "1",
                 "public_green_area_m2 / the zone's ground area: the share of the zone that is "
                 "green space open to the public",
                 "DEQP green area criteria (docs/methods.md 5); green_spaces with public_field",
                 true, "polygons"},
                {"green_combined_area_m2", "m2",
                 "green_polygon_area_m2 plus imagery green outside the polygons (their union)",
                 "docs/methods.md 5", true, kImageryBasis},
                {"green_combined_m2_per_capita", "m2/person", "green_combined_area_m2 / population",
                 "docs/methods.md 5", true, kImageryBasis}};
    }
    std::shared_ptr<const FamilySettings> read(const ProjectReader& r) const override {
        const auto gs = r.section("green_spaces");
        if (!gs) return nullptr;
        auto s = std::make_shared<GreenSpacesSettings>();
        GreenLayerSpec& spec = s->layer;
        spec.path = r.path_value(*gs, "source", "green_spaces", true);
        spec.layer = r.text(*gs, "layer", "green_spaces", false);
        spec.category_field = r.text(*gs, "category_field", "green_spaces", false);
        spec.public_field = r.text(*gs, "public_field", "green_spaces", false);
        if ((*gs)["categories"]) spec.categories = r.texts(*gs, "categories", "green_spaces");
        if ((*gs)["public_values"])
            spec.public_values = r.texts(*gs, "public_values", "green_spaces");
        return s;
    }
    std::vector<std::string> columns(const FamilySettings& fs) const override {
        const auto& s = settings_as<GreenSpacesSettings>(fs);
        if (s.layer.public_field.empty())
            return {"green_polygon_area_m2", "green_combined_area_m2",
                    "green_combined_m2_per_capita"};
        return {"green_polygon_area_m2", "public_green_area_m2", "public_green_share",
                "green_combined_area_m2", "green_combined_m2_per_capita"};
    }
    std::vector<RunInput> inputs(const FamilySettings& fs) const override {
        return {{"green_spaces", settings_as<GreenSpacesSettings>(fs).layer.path}};
    }
    std::unique_ptr<FamilyRun> start(const FamilySettings& fs, RunContext& ctx) const override {
        if (!ctx.has_raster(kImageryRaster))
            throw Error(ctx.project().path + ": green_spaces needs imagery");
        return std::make_unique<GreenSpacesRun>(settings_as<GreenSpacesSettings>(fs));
    }
};

}  // namespace

const Family& green_spaces_family() {
    static const GreenSpacesFamily family;
    return family;
}

}  // namespace gg::assess
