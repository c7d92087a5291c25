#include "assess/batch_tasks.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "assess/family_imagery.hpp"
#include "assess/run_record.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "gis/checksum.hpp"
#include "gis/product.hpp"

namespace gg::assess {
namespace {

namespace fs = std::filesystem;

// A scene as planning sees it: its date and files, or why it has none.
struct Scene {
    std::string path;
    std::string date;  // YYYY-MM-DD
    std::vector<std::string> files;
    std::string error;
};

Scene read_scene(const std::string& path, const BatchManifest& m) {
    Scene s{path, {}, {path}, {}};
    try {
        RecogniseOptions options;
        if (const auto it = m.scene_files.find(path); it != m.scene_files.end())
            options.files = it->second;
        const Product p = recognise_product(path, options);
        if (!p.acquired) {
            s.error = path + ": no acquisition date in its metadata or file names";
            return s;
        }
        s.date = *p.acquired;
        for (const auto& [role, band] : p.bands) s.files.push_back(band.path);
        for (const auto* f : {&p.mask.path, &p.mask.saturation_path})
            if (!f->empty()) s.files.push_back(*f);
    } catch (const Error& e) {
        s.error = e.what();
    }
    return s;
}

// The base project with the task's zones, scenes and year.
Project task_project(const BatchManifest& m, const BatchZoneSet& set,
                     const std::vector<std::string>& scenes, int year) {
    Project p = m.project;
    p.zones = set.zones;
    if (year > 0) p.year = year;
    if (scenes.empty()) return p;
    for (auto& [family, settings] : p.families) {
        if (family->id() != "imagery") continue;
        auto imagery = std::make_shared<ImagerySettings>(settings_as<ImagerySettings>(*settings));
        imagery->image.clear();
        imagery->role_bands.clear();
        imagery->products = scenes;
        imagery->product_files.clear();
        for (const auto& scene : scenes)
            if (const auto it = m.scene_files.find(scene); it != m.scene_files.end())
                imagery->product_files[scene] = it->second;
        settings = imagery;
    }
    return p;
}

struct PeriodScenes {
    std::string name;
    std::optional<std::string> date;
    std::vector<const Scene*> scenes;
    int year = 0;
    std::string error;
};

std::vector<PeriodScenes> periods_of(const BatchManifest& m, const std::vector<Scene>& scenes) {
    if (m.periods == PeriodMode::Project) return {{"project", {}, {}, 0, {}}};
    std::vector<PeriodScenes> out;
    for (const Scene& s : scenes)  // a scene no period can place fails a task of its own
        if (!s.error.empty()) out.push_back({s.path, {}, {&s}, 0, s.error});
    if (m.periods == PeriodMode::Ranges) {
        for (const DateRange& r : m.ranges) {
            PeriodScenes p{r.name, {}, {}, std::stoi(r.end.substr(0, 4)), {}};
            for (const Scene& s : scenes)
                if (s.error.empty() && s.date >= r.start && s.date <= r.end) p.scenes.push_back(&s);
            if (p.scenes.empty()) p.error = "no scene is dated " + r.start + " to " + r.end;
            out.push_back(std::move(p));
        }
        return out;
    }
    std::map<std::string, PeriodScenes> grouped;  // by date or year, in order
    for (const Scene& s : scenes) {
        if (!s.error.empty()) continue;
        const bool per_date = m.periods == PeriodMode::PerDate;
        const std::string name = per_date ? s.date : s.date.substr(0, 4);
        PeriodScenes& p = grouped[name];
        p.name = name;
        if (per_date) p.date = s.date;
        p.year = std::stoi(s.date.substr(0, 4));
        p.scenes.push_back(&s);
    }
    for (auto& [name, p] : grouped) out.push_back(std::move(p));
    return out;
}

void add_file(std::string& text, const std::string& role, const std::string& path) {
    std::error_code ec;
    text += "input " + role + " " + path + " " +
            (fs::is_regular_file(path, ec) ? file_fingerprint(path) : std::string("-")) + "\n";
}

}  // namespace

std::vector<BatchTask> plan_batch(const BatchManifest& m) {
    std::vector<Scene> scenes;
    scenes.reserve(m.scenes.size());
    for (const auto& path : m.scenes) scenes.push_back(read_scene(path, m));
    const std::vector<PeriodScenes> periods = periods_of(m, scenes);

    std::vector<BatchTask> tasks;
    std::set<std::pair<std::string, std::string>> outputs;
    for (const BatchZoneSet& set : m.zone_sets) {
        for (const PeriodScenes& period : periods) {
            BatchTask t;
            t.zone_set = set.name;
            t.period = period.name;
            t.date = period.date;
            t.error = period.error;
            for (const Scene* s : period.scenes) {
                t.scenes.push_back(s->path);
                t.scene_files.insert(t.scene_files.end(), s->files.begin(), s->files.end());
            }
            t.project = task_project(m, set, t.scenes, period.year);
            if (!outputs.insert({t.zone_set, t.period}).second)
                throw Error(m.path + ": two tasks write zone set \"" + t.zone_set +
                            "\", period \"" + t.period + "\"");
            t.key = sha256_text(task_description(t, m));
            tasks.push_back(std::move(t));
        }
    }
    return tasks;
}

std::string task_description(const BatchTask& t, const BatchManifest& m) {
    std::string text = std::string("greengauge ") + kVersion + "\n";
    text += "project " + sha256_file(m.project.path) + "\n";
    const ZoneLayerSpec& z = t.project.zones;
    text += "zone_set " + t.zone_set + "\nzones layer=" + z.layer + " id=" + z.id_field +
            " name=" + z.name_field + " population=" + z.population_field +
            " select=" + z.select_field + "=" + z.select_value + "\n";
    text += "period " + t.period + "\n";
    for (const auto& [k, v] : run_parameters(t.project)) text += "param " + k + "=" + v + "\n";
    for (const auto& [role, path] : run_input_files(t.project, {}))
        if (role != "product") add_file(text, role, path);
    for (const auto& f : t.project.frameworks) add_file(text, "framework", f);
    for (const auto& f : t.scene_files) add_file(text, "scene", f);
    return text;
}

bool in_shard(const BatchTask& task, int index, int count) {
    const uint64_t number = std::stoull(task.key.substr(0, 15), nullptr, 16);
    return static_cast<int>(number % static_cast<uint64_t>(count)) == index - 1;
}

}  // namespace gg::assess
