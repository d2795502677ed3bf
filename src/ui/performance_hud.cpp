// The performance HUD: how long frames take, what the terrain costs, and how full the tile caches are.

#include "qinba/ui/panels.h"

#include <imgui.h>

#include <algorithm>
#include <vector>

namespace qinba {

namespace {

/// Frame times oldest first, for the graph.
std::vector<float> history(const PerformanceStats& p) {
    std::vector<float> v;
    v.reserve(static_cast<std::size_t>(p.count));
    const int first = p.count < PerformanceStats::kHistory ? 0 : p.next;
    for (int i = 0; i < p.count; ++i)
        v.push_back(p.frameMs[(first + i) % PerformanceStats::kHistory]);
    return v;
}

float percentile(std::vector<float> v, float q) {
    if (v.empty()) return 0.0f;
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(q * static_cast<float>(v.size() - 1))];
}

void meter(const char* label, double used, double budget) {
    const float share = budget > 0.0 ? static_cast<float>(std::clamp(used / budget, 0.0, 1.0)) : 0.0f;
    char text[64];
    std::snprintf(text, sizeof text, _("%.1f / %.0f MB"), used, budget);
    ImGui::ProgressBar(share, ImVec2(ImGui::GetFontSize() * 12.0f, 0.0f), text);
    ImGui::SameLine(0.0f, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextUnformatted(label);
}

} // namespace

void drawPerformanceHud(AppContext& ctx) {
    const PerformanceStats& p = ctx.view.perf;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // Below the stage caption, in the middle, where no panel docks by default.
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.14f),
        ImGuiCond_FirstUseEver, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowBgAlpha(0.8f);
    const bool shown = ImGui::Begin(withId(_("Performance"), "performance").c_str(),
                                    &ctx.prefs.showPerformanceHud, ImGuiWindowFlags_AlwaysAutoResize);
    reportPanelWindow(ctx, "performance");
    if (!shown) {
        ImGui::End();
        return;
    }
    const std::vector<float> frames = history(p);
    const float median = percentile(frames, 0.5f), p95 = percentile(frames, 0.95f);
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, _("median %.1f ms, 95%% %.1f ms"), median, p95);
    const float top = std::max(33.4f, p95 * 1.25f);
    ImGui::PlotLines("##frames", frames.data(), static_cast<int>(frames.size()), 0, overlay, 0.0f, top,
                     ImVec2(ImGui::GetFontSize() * 18.0f, ImGui::GetFontSize() * 4.0f));
    ImGui::Text(_("Frame time over the last %d frames (graph up to %.0f ms)"), p.count, top);
    ImGui::Text(_("%.0f frames per second"), median > 0.0f ? 1000.0f / median : 0.0f);
    ImGui::Separator();
    ImGui::Text(_("Terrain triangles %d, draw calls %d"), p.triangles, p.drawCalls);
    if (!p.streamed) {
        ImGui::TextDisabled("%s", _("Terrain: the whole DEM on the GPU (no level of detail)"));
        ImGui::End();
        return;
    }
    ImGui::Text(_("Tiles drawn %d, levels %d to %d of %d"), p.tilesDrawn, p.coarsestLevel, p.finestLevel,
                p.levels - 1);
    ImGui::Text(_("Largest screen error %.1f px%s"), p.worstErrorPx,
                p.budgetLimited ? _(" (GPU budget reached)") : "");
    meter(_("GPU tiles"), p.gpuMb, ctx.prefs.gpuTileCacheMb);
    ImGui::Text(_("  %d tiles resident"), p.gpuTiles);
    meter(_("Tile cache"), p.cpuMb, ctx.prefs.tileCacheMb);
    ImGui::Text(_("  %d tiles resident, %d queued, %d loading"), p.cpuTiles, p.queued, p.inFlight);
    ImGui::Text(_("Tiles read %lld, failed %lld"), p.loaded, p.failed);
    // The preference follows the slider; the renderer takes it when the slider is let go.
    const NumberOption& o = options::maxScreenErrorPx;
    float error = static_cast<float>(ctx.prefs.maxScreenErrorPx);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
    if (ImGui::SliderFloat(withId(_("Max screen error (px)"), "maxerror").c_str(), &error,
                           static_cast<float>(o.min), static_cast<float>(o.max), "%.1f",
                           ImGuiSliderFlags_Logarithmic))
        ctx.prefs.maxScreenErrorPx = error;
    if (ImGui::IsItemDeactivatedAfterEdit()) ctx.commands.post(cmd::ApplyLodSettings{});
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s",
                          _("Smaller is sharper and draws more triangles; 1-3 px looks like the full DEM."));
    ImGui::End();
}

} // namespace qinba
