#pragma once
// The zones' own values in a baseline year, for indicators whose baseline gives a year but no
// value (docs/frameworks.md "Baselines"): from the records CSV (the zone's row of that year, the
// column named by the indicator id), else from the run histories in order (the indicator's value
// in the last run of that year: the project's GeoPackage, then the --db PostgreSQL history).
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/framework.hpp"
#include "core/records.hpp"

namespace gg::assess {

class IndicatorBaselines {
  public:
    // Reads the histories' values for the baselines the frameworks need (none: nothing is
    // read). A history (.gpkg path or "PG:...") that is missing or holds no run with indicators
    // yet (a first run) gives none. Throws gg::Error naming it when it cannot be read.
    IndicatorBaselines(const std::vector<Framework>& frameworks, const Records* records,
                       const std::vector<std::string>& histories);
    // Sets values.baselines and baseline_sources for `framework`'s indicators in `zone_id`.
    // Throws gg::Error (records.hpp) for text where the records CSV needs a number.
    void fill(const Framework& framework, const std::string& zone_id, ZoneValues& values) const;
    bool needed() const { return !needed_.empty(); }

  private:
    struct Needed {
        std::string framework, indicator;
        int year;
    };
    std::vector<Needed> needed_;
    const Records* records_;
    // Per history, (framework, indicator, zone, year) -> (value, run id) of the last run of
    // that year.
    using Values = std::map<std::tuple<std::string, std::string, std::string, int>,
                            std::pair<double, std::string>>;
    std::vector<Values> histories_;
};

}  // namespace gg::assess
