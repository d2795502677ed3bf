#include "qinba/ui/panels.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

namespace qinba {

namespace {

const char* const kTypeNames[kFlowTypeCount] = {N_("People"), N_("Goods"), N_("Information")};
const ImU32 kTypeColours[kFlowTypeCount] = {IM_COL32(255, 143, 31, 255), IM_COL32(26, 199, 209, 255),
                                            IM_COL32(219, 140, 255, 255)};

const char* roleName(PlaceRole role) {
    switch (role) {
    case PlaceRole::Central:
        return _("central city");
    case PlaceRole::CityArea:
        return _("Qinba City Area city");
    case PlaceRole::NearMountain:
        return _("near-mountain central city");
    case PlaceRole::MountainCity:
        return _("mountain city");
    case PlaceRole::CountyTown:
        return _("county town");
    }
    return toString(role);
}

const char* modeName(CorridorMode mode) {
    switch (mode) {
    case CorridorMode::Rail:
        return _("rail");
    case CorridorMode::Road:
        return _("road");
    case CorridorMode::AirData:
        return _("air and data");
    }
    return toString(mode);
}

std::string placeName(const Place& p, int language) {
    if (language == 0 && !p.nameZh.empty()) return p.nameZh;
    if (language == 2 && !p.nameZh.empty()) return p.nameZh + " " + p.nameEn;
    return p.nameEn;
}

void totalsTable(const FlowTotals& t, const char* inLabel, const char* outLabel) {
    if (!ImGui::BeginTable("##totals", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("##type");
    ImGui::TableSetupColumn(inLabel);
    ImGui::TableSetupColumn(outLabel);
    ImGui::TableHeadersRow();
    for (int k = 0; k < kFlowTypeCount; ++k) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kTypeColours[k]), "%s", _(kTypeNames[k]));
        ImGui::TableSetColumnIndex(1);
        ImGui::Text("%.4g %s", t.in[k], t.unit[k].c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::Text("%.4g %s", t.out[k], t.unit[k].c_str());
    }
    ImGui::EndTable();
    if (t.indicative)
        ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.45f, 1.0f), "%s",
                           _("includes indicative values (not measured)"));
}

/// Grouped bars: for each year, in + out of each flow type, scaled per type (units differ between types).
void yearChart(const std::vector<YearTotals>& years) {
    if (years.empty()) return;
    ImGui::TextDisabled("%s", _("In + out by year (each type scaled to its own maximum)"));
    const float em = ImGui::GetFontSize();
    const ImVec2 size(ImGui::GetContentRegionAvail().x, em * 6.5f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    double maxOf[kFlowTypeCount] = {};
    for (const YearTotals& y : years)
        for (int k = 0; k < kFlowTypeCount; ++k)
            maxOf[k] = std::max(maxOf[k], y.totals.in[k] + y.totals.out[k]);
    const float groupW = size.x / static_cast<float>(years.size());
    const float barW = groupW * 0.7f / kFlowTypeCount;
    const float base = origin.y + size.y - em * 1.3f;
    const float chartH = size.y - em * 1.6f;
    draw->AddLine(ImVec2(origin.x, base), ImVec2(origin.x + size.x, base), IM_COL32(160, 160, 160, 255));
    for (std::size_t i = 0; i < years.size(); ++i) {
        const float x0 = origin.x + groupW * static_cast<float>(i) + groupW * 0.15f;
        for (int k = 0; k < kFlowTypeCount; ++k) {
            const double v = years[i].totals.in[k] + years[i].totals.out[k];
            const float h = maxOf[k] > 0 ? static_cast<float>(v / maxOf[k]) * chartH : 0.0f;
            const float x = x0 + barW * static_cast<float>(k);
            draw->AddRectFilled(ImVec2(x, base - h), ImVec2(x + barW - 2.0f, base), kTypeColours[k]);
        }
        const std::string label = std::to_string(years[i].year);
        const float tw = ImGui::CalcTextSize(label.c_str()).x;
        draw->AddText(
            ImVec2(origin.x + groupW * (static_cast<float>(i) + 0.5f) - tw * 0.5f, base + em * 0.15f),
            IM_COL32(220, 220, 220, 255), label.c_str());
    }
    ImGui::Dummy(size);
}

void volumeEditors(AppContext& ctx, const Corridor& c, const Stage& stage) {
    const Scenario& sc = *ctx.document.scenario;
    const std::string key = stage.volumeKey.empty() ? stage.id : stage.volumeKey;
    ImGui::TextDisabled(_("Volumes in this stage (key '%s'); drag or type, applied on release"), key.c_str());
    for (const Flow& f : sc.flows) {
        if (f.corridor != c.id) continue;
        const auto it = f.volumes.find(key);
        const double current = it == f.volumes.end() ? 0.0 : it->second;
        auto draft = ctx.panels.detail.volumeDrafts.find(f.id);
        double value = draft == ctx.panels.detail.volumeDrafts.end() ? current : draft->second;
        const Place* from = sc.findPlace(f.reverse ? c.to : c.from);
        const Place* to = sc.findPlace(f.reverse ? c.from : c.to);
        const std::string label = std::string(_(kTypeNames[static_cast<int>(f.type)])) + " " +
                                  (from ? from->nameEn : "?") + " > " + (to ? to->nameEn : "?") + " (" +
                                  f.unit + ")##" + f.id;
        const double lo = 0.0, hi = std::max(10.0, current * 3.0);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
        if (ImGui::DragScalar(label.c_str(), ImGuiDataType_Double, &value, static_cast<float>(hi / 300.0),
                              &lo, &hi, "%.4g"))
            ctx.panels.detail.volumeDrafts[f.id] = std::max(value, 0.0);
        if (ImGui::IsItemDeactivatedAfterEdit() ||
            (ImGui::IsItemDeactivated() && draft != ctx.panels.detail.volumeDrafts.end())) {
            const auto d = ctx.panels.detail.volumeDrafts.find(f.id);
            if (d != ctx.panels.detail.volumeDrafts.end() && d->second != current)
                ctx.commands.post(Edit{SetFlowVolume{f.id, key, d->second}});
            ctx.panels.detail.volumeDrafts.erase(f.id);
        }
        if (f.indicative) {
            ImGui::SameLine();
            ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.45f, 1.0f), "%s", _("indicative"));
        }
    }
}

void placeDetail(AppContext& ctx, std::size_t index) {
    const Scenario& sc = *ctx.document.scenario;
    const Place& p = sc.places[index];
    const Stage& stage = sc.stages[ctx.view.playback.stage];
    ImGui::Text("%s", placeName(p, 2).c_str());
    ImGui::TextDisabled(_("%s, rank %d%s%s"), roleName(p.role), p.rank, p.province.empty() ? "" : ", ",
                        p.province.c_str());
    ImGui::TextDisabled(_("%.4f E, %.4f N"), p.location.lon, p.location.lat);
    ImGui::Separator();
    totalsTable(placeFlows(sc, p.id, stage), _("In"), _("Out"));
    yearChart(placeFlowsByYear(sc, p.id));
    ImGui::Separator();
    if (ctx.panels.detail.renameFor != p.id)
        ctx.panels.detail.renameFor = p.id, ctx.panels.detail.renameEn = p.nameEn,
        ctx.panels.detail.renameZh = p.nameZh;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    bool enter = ImGui::InputText(withId(_("English name"), "nameen").c_str(), &ctx.panels.detail.renameEn,
                                  ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    enter |= ImGui::InputText(withId(_("Chinese name"), "namezh").c_str(), &ctx.panels.detail.renameZh,
                              ImGuiInputTextFlags_EnterReturnsTrue);
    if (enter || ImGui::Button(withId(_("Rename"), "rename").c_str()))
        if (ctx.panels.detail.renameEn != p.nameEn || ctx.panels.detail.renameZh != p.nameZh)
            ctx.commands.post(
                Edit{RenamePlace{p.id, ctx.panels.detail.renameEn, ctx.panels.detail.renameZh}});
    if (ImGui::Button(withId(_("Connect to another place..."), "connect").c_str())) {
        ctx.view.tool = EditTool::ConnectPlaces;
        ctx.view.connectFrom = p.id;
    }
    ImGui::SameLine();
    int mode = static_cast<int>(ctx.view.connectMode);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    const char* modes[] = {modeName(CorridorMode::Rail), modeName(CorridorMode::Road),
                           modeName(CorridorMode::AirData)};
    if (ImGui::Combo("##mode", &mode, modes, IM_ARRAYSIZE(modes)))
        ctx.view.connectMode = static_cast<CorridorMode>(mode);
}

void corridorDetail(AppContext& ctx, std::size_t index) {
    const Scenario& sc = *ctx.document.scenario;
    const Corridor& c = sc.corridors[index];
    const Stage& stage = sc.stages[ctx.view.playback.stage];
    const Place* from = sc.findPlace(c.from);
    const Place* to = sc.findPlace(c.to);
    const int language = static_cast<int>(ctx.scene.labels);
    ImGui::Text("%s - %s", from ? placeName(*from, language).c_str() : c.from.c_str(),
                to ? placeName(*to, language).c_str() : c.to.c_str());
    ImGui::TextDisabled(_("%s corridor, capacity %.4g %s, %zu waypoint(s)"), modeName(c.mode), c.capacity,
                        c.capacityUnit.c_str(), c.waypoints.size());
    bool active = std::find(stage.corridors.begin(), stage.corridors.end(), c.id) != stage.corridors.end();
    if (ImGui::Checkbox(withId(_("Active in this stage"), "active").c_str(), &active))
        ctx.commands.post(Edit{SetCorridorActive{stage.id, c.id, active}});
    ImGui::Separator();
    const std::string forward = (from ? from->nameEn : c.from) + " > " + (to ? to->nameEn : c.to);
    const std::string back = (to ? to->nameEn : c.to) + " > " + (from ? from->nameEn : c.from);
    totalsTable(corridorFlows(sc, c.id, stage), forward.c_str(), back.c_str());
    yearChart(corridorFlowsByYear(sc, c.id));
    ImGui::Separator();
    volumeEditors(ctx, c, stage);
    ImGui::Separator();
    const bool adding = ctx.view.tool == EditTool::AddWaypoint;
    if (ImGui::Button(withId(adding ? _("Done adding waypoints") : _("Add waypoints by clicking the terrain"),
                             "waypoints")
                          .c_str()))
        ctx.view.tool = adding ? EditTool::None : EditTool::AddWaypoint;
    ImGui::SameLine();
    ImGui::BeginDisabled(c.waypoints.empty());
    if (ImGui::Button(withId(_("Route over the terrain"), "route").c_str()))
        ctx.commands.post(Edit{SetCorridorWaypoints{c.id, {}}});
    ImGui::EndDisabled();
    if (!c.waypoints.empty())
        ImGui::TextDisabled("%s", _("Drag the white handles on the map to move waypoints."));
}

} // namespace

namespace {

/// The name, kind and flows of the place or corridor `h` in the stage showing.
void pickSummary(const AppContext& ctx, const Pick& h) {
    const Scenario& sc = *ctx.document.scenario;
    const Stage& stage = sc.stages[ctx.view.playback.stage];
    if (h.kind == Pick::Kind::Place && h.index < sc.places.size()) {
        const Place& p = sc.places[h.index];
        ImGui::Text("%s", placeName(p, 2).c_str());
        ImGui::TextDisabled("%s", roleName(p.role));
        const FlowTotals t = placeFlows(sc, p.id, stage);
        for (int k = 0; k < kFlowTypeCount; ++k)
            if (t.in[k] + t.out[k] > 0)
                ImGui::Text(_("%s: in %.4g, out %.4g %s"), _(kTypeNames[k]), t.in[k], t.out[k],
                            t.unit[k].c_str());
        if (t.flows == 0) ImGui::TextDisabled("%s", _("no flows in this stage"));
    } else if (h.kind == Pick::Kind::Corridor && h.index < sc.corridors.size()) {
        const Corridor& c = sc.corridors[h.index];
        const Place* from = sc.findPlace(c.from);
        const Place* to = sc.findPlace(c.to);
        ImGui::Text("%s - %s", from ? placeName(*from, 2).c_str() : c.from.c_str(),
                    to ? placeName(*to, 2).c_str() : c.to.c_str());
        ImGui::TextDisabled(_("%s corridor"), modeName(c.mode));
        const FlowTotals t = corridorFlows(sc, c.id, stage);
        for (int k = 0; k < kFlowTypeCount; ++k)
            if (t.in[k] + t.out[k] > 0)
                ImGui::Text(_("%s: %.4g / %.4g %s each way"), _(kTypeNames[k]), t.in[k], t.out[k],
                            t.unit[k].c_str());
    }
}

} // namespace

void drawPickTooltip(AppContext& ctx) {
    const Pick& h = ctx.view.hover;
    if (h.kind == Pick::Kind::None || !ctx.document.scenario.has_value() || ImGui::GetIO().WantCaptureMouse)
        return;
    ImGui::BeginTooltip();
    pickSummary(ctx, h);
    if (ctx.view.tool == EditTool::None) ImGui::TextDisabled("%s", _("click for details"));
    ImGui::EndTooltip();
}

void drawKioskCard(AppContext& ctx) {
    const Pick& s = ctx.view.selected;
    if (!ctx.view.detailCard || s.kind == Pick::Kind::None || !ctx.document.scenario.has_value() ||
        ctx.view.playback.stage >= ctx.document.scenario->stages.size())
        return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + em, vp->Pos.y + vp->Size.y * 0.3f), ImGuiCond_Always);
    ImGui::SetNextWindowBgAlpha(0.85f);
    ImGui::Begin("##kioskcard", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNav);
    pickSummary(ctx, s);
    if (ImGui::Button(_("Close"), ImVec2(em * 5.0f, em * 2.2f))) ctx.view.detailCard = false;
    ImGui::End();
}

void drawDetailPanel(AppContext& ctx) {
    const Pick& s = ctx.view.selected;
    if (s.kind == Pick::Kind::None || !ctx.document.scenario.has_value()) return;
    const Scenario& sc = *ctx.document.scenario;
    if ((s.kind == Pick::Kind::Place && s.index >= sc.places.size()) ||
        (s.kind == Pick::Kind::Corridor && s.index >= sc.corridors.size()))
        return;
    const float em = ImGui::GetFontSize();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y - em * 3.0f),
                            ImGuiCond_FirstUseEver, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(em * 24, em * 31), ImGuiCond_FirstUseEver);
    bool open = true;
    const bool shown = ImGui::Begin(
        withId(s.kind == Pick::Kind::Place ? _("Place") : _("Corridor"), "detail").c_str(), &open);
    reportPanelWindow(ctx, "detail");
    if (shown) {
        if (s.kind == Pick::Kind::Place)
            placeDetail(ctx, s.index);
        else
            corridorDetail(ctx, s.index);
    }
    ImGui::End();
    if (!open) ctx.view.selected = {}, ctx.view.tool = EditTool::None;
}

} // namespace qinba
