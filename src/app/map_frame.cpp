#include "qinba/app/map_frame.h"

#include "qinba/core/color_ramp.h"
#include "qinba/core/i18n.h"
#include "qinba/core/scenario_overlay.h"

#include <algorithm>

namespace qinba::app {

namespace {

/// Legend lines for what `stage` of the scenario shows: the modes of its corridors and the types of the
/// flows that run in it (a stage without goods flows has no goods line).
void scenarioLegend(std::vector<LegendEntry>& out, const Scenario& sc, std::size_t stage) {
    const OverlayStyle s;
    const Stage& st = sc.stages[stage];
    bool mode[3] = {false, false, false};
    for (const Corridor& c : sc.corridors)
        if (std::find(st.corridors.begin(), st.corridors.end(), c.id) != st.corridors.end())
            mode[static_cast<int>(c.mode)] = true;
    bool type[3] = {false, false, false};
    for (const Flow& f : sc.flows)
        if (sc.volumeIn(f, st) > 0.0) type[static_cast<int>(f.type)] = true;
    if (mode[static_cast<int>(CorridorMode::Rail)])
        out.push_back({LegendEntry::Swatch::Line, "Rail corridor 铁路", s.rail, s.rail});
    if (mode[static_cast<int>(CorridorMode::Road)])
        out.push_back({LegendEntry::Swatch::Line, "Road corridor 公路", s.road, s.road});
    if (mode[static_cast<int>(CorridorMode::AirData)])
        out.push_back({LegendEntry::Swatch::Line, "Air and data link 航空与数据", s.airData, s.airData});
    // Flow kinds differ by shape and motion as well as colour: dots, blocks and short dashes.
    auto mark = [&](const char* text, glm::vec4 colour, MarkerShape shape) {
        LegendEntry e{LegendEntry::Swatch::Mark, text, colour, colour};
        e.mark = shape;
        out.push_back(e);
    };
    if (type[static_cast<int>(FlowType::People)]) mark("People 人流", s.people, MarkerShape::Disc);
    if (type[static_cast<int>(FlowType::Goods)]) mark("Goods 物流", s.goods, MarkerShape::Block);
    if (type[static_cast<int>(FlowType::Information)])
        mark("Information 信息流", s.information, MarkerShape::Dash);
    if (type[0] || type[1] || type[2])
        out.push_back({LegendEntry::Swatch::Volume,
                       _("More volume: denser marks, wider ribbon 流量越大，标记越密、条带越宽"),
                       glm::vec4(0.25f, 0.25f, 0.25f, 1.0f), glm::vec4(0.45f, 0.45f, 0.50f, 0.9f)});
}

const char* const kIndicativeNote = "Flow volumes: indicative values · 流量为示意值";

bool showsScenario(const MapView& view) {
    return view.scenario && view.scenarioPresenter && view.stage < view.scenario->stages.size();
}

std::vector<LegendEntry> legendOf(const MapView& view) {
    std::vector<LegendEntry> legend;
    if (view.layers) legend = layerLegend(*view.layers);
    if (showsScenario(view)) scenarioLegend(legend, *view.scenario, view.stage);
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
    return legend;
}

void drawNote(DrawList& out, const ScreenRect& rect, const MapView& view) {
    TextItem note;
    note.utf8 = kIndicativeNote;
    note.pixelSize = 15.0 * view.scale;
    note.topLeft = rect.topLeft;
    note.color = glm::vec4(0.45f, 0.25f, 0.0f, 1.0f);
    note.haloWidth = 2.5 * view.scale;
    out.texts.push_back(std::move(note));
}

/// Lines of text on a light panel that fills `rect`, each line centred.
void panelText(DrawList& out, const std::vector<std::string>& lines, const ScreenRect& rect, double size,
               const MapView& view) {
    const double pad = 8.0 * view.scale;
    out.shapes.push_back(
        ScreenShape::rect(glm::vec2(rect.topLeft), glm::vec2(rect.size), {1.0f, 1.0f, 1.0f, 0.8f}));
    double y = rect.topLeft.y + pad;
    for (const std::string& line : lines) {
        const glm::dvec2 box = view.measure(line, size);
        TextItem t;
        t.utf8 = line;
        t.topLeft = {rect.topLeft.x + pad + (rect.size.x - 2 * pad - box.x) * 0.5, y};
        t.pixelSize = size;
        t.color = glm::vec4(0.08f, 0.08f, 0.1f, 1.0f);
        t.haloWidth = 0.0;
        out.texts.push_back(std::move(t));
        y += box.y;
    }
}

} // namespace

ScreenContent screenContent(const MapView& view) {
    ScreenContent c;
    if (view.decorations.legend) c.legend = legendOf(view);
    c.legendTitle = view.decorations.legendTitle;
    c.legendForm = view.decorations.legendForm;
    c.scaleBar = view.decorations.scaleBar;
    c.northArrow = view.decorations.northArrow;
    c.title = view.title;
    c.caption = view.caption;
    c.credits = view.credits;
    const bool indicative =
        showsScenario(view) && std::any_of(view.scenario->flows.begin(), view.scenario->flows.end(),
                                           [](const Flow& f) { return f.indicative; });
    if (view.indicativeNote && indicative) c.note = kIndicativeNote;
    c.controls = view.controls;
    return c;
}

ScreenLayout frameLayout(const MapView& view, Viewport viewport) {
    return layoutScreen(viewport, view.scale, view.measure, screenContent(view));
}

void composeMapFrame(DrawList& out, const MapView& view, const OrbitCamera& camera, Viewport viewport,
                     const TerrainSurface& surface, ScreenLayout* layoutOut) {
    std::vector<LabelRequest> labels;
    // Reference layers first, so the scenario's corridors and marks draw over them.
    if (view.layers && view.layerPresenter)
        view.layerPresenter->compose(out, labels, *view.layers, view.scale, view.language);
    if (showsScenario(view))
        view.scenarioPresenter->compose(out, labels, *view.scenario, view.stage, view.previous,
                                        view.secondsIntoStage, camera, viewport, view.scale, view.language);
    if (!view.measure) return;

    const ScreenContent content = screenContent(view);
    const ScreenLayout layout = layoutScreen(viewport, view.scale, view.measure, content);
    if (layoutOut) *layoutOut = layout;
    // Map furniture first, so labels can keep clear of it.
    DrawList furniture;
    addMapDecorations(furniture, content.legend, camera, layout, view.measure, view.decorations);
    if (layout.note) drawNote(furniture, *layout.note, view);
    if (layout.title) panelText(furniture, {view.title}, *layout.title, 16.0 * view.scale, view);
    if (layout.caption)
        panelText(furniture, layout.captionLines, *layout.caption, layout.captionTextPx, view);
    if (layout.credits) panelText(furniture, {view.credits}, *layout.credits, 11.0 * view.scale, view);
    placeLabels(out, labels, camera, viewport, surface, view.scale, view.measure, layout.overlays(),
                view.labelCache);
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
