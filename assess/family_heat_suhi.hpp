#pragma once
// The surface urban heat island intensity part of the heat family (docs/methods.md 7.4): its
// project keys (heat.suhi), metrics, and its share of a heat run: land and rural LST channels on
// the heat raster, over the zones and over reference rings around them.
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "assess/family.hpp"
#include "core/heat.hpp"
#include "core/suhi.hpp"

namespace gg::assess {

struct ChannelGroup;

// heat.suhi as read (absent: nullopt). Every value is checked: "<file>:<line>: ..." errors.
std::optional<SuhiParams> read_suhi(const ProjectReader& r, const YAML::Node& heat);
std::vector<MetricInfo> suhi_metrics();
std::vector<std::string> suhi_columns();
std::vector<std::pair<std::string, std::string>> suhi_parameters(const SuhiParams& p);

class SuhiRun {
  public:
    explicit SuhiRun(SuhiParams suhi) : suhi_(std::move(suhi)) {}
    // The bands the heat raster must hold beyond thermal, red and NIR.
    static std::vector<std::string> extra_bands() { return {"green", "swir1"}; }
    // With rural_classes, the land-cover band too (kHeatClassBand, added to the heat raster by the
    // family).
    static bool needs_classes(const SuhiParams& p) { return !p.rural_classes.empty(); }
    // Adds the land and rural LST channels to `heat`, the heat family's channel group (not yet
    // planned), so they are derived from its LST instead of deriving LST again; plans the zones'
    // land channel and the reference rings.
    void plan(RunContext& ctx, RunPlan& plan, ChannelGroup& heat);
    void finish(const PassResults& results, ZoneMetrics& m, const std::string& proxy);
    std::vector<SummaryTable> summaries() const;
    std::vector<SummaryFigure> totals() const;

  private:
    // The references measured: the polygon alone, or suhi_.ring first, then the sweep's others.
    struct Reference {
        std::string label;  // "2-10 km", "polygon ref.gpkg"
        ReferenceRing ring;
        double area_m2 = 0;  // ground area of the ring the image covers
        double pixels = 0;   // rural pixels with LST (sum of coverage)
        HeatValue lst;       // their mean
    };
    SummaryTable polygon_summary() const;

    SuhiParams suhi_;
    std::vector<Reference> references_;
    double polygon_area_m2_ = 0;  // the whole polygon's ground area, in the image or not
    std::string polygon_where_;
    std::string work_crs_;
};

}  // namespace gg::assess
