#include "core/framework_graph.hpp"

#include <map>

#include "core/error.hpp"
#include "core/metric_registry.hpp"

namespace gg {

namespace {

bool is_metric(const std::string& name) {
    for (const auto& m : metric_registry())
        if (m.id == name) return true;
    return false;
}

const IndicatorDef* find_indicator(const Framework& fw, const std::string& id) {
    for (const auto& c : fw.components)
        for (const auto& i : c.indicators)
            if (i.id == id) return &i;
    return nullptr;
}

// Depth-first search; `path` is the chain being visited, so a name on it closes a cycle.
class Orderer {
  public:
    explicit Orderer(const Framework& fw) : fw_(fw) {}

    void visit(const IndicatorDef& ind) {
        if (state_[ind.id] == Done) return;
        state_[ind.id] = Visiting;
        path_.push_back(&ind);
        for (const auto& name : ind.names_used) {
            if (resolve_name(fw_, ind.id, name) != NameKind::Indicator) continue;
            const IndicatorDef* dep = find_indicator(fw_, name);
            if (state_[name] == Visiting) cycle(*dep);
            visit(*dep);
        }
        path_.pop_back();
        state_[ind.id] = Done;
        order.push_back(&ind);
    }

    std::vector<const IndicatorDef*> order;

  private:
    enum State { New, Visiting, Done };

    [[noreturn]] void cycle(const IndicatorDef& start) const {
        std::string chain;
        bool on = false;
        for (const auto* p : path_) {
            on = on || p == &start;
            if (on) chain.append(p->id).append(" -> ");
        }
        chain.append(start.id);
        std::string msg = fw_.file;
        msg.append(":").append(std::to_string(start.line));
        msg.append(": cycle between indicators: ").append(chain);
        throw Error(msg);
    }

    const Framework& fw_;
    std::map<std::string, State> state_;
    std::vector<const IndicatorDef*> path_;
};

}  // namespace

NameKind resolve_name(const Framework& framework, const std::string& self_id,
                      const std::string& name) {
    const bool indicator = find_indicator(framework, name) != nullptr;
    if (indicator && name != self_id) return NameKind::Indicator;
    for (const auto& in : framework.inputs)
        if (in.id == name) return NameKind::Input;
    if (is_metric(name)) return NameKind::Metric;
    return indicator ? NameKind::Indicator : NameKind::Unknown;
}

std::vector<const IndicatorDef*> evaluation_order(const Framework& framework) {
    Orderer o(framework);
    for (const auto& c : framework.components)
        for (const auto& i : c.indicators) o.visit(i);
    return o.order;
}

}  // namespace gg
