#include "core/mask_selection.hpp"

#include <array>
#include <sstream>
#include <utility>

#include "core/error.hpp"

namespace gg {
namespace {

constexpr std::array<std::pair<const char*, MaskClass>, 8> kNames{{
    {"cloud", MaskClass::Cloud},
    {"dilated_cloud", MaskClass::DilatedCloud},
    {"cirrus", MaskClass::Cirrus},
    {"shadow", MaskClass::Shadow},
    {"snow", MaskClass::Snow},
    {"water", MaskClass::Water},
    {"dark_area", MaskClass::DarkArea},
    {"unclassified", MaskClass::Unclassified},
}};

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::string valid_words() {
    std::string out = "default, none, fill";
    for (const auto& [name, cls] : kNames) out.append(", ").append(name);
    return out;
}

}  // namespace

MaskSelection parse_mask_selection(const std::string& text) {
    const std::string whole = trim(text);
    if (whole == "none") return MaskSelection::none();
    if (whole == "default") return {};
    MaskSelection out;
    out.classes = 0;
    std::stringstream in(whole);
    std::string word;
    bool any = false;
    while (std::getline(in, word, ',')) {
        word = trim(word);
        any = true;
        if (word == "default") {
            out.classes |= MaskSelection{}.classes;
            continue;
        }
        if (word == "fill") continue;  // always masked: adds nothing
        bool known = false;
        for (const auto& [name, cls] : kNames)
            if (word == name) {
                out.classes |= MaskSelection::bit(cls);
                known = true;
            }
        if (!known)
            throw Error("mask '" + text + "': unknown class '" + word + "' (use " + valid_words() +
                        "; none cannot be combined with others)");
    }
    if (!any) throw Error("mask is empty (use " + valid_words() + ")");
    return out;
}

std::string mask_selection_text(const MaskSelection& selection) {
    if (!selection.use_qa) return "none";
    if (selection.classes == 0) return "fill";
    std::string out;
    for (const auto& [name, cls] : kNames)
        if (selection.has(cls)) out.append(out.empty() ? "" : ",").append(name);
    return out;
}

LandsatC2MaskOptions landsat_c2_options(const MaskSelection& s) {
    LandsatC2MaskOptions o;
    o.cloud = s.has(MaskClass::Cloud);
    o.dilated_cloud = s.has(MaskClass::DilatedCloud);
    o.cirrus = s.has(MaskClass::Cirrus);
    o.cloud_shadow = s.has(MaskClass::Shadow);
    o.snow = s.has(MaskClass::Snow);
    o.water = s.has(MaskClass::Water);
    return o;
}

LandsatC1MaskOptions landsat_c1_options(const MaskSelection& s) {
    LandsatC1MaskOptions o;
    o.cloud = s.has(MaskClass::Cloud);
    o.cloud_shadow_high = s.has(MaskClass::Shadow);
    o.cirrus_high = s.has(MaskClass::Cirrus);
    o.snow_high = s.has(MaskClass::Snow);
    return o;
}

SentinelSclMaskOptions sentinel2_options(const MaskSelection& s) {
    // SCL classes (docs/methods.md 2): 2 dark area, 3 cloud shadow, 6 water, 7 unclassified, 8/9
    // cloud medium/high probability, 10 thin cirrus, 11 snow. 0 and 1 are always masked.
    SentinelSclMaskOptions o;
    o.masked_classes.clear();
    const auto add_if = [&](MaskClass c, std::initializer_list<int> codes) {
        if (s.has(c)) o.masked_classes.insert(codes);
    };
    add_if(MaskClass::DarkArea, {2});
    add_if(MaskClass::Shadow, {3});
    add_if(MaskClass::Water, {6});
    add_if(MaskClass::Unclassified, {7});
    add_if(MaskClass::Cloud, {8, 9});
    add_if(MaskClass::Cirrus, {10});
    add_if(MaskClass::Snow, {11});
    return o;
}

}  // namespace gg
