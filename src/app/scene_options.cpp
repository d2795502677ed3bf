#include "qinba/app/scene_options.h"

#include "qinba/core/color_ramp.h"
#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <cstdio>
#include <map>

namespace qinba::app {

namespace {

using Setter = void (*)(const SceneCli&, SceneSettings&);

void flagPair(CLI::App& cmd, SceneCli& cli, const std::string& name, bool SceneDecorations::*member,
              const std::string& help, Setter setter) {
    CLI::Option* on = cmd.add_flag("--" + name + ",!--no-" + name, cli.given.decorations.*member, help);
    cli.overrides.emplace_back(on, setter);
}

} // namespace

void addSceneOptions(CLI::App& cmd, SceneCli& cli) {
    auto& o = cli.overrides;
    o.emplace_back(
        cmd.add_option("--view", cli.viewFile,
                       _("view settings (JSON) saved by the viewer with File > Save view settings; the "
                         "options below override it"))
            ->check(CLI::ExistingFile),
        nullptr);
    o.emplace_back(
        addNumberOption(cmd, cli.given.style.exaggeration, options::exaggeration),
        [](const SceneCli& c, SceneSettings& s) { s.style.exaggeration = c.given.style.exaggeration; });
    std::string ramps;
    for (const ColorRamp& r : builtinRamps())
        ramps += (ramps.empty() ? "" : ", ") + r.id;
    o.emplace_back(cmd.add_option("--ramp", cli.given.style.rampId, formatText(_("colour ramp: {}"), ramps))
                       ->check(CLI::IsMember([] {
                           std::vector<std::string> ids;
                           for (const ColorRamp& r : builtinRamps())
                               ids.push_back(r.id);
                           return ids;
                       }())),
                   [](const SceneCli& c, SceneSettings& s) { s.style.rampId = c.given.style.rampId; });
    o.emplace_back(cmd.add_option("--sun", cli.sun,
                                  _("sun azimuth and altitude in degrees, e.g. 315,40 (altitude 0-90)")),
                   nullptr); // parsed in resolve()
    o.emplace_back(addNumberOption(cmd, cli.given.style.haze, options::haze),
                   [](const SceneCli& c, SceneSettings& s) { s.style.haze = c.given.style.haze; });
    o.emplace_back(addNumberOption(cmd, cli.given.style.ambient, options::ambient),
                   [](const SceneCli& c, SceneSettings& s) { s.style.ambient = c.given.style.ambient; });
    o.emplace_back(cmd.add_flag("--sky,!--no-sky", cli.given.style.sky,
                                _("the sky gradient behind the terrain (--no-sky: a plain background)")),
                   [](const SceneCli& c, SceneSettings& s) { s.style.sky = c.given.style.sky; });
    o.emplace_back(cmd.add_option("--labels", cli.given.labels, _("place labels: zh, en or both"))
                       ->transform(CLI::CheckedTransformer(
                           std::map<std::string, LabelLanguage>{{"zh", LabelLanguage::Chinese},
                                                                {"en", LabelLanguage::English},
                                                                {"both", LabelLanguage::Both}})),
                   [](const SceneCli& c, SceneSettings& s) { s.labels = c.given.labels; });
    o.emplace_back(addNumberOption(cmd, cli.given.textScale, options::textScale),
                   [](const SceneCli& c, SceneSettings& s) { s.textScale = c.given.textScale; });
    o.emplace_back(cmd.add_flag("--zoning,!--no-zoning", cli.given.zoning,
                                _("the ecological zoning of the green heart model under the other layers")),
                   [](const SceneCli& c, SceneSettings& s) { s.zoning = c.given.zoning; });
    o.emplace_back(
        cmd.add_option("--zoning-set", cli.zoningSets,
                       _("change a zoning parameter, NAME=VALUE (repeatable; see qinba zoning --help)")),
        nullptr);
    o.emplace_back(
        cmd.add_option("--show-layer", cli.showLayers, _("show the layer with this id (repeatable)")),
        nullptr);
    o.emplace_back(
        cmd.add_option("--hide-layer", cli.hideLayers, _("hide the layer with this id (repeatable)")),
        nullptr);
    flagPair(cmd, cli, "legend", &SceneDecorations::legend, _("burn in the legend"),
             [](const SceneCli& c, SceneSettings& s) { s.decorations.legend = c.given.decorations.legend; });
    flagPair(
        cmd, cli, "scale-bar", &SceneDecorations::scaleBar, _("burn in a scale bar"),
        [](const SceneCli& c, SceneSettings& s) { s.decorations.scaleBar = c.given.decorations.scaleBar; });
    flagPair(cmd, cli, "north-arrow", &SceneDecorations::northArrow, _("burn in a north arrow"),
             [](const SceneCli& c, SceneSettings& s) {
                 s.decorations.northArrow = c.given.decorations.northArrow;
             });
    flagPair(
        cmd, cli, "captions", &SceneDecorations::captions, _("burn in the stage and keyframe captions"),
        [](const SceneCli& c, SceneSettings& s) { s.decorations.captions = c.given.decorations.captions; });
    flagPair(cmd, cli, "title", &SceneDecorations::title, _("burn in the scenario's title"),
             [](const SceneCli& c, SceneSettings& s) { s.decorations.title = c.given.decorations.title; });
    flagPair(
        cmd, cli, "credits", &SceneDecorations::credits, _("burn in the data credits"),
        [](const SceneCli& c, SceneSettings& s) { s.decorations.credits = c.given.decorations.credits; });
}

Result<SceneSettings> SceneCli::resolve(const SceneSettings& base) const {
    SceneSettings s = base;
    if (!viewFile.empty()) {
        auto loaded = loadSceneSettings(viewFile);
        if (!loaded) return loaded.error();
        s = std::move(*loaded);
    }
    for (const auto& [option, set] : overrides)
        if (set && option->count() > 0) set(*this, s);
    if (!sun.empty()) {
        double az = 0, alt = 0;
        char extra = 0;
        if (std::sscanf(sun.c_str(), "%lf,%lf%c", &az, &alt, &extra) != 2 ||
            !options::sunAltitude.contains(alt) || !options::sunAzimuth.contains(az))
            return Error{
                "", "--sun",
                formatText(_("expected AZIMUTH,ALTITUDE in degrees (azimuth 0-360, altitude 0-90), got '{}'"),
                           sun)};
        s.style.sunAzimuth = az;
        s.style.sunAltitude = alt;
    }
    for (const std::string& a : zoningSets)
        if (auto st = applyZoningAssignment(s.zoningParameters, a); !st)
            return Error{"", "--zoning-set", st.error().toString()};
    const auto setVisible = [&s](const std::string& id, bool visible) {
        for (LayerSetting& l : s.layers)
            if (l.id == id) return void(l.visible = visible);
        s.layers.push_back({id, visible, 1.0});
    };
    for (const std::string& id : showLayers)
        setVisible(id, true);
    for (const std::string& id : hideLayers)
        setVisible(id, false);
    return s;
}

} // namespace qinba::app
