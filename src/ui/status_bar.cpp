#include "qinba/core/view_detail.h"
#include "qinba/ui/panels.h"

#include <imgui.h>

namespace qinba {

void drawStatusBar(AppContext& ctx) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float h = ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y;
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + vp->WorkSize.y - h));
    ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, h));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ImGui::GetFontSize() * 0.5f, 3.0f));
    ImGui::Begin("##status", nullptr, flags);
    reportPanelWindow(ctx, "status-bar");
    const CursorReadout& c = ctx.view.cursor;
    if (c.onTerrain) {
        // TRANSLATORS: longitude, E or W, latitude, N or S, elevation; reorder with %2$s, %1$.4f...
        const std::string where = i18n::format(
            _("%.4f° %s  %.4f° %s   elevation %.0f m"), std::abs(c.geo.lon), c.geo.lon >= 0 ? _("E") : _("W"),
            std::abs(c.geo.lat), c.geo.lat >= 0 ? _("N") : _("S"), c.elevation);
        ImGui::TextUnformatted(where.c_str());
    } else {
        ImGui::TextDisabled("%s", _("cursor not over the terrain"));
    }
    // Closer than the data resolves, the picture is magnified data: say so and name its resolution.
    if (!ctx.document.dem.empty()) {
        const std::string note = magnificationNote(ctx.document.dem.cellSize(), ctx.view.camera.distance,
                                                   ctx.view.camera.fovY, static_cast<int>(vp->Size.y));
        if (!note.empty()) {
            ImGui::SameLine(0.0f, ImGui::GetFontSize() * 2.0f);
            ImGui::TextColored(ImVec4(1.0f, 0.72f, 0.25f, 1.0f), "%s", note.c_str());
        }
    }
    char right[128];
    std::snprintf(right, sizeof right, _("%.0f fps  %.1f ms  %d triangles  %.1fx"),
                  ctx.view.timing.framesPerSecond(), ctx.view.timing.frameMilliseconds(), ctx.view.triangles,
                  ctx.scene.style.exaggeration);
    const float w = ImGui::CalcTextSize(right).x;
    ImGui::SameLine(ImGui::GetWindowWidth() - w - ImGui::GetFontSize());
    ImGui::TextUnformatted(right);
    ImGui::End();
    ImGui::PopStyleVar();
}

} // namespace qinba
