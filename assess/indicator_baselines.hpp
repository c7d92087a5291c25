#pragma once
// The zones' own values in a baseline year, for indicators whose baseline gives a year but no
// value (docs/frameworks.md "Baselines"): from the records CSV (the zone's row of that year, the
// column named by the indicator id), else from the run history (the indicator's value in the
// last run of that year recorded in the project's GeoPackage, the file this run appends to).
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/framework.hpp"
#include "core/records.hpp"

namespace gg::assess {

class IndicatorBaselines {
  public:
    // Reads the history's values for the baselines the frameworks need (none: nothing is read).
    // `history` may be empty or a file that is not a run history yet (a first run): then the
    // records alone give baselines. Throws gg::Error naming the file when it cannot be read.
    IndicatorBaselines(const std::vector<Framework>& frameworks, const Records* records,
                       const std::string& history);
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
    // (framework, indicator, zone, year) -> (value, run id) of the last run of that year.
    std::map<std::tuple<std::string, std::string, std::string, int>, std::pair<double, std::string>>
        history_;
};

}  // namespace gg::assess
