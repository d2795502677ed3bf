#include "map_frame.h"

#include "qinba/core/color_ramp.h"
#include "qinba/core/scenario_overlay.h"

#include <algorithm>

namespace qinba::app {

namespace {

/// Legend lines for the scenario's corridors and flows.
void scenarioLegend(std::vector<LegendEntry>& out) {
    const OverlayStyle s;
    out.push_back(
        {LegendEntry::Swatch::Line, "Rail corridor \xe9\x93\x81\xe8\xb7\xaf", s.rail, s.rail}); // 铁路
    out.push_back(
        {LegendEntry::Swatch::Line, "Road corridor \xe5\x85\xac\xe8\xb7\xaf", s.road, s.road}); // 公路
    out.push_back({LegendEntry::Swatch::Line,
                   "Air and data link \xe8\x88\xaa\xe7\xa9\xba\xe4\xb8\x8e\xe6\x95\xb0\xe6\x8d\xae",
                   s.airData, s.airData}); // 航空与数据
    out.push_back(
        {LegendEntry::Swatch::Point, "People \xe4\xba\xba\xe6\xb5\x81", s.people, s.people});        // 人流
    out.push_back({LegendEntry::Swatch::Point, "Goods \xe7\x89\xa9\xe6\xb5\x81", s.goods, s.goods}); // 物流
    out.push_back({LegendEntry::Swatch::Point, "Information \xe4\xbf\xa1\xe6\x81\xaf\xe6\xb5\x81",
                   s.information, s.information}); // 信息流
}

ScreenRect indicativeNote(DrawList& out, const MapView& view, Viewport viewport) {
    TextItem note;
    // 流量为示意值
    note.utf8 = "Flow volumes: indicative values \xc2\xb7 \xe6\xb5\x81\xe9\x87\x8f\xe4\xb8\xba\xe7\xa4\xba"
                "\xe6\x84\x8f\xe5\x80\xbc";
    note.pixelSize = 15.0 * view.scale;
    note.topLeft = {12.0 * view.scale,
                    viewport.height - view.measure(note.utf8, note.pixelSize).y - 10.0 * view.scale};
    note.color = glm::vec4(0.45f, 0.25f, 0.0f, 1.0f);
    note.haloWidth = 2.5 * view.scale;
    const ScreenRect rect{note.topLeft, view.measure(note.utf8, note.pixelSize)};
    out.texts.push_back(std::move(note));
    return rect;
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
        e.text = "Elevation \xe9\xab\x98\xe7\xa8\x8b"; // 高程
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
    placeLabels(out, labels, camera, viewport, surface, view.scale, view.measure, occupied);
    out.shapes.insert(out.shapes.end(), furniture.shapes.begin(), furniture.shapes.end());
    out.texts.insert(out.texts.end(), furniture.texts.begin(), furniture.texts.end());
}

} // namespace qinba::app
