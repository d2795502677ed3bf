#include "qinba/core/color_ramp.h"
#include "qinba/ui/panels.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace qinba {

namespace {

ImU32 toImColor(glm::vec3 c) {
    return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, 1.0f));
}

/// A tick spacing of 1, 2 or 5 × 10^n metres giving about `wanted` intervals over `range`.
double niceStep(double range, int wanted) {
    const double raw = range / std::max(wanted, 1);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * mag) return m * mag;
    return 10.0 * mag;
}

} // namespace

void drawLegend(AppContext& ctx) {
    const float em = ImGui::GetFontSize();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float statusH = ctx.prefs.showStatusBar ? ImGui::GetFrameHeight() * 1.6f : 0.0f;
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + em * 0.6f, vp->WorkPos.y + vp->WorkSize.y - statusH - em * 0.6f),
        ImGuiCond_FirstUseEver, ImVec2(0, 1));
    ImGui::SetNextWindowBgAlpha(0.85f);
    if (!ImGui::Begin("Legend", &ctx.prefs.showLegend, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    const TerrainStyle& s = ctx.view.style;
    const ColorRamp* ramp = findRamp(s.rampId);
    if (!ramp) ramp = &builtinRamps().front();
    if (ramp->shadeOnly) {
        ImGui::Text("Hillshade, sun from %.0f\xc2\xb0 at %.0f\xc2\xb0 altitude", s.sunAzimuth, s.sunAltitude);
    } else {
        ImGui::TextUnformatted("Elevation (m)");
        const Dem& dem = ctx.document.dem;
        const double lo = dem.empty() ? ramp->minElevation() : dem.minElevation();
        double hi = dem.empty() ? ramp->maxElevation() : dem.maxElevation();
        if (hi <= lo) hi = lo + 1.0;
        const double step = niceStep(hi - lo, 6);
        const float barW = em * 1.2f, barH = em * 9.0f;
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const int slices = 64;
        for (int i = 0; i < slices; ++i) {
            const double e0 = hi - (hi - lo) * i / slices, e1 = hi - (hi - lo) * (i + 1) / slices;
            const float y0 = p.y + barH * static_cast<float>(i) / slices;
            const float y1 = p.y + barH * static_cast<float>(i + 1) / slices;
            dl->AddRectFilledMultiColor(ImVec2(p.x, y0), ImVec2(p.x + barW, y1 + 1.0f),
                                        toImColor(ramp->colorAt(e0)), toImColor(ramp->colorAt(e0)),
                                        toImColor(ramp->colorAt(e1)), toImColor(ramp->colorAt(e1)));
        }
        dl->AddRect(p, ImVec2(p.x + barW, p.y + barH), ImGui::GetColorU32(ImGuiCol_Border));
        float labelW = 0.0f;
        for (double e = std::ceil(lo / step) * step; e <= hi; e += step) {
            const float y = p.y + static_cast<float>((hi - e) / (hi - lo)) * barH;
            char text[32];
            std::snprintf(text, sizeof text, "%.0f", e + 0.0); // + 0.0 turns -0 into 0
            dl->AddLine(ImVec2(p.x + barW, y), ImVec2(p.x + barW + em * 0.3f, y),
                        ImGui::GetColorU32(ImGuiCol_Text));
            dl->AddText(ImVec2(p.x + barW + em * 0.45f, y - em * 0.5f), ImGui::GetColorU32(ImGuiCol_Text),
                        text);
            labelW = std::max(labelW, ImGui::CalcTextSize(text).x);
        }
        ImGui::Dummy(ImVec2(barW + em * 0.6f + labelW, barH + em * 0.4f));
        ImGui::Text("Range %.0f to %.0f m", lo, hi);
    }
    ImGui::Text("Vertical exaggeration %.1fx", s.exaggeration);
    if (ctx.document.demPath.empty())
        ImGui::TextDisabled("SRTM30 via Marble tiles, 3.7 km, about \xc2\xb1"
                            "50 m");
    else
        ImGui::TextDisabled("%s", std::filesystem::path(ctx.document.demPath).filename().string().c_str());
    ImGui::End();
}

} // namespace qinba
