#include "qinba/core/color_ramp.h"
#include "qinba/ui/panels.h"

#include <imgui.h>

#include <cmath>

namespace qinba {

namespace {

/// A slider over an option of the table, with its range and help.
bool slider(const NumberOption& o, double& value, const char* format) {
    float v = static_cast<float>(value);
    const bool changed = ImGui::SliderFloat(withId(_(o.label), o.key).c_str(), &v, static_cast<float>(o.min),
                                            static_cast<float>(o.max), format,
                                            o.logarithmic ? ImGuiSliderFlags_Logarithmic : 0);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", _(o.help));
    if (changed) value = v;
    return changed;
}

} // namespace

void drawViewPanel(AppContext& ctx) {
    const float em = ImGui::GetFontSize();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // The menu bar's height is not part of the work area until the frame after it first appears.
    const float menuH = ImGui::GetFrameHeight();
    // Top right, clear of the legend (bottom left) at any UI scale.
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x - em * 0.6f, vp->Pos.y + menuH + em * 0.6f),
                            ImGuiCond_FirstUseEver, ImVec2(1.0f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(em * 21, 0), ImGuiCond_FirstUseEver);
    const bool shown = ImGui::Begin(withId(_("View"), "viewpanel").c_str(), &ctx.prefs.showViewPanel);
    reportPanelWindow(ctx, "view");
    if (!shown) {
        ImGui::End();
        return;
    }
    SceneSettings next = ctx.scene;
    TerrainStyle& s = next.style;
    bool changed = false;
    ImGui::PushItemWidth(em * 11);
    if (ImGui::CollapsingHeader(withId(_("Terrain"), "terrain").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
        changed |= slider(options::exaggeration, s.exaggeration, "%.1fx");
        const ColorRamp* current = findRamp(s.rampId);
        if (ImGui::BeginCombo(withId(_("Colours"), "colours").c_str(),
                              current ? _(current->name.c_str()) : s.rampId.c_str())) {
            for (const ColorRamp& r : builtinRamps())
                if (ImGui::Selectable(withId(_(r.name.c_str()), r.id.c_str()).c_str(), r.id == s.rampId))
                    s.rampId = r.id, changed = true;
            ImGui::EndCombo();
        }
        changed |= slider(options::haze, s.haze, "%.2f");
        changed |= slider(options::ambient, s.ambient, "%.2f");
        changed |= ImGui::Checkbox(withId(_("Sky gradient"), "sky").c_str(), &s.sky);
        changed |= slider(options::textScale, next.textScale, "%.2f");
    }
    if (ImGui::CollapsingHeader(withId(_("Sun"), "sun").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
        changed |= slider(options::sunAzimuth, s.sunAzimuth, "%.0f°");
        changed |= slider(options::sunAltitude, s.sunAltitude, "%.0f°");
        if (ImGui::Button(withId(_("North-west light (315, 45)"), "nwlight").c_str())) {
            s.sunAzimuth = 315.0;
            s.sunAltitude = 45.0;
            changed = true;
        }
    }
    if (ImGui::CollapsingHeader(withId(_("Camera"), "camera").c_str())) {
        const OrbitCamera& c = ctx.view.camera;
        ImGui::Text(_("Distance %.1f km, heading %.0f°, pitch %.0f°"), c.distance / 1000.0, c.heading,
                    c.pitch);
        if (ImGui::Button(withId(_("Reset view"), "reset").c_str())) ctx.commands.post(cmd::ResetView{});
        ImGui::SameLine();
        if (ImGui::Button(withId(_("Copy as --camera"), "copy").c_str())) ctx.commands.post(cmd::CopyView{});
    }
    if (ImGui::CollapsingHeader(withId(_("Display"), "display").c_str())) {
        // Fonts and the terrain mesh are rebuilt once the slider is let go, not at every step.
        ViewPanelState& state = ctx.panels.view;
        double& uiScale = state.uiScale;
        double& triangles = state.triangles;
        if (!ImGui::IsAnyItemActive()) uiScale = ctx.prefs.uiScale, triangles = ctx.prefs.terrainTriangles;
        slider(options::uiScale, uiScale, "%.2f");
        if (ImGui::IsItemDeactivatedAfterEdit()) ctx.commands.post(cmd::SetUiScale{uiScale});
        slider(options::terrainTriangles, triangles, "%.0f");
        if (ImGui::IsItemDeactivatedAfterEdit())
            ctx.commands.post(cmd::SetTerrainTriangles{static_cast<int>(triangles)});
        ImGui::Checkbox(withId(_("Wait for display refresh (vsync)"), "vsync").c_str(), &ctx.prefs.vsync);
    }
    ImGui::PopItemWidth();
    if (changed) ctx.commands.post(cmd::SetScene{std::move(next)});
    ImGui::End();
}

} // namespace qinba
