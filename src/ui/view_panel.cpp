#include "qinba/core/color_ramp.h"
#include "qinba/ui/panels.h"

#include <imgui.h>

#include <cmath>

namespace qinba {

namespace {

bool sliderDouble(const char* label, double& value, double lo, double hi, const char* format,
                  ImGuiSliderFlags flags = 0) {
    float v = static_cast<float>(value);
    const bool changed =
        ImGui::SliderFloat(label, &v, static_cast<float>(lo), static_cast<float>(hi), format, flags);
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
    if (!ImGui::Begin("View", &ctx.prefs.showViewPanel)) {
        ImGui::End();
        return;
    }
    TerrainStyle& s = ctx.view.style;
    ImGui::PushItemWidth(em * 11);
    if (ImGui::CollapsingHeader("Terrain", ImGuiTreeNodeFlags_DefaultOpen)) {
        sliderDouble("Vertical exaggeration", s.exaggeration, TerrainStyle::kMinExaggeration,
                     TerrainStyle::kMaxExaggeration, "%.1fx");
        const ColorRamp* current = findRamp(s.rampId);
        if (ImGui::BeginCombo("Colours", current ? current->name.c_str() : s.rampId.c_str())) {
            for (const ColorRamp& r : builtinRamps())
                if (ImGui::Selectable(r.name.c_str(), r.id == s.rampId)) s.rampId = r.id;
            ImGui::EndCombo();
        }
        sliderDouble("Haze", s.haze, 0.0, 1.0, "%.2f");
        sliderDouble("Ambient light", s.ambient, 0.0, 0.9, "%.2f");
        ImGui::Checkbox("Sky gradient", &s.sky);
    }
    if (ImGui::CollapsingHeader("Sun", ImGuiTreeNodeFlags_DefaultOpen)) {
        sliderDouble("Azimuth", s.sunAzimuth, 0.0, 360.0, "%.0f\xc2\xb0");
        sliderDouble("Altitude", s.sunAltitude, 1.0, 90.0, "%.0f\xc2\xb0");
        if (ImGui::Button("North-west light (315, 45)")) {
            s.sunAzimuth = 315.0;
            s.sunAltitude = 45.0;
        }
    }
    if (ImGui::CollapsingHeader("Camera")) {
        const OrbitCamera& c = ctx.view.camera;
        ImGui::Text("Distance %.1f km, heading %.0f\xc2\xb0, pitch %.0f\xc2\xb0", c.distance / 1000.0,
                    c.heading, c.pitch);
        if (ImGui::Button("Reset view")) ctx.requests.resetView = true;
        ImGui::SameLine();
        if (ImGui::Button("Copy as --camera")) ctx.requests.copyView = true;
    }
    if (ImGui::CollapsingHeader("Display")) {
        float scale = static_cast<float>(ctx.prefs.uiScale);
        ImGui::SliderFloat("UI scale", &scale, 0.5f, 3.0f, "%.2f");
        if (ImGui::IsItemDeactivatedAfterEdit()) {
            ctx.prefs.uiScale = scale;
            ctx.requests.rebuildFonts = true;
        }
        int triangles = ctx.prefs.terrainTriangles;
        ImGui::SliderInt("Terrain triangles", &triangles, 20000, 2000000, "%d", ImGuiSliderFlags_Logarithmic);
        if (ImGui::IsItemDeactivatedAfterEdit()) {
            ctx.prefs.terrainTriangles = triangles;
            ctx.requests.terrainDetailChanged = true;
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Upper bound per frame; lighting always uses every DEM sample.");
        ImGui::Checkbox("Wait for display refresh (vsync)", &ctx.prefs.vsync);
    }
    ImGui::PopItemWidth();
    ImGui::End();
}

} // namespace qinba
