#include "qinba/app/map_frame.h"

#include "qinba/core/color_ramp.h"
#include "qinba/core/i18n.h"
#include "qinba/core/scenario_overlay.h"

#include <algorithm>

namespace qinba::app {

namespace {

/// Legend lines for the scenario's corridors and flows.
void scenarioLegend(std::vector<LegendEntry>& out) {
    const OverlayStyle s;
    out.push_back({LegendEntry::Swatch::Line, "Rail corridor 铁路", s.rail, s.rail});
    out.push_back({LegendEntry::Swatch::Line, "Road corridor 公路", s.road, s.road});
    out.push_back({LegendEntry::Swatch::Line, "Air and data link 航空与数据", s.airData, s.airData});
    // Flow kinds differ by shape and motion as well as colour: dots, blocks and short dashes.
    auto mark = [&](const char* text, glm::vec4 colour, MarkerShape shape) {
        LegendEntry e{LegendEntry::Swatch::Mark, text, colour, colour};
        e.mark = shape;
        out.push_back(e);
    };
    mark("People 人流", s.people, MarkerShape::Disc);
    mark("Goods 物流", s.goods, MarkerShape::Block);
    mark("Information 信息流", s.information, MarkerShape::Dash);
    out.push_back({LegendEntry::Swatch::Volume,
                   _("More volume: denser marks, wider ribbon 流量越大，标记越密、条带越宽"),
                   glm::vec4(0.25f, 0.25f, 0.25f, 1.0f), glm::vec4(0.45f, 0.45f, 0.50f, 0.9f)});
}

ScreenRect indicativeNote(DrawList& out, const MapView& view, Viewport viewport) {
    TextItem note;
    note.utf8 = "Flow volumes: indicative values · 流量为示意值";
    note.pixelSize = 15.0 * view.scale;
    note.topLeft = {12.0 * view.scale,
                    viewport.height - view.measure(note.utf8, note.pixelSize).y - 10.0 * view.scale};
    note.color = glm::vec4(0.45f, 0.25f, 0.0f, 1.0f);
    note.haloWidth = 2.5 * view.scale;
    const ScreenRect rect{note.topLeft, view.measure(note.utf8, note.pixelSize)};
    out.texts.push_back(std::move(note));
    return rect;
}

/// A line of text on a light panel; returns the rectangle it covers.
ScreenRect panelText(DrawList& out, const std::string& text, glm::dvec2 anchor, glm::dvec2 align, double size,
                     const MapView& view) {
    const glm::dvec2 box = view.measure(text, size);
    const double pad = 8.0 * view.scale;
    const glm::dvec2 topLeft = anchor - align * (box + 2.0 * pad);
    out.shapes.push_back(
        ScreenShape::rect(glm::vec2(topLeft), glm::vec2(box + 2.0 * pad), {1.0f, 1.0f, 1.0f, 0.8f}));
    TextItem t;
    t.utf8 = text;
    t.topLeft = topLeft + pad;
    t.pixelSize = size;
    t.color = glm::vec4(0.08f, 0.08f, 0.1f, 1.0f);
    t.haloWidth = 0.0;
    out.texts.push_back(std::move(t));
    return {topLeft, box + 2.0 * pad};
}

} // namespace

void composeMapFrame(DrawList& out, const MapView& view, const OrbitCamera& camera, Viewport viewport,
                     const TerrainSurface& surface) {
    std::vector<LabelRequest> labels;
    // Reference layers first, so the scenario's corridors and marks draw over them.
    if (view.layers && view.layerPresenter)
        view.layerPresenter->compose(out, labels, *view.layers, view.scale, view.language);
    const bool scenario =
        view.scenario && view.scenarioPresenter && view.stage < view.scenario->stages.size();
    if (scenario)
        view.scenarioPresenter->compose(out, labels, *view.scenario, view.stage, view.previous,
                                        view.secondsIntoStage, camera, viewport, view.scale, view.language);
    if (!view.measure) return;

    std::vector<LegendEntry> legend;
    if (view.layers) legend = layerLegend(*view.layers);
    if (scenario) scenarioLegend(legend);
    const ColorRamp* ramp = findRamp(view.style.rampId);
    if (ramp && !ramp->shadeOnly && view.dem && !view.dem->empty()) {
        LegendEntry e;
        e.swatch = LegendEntry::Swatch::Ramp;
        e.text = "Elevation 高程";
        if (!view.demNote.empty()) e.text += " (" + view.demNote + ")";
        e.ramp = ramp;
        e.rampMin = view.dem->minElevation();
        e.rampMax = view.dem->maxElevation();
        legend.push_back(e);
    }
    // Map furniture first, so labels can keep clear of it.
    DrawList furniture;
    std::vector<ScreenRect> occupied =
        addMapDecorations(furniture, legend, camera, viewport, view.scale, view.measure, view.decorations);
    const bool indicative = scenario && std::any_of(view.scenario->flows.begin(), view.scenario->flows.end(),
                                                    [](const Flow& f) { return f.indicative; });
    if (view.indicativeNote && indicative) occupied.push_back(indicativeNote(furniture, view, viewport));
    const double w = viewport.width, h = viewport.height, s = view.scale;
    double captionTop = 14 * s;
    if (!view.title.empty()) {
        const ScreenRect title =
            panelText(furniture, view.title, {14 * s, 14 * s}, {0.0, 0.0}, 16.0 * s, view);
        occupied.push_back(title);
        captionTop = title.topLeft.y + title.size.y + 8 * s;
    }
    if (!view.caption.empty())
        occupied.push_back(
            panelText(furniture, view.caption, {w / 2, captionTop}, {0.5, 0.0}, 22.0 * s, view));
    if (!view.credits.empty())
        occupied.push_back(
            panelText(furniture, view.credits, {w - 14 * s, h - 150 * s}, {1.0, 1.0}, 11.0 * s, view));
    placeLabels(out, labels, camera, viewport, surface, view.scale, view.measure, occupied, view.labelCache);
    out.shapes.insert(out.shapes.end(), furniture.shapes.begin(), furniture.shapes.end());
    out.texts.insert(out.texts.end(), furniture.texts.begin(), furniture.texts.end());
}

MapView sceneView(const Document& document, const LayerPresenter& layers, const ScenarioPresenter* scenario,
                  const SceneSettings& scene, const SceneMoment& moment, int heightPx) {
    MapView view;
    view.layers = &document.layers;
    view.layerPresenter = &layers;
    const Scenario* sc = document.scenario ? &*document.scenario : nullptr;
    if (sc && scenario && moment.showsScenario) {
        view.scenario = sc;
        view.scenarioPresenter = scenario;
        view.stage = moment.stage;
        view.previous = moment.previous;
        view.secondsIntoStage = moment.secondsIntoStage;
        view.indicativeNote = true;
    }
    view.dem = &document.dem;
    if (document.demPath.empty()) view.demNote = kDefaultDemNote;
    view.style = scene.style;
    view.language = scene.labels;
    view.scale = static_cast<float>(scene.textScaleFor(heightPx));
    const SceneDecorations& d = scene.decorations;
    view.decorations.legend = d.legend;
    view.decorations.scaleBar = d.scaleBar;
    view.decorations.northArrow = d.northArrow;
    const bool english = scene.labels == LabelLanguage::English;
    if (d.captions) {
        std::string en = moment.captionEn, zh = moment.captionZh;
        if (en.empty() && zh.empty() && sc && moment.showsScenario && moment.stage < sc->stages.size()) {
            const Stage& st = sc->stages[moment.stage];
            en = st.titleEn;
            zh = st.titleZh;
        }
        view.caption = english || zh.empty() ? en : zh;
    }
    if (d.title && sc) view.title = english || sc->titleZh.empty() ? sc->titleEn : sc->titleZh;
    if (d.credits) view.credits = kCredits;
    return view;
}

} // namespace qinba::app
