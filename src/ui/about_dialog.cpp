#include "qinba/ui/panels.h"

#include <imgui.h>

namespace qinba {

void drawAboutDialog(AppContext& ctx) {
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(em * 34, 0), ImGuiCond_Appearing);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::Begin(withId(_("About Qinba Atlas"), "about").c_str(), &ctx.panels.mainMenu.showAbout,
                      ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    ImGui::Text("Qinba Atlas %s", QINBA_VERSION);
    ImGui::TextUnformatted("秦巴地图集");
    ImGui::TextWrapped("%s",
                       _("3D terrain of the Qinling-Daba mountains and the Pan-Qinba Region for regional "
                         "planning."));
    ImGui::Separator();
    ImGui::TextUnformatted(_("Terrain data"));
    const DemProvenance& p = ctx.document.dem.provenance;
    ImGui::BulletText(_("Loaded: %s"), p.path.c_str());
    ImGui::BulletText(_("Source %dx%d (%s), %s%s"), p.sourceWidth, p.sourceHeight, p.driver.c_str(),
                      p.sourceCrs.c_str(), p.crsAssumed ? _(" (assumed: the file has no CRS)") : "");
    ImGui::BulletText(_("Shown on a %dx%d grid of %.0f m cells, %.0f to %.0f m"), ctx.document.dem.width(),
                      ctx.document.dem.height(), ctx.document.dem.cellSize(), ctx.document.dem.minElevation(),
                      ctx.document.dem.maxElevation());
    if (p.filledVoids > 0) ImGui::BulletText(_("%zu void samples filled by interpolation"), p.filledVoids);
    ImGui::TextWrapped(_("Map projection: %s"), ctx.projection.projString().c_str());
    ImGui::Separator();
    ImGui::TextUnformatted(_("Credits"));
    ImGui::Bullet();
    ImGui::TextWrapped("%s",
                       _("Default DEM: SRTM30 (NASA JPL), as decoded from the Marble virtual globe's SRTM "
                         "tiles (Debian package marble-qt-data, LGPL-2.1+); about 3.7 km per sample, "
                         "decoded from 8-bit grey levels, accurate to a few tens of metres."));
    ImGui::BulletText("GDAL and PROJ (MIT), GLFW (zlib), Dear ImGui (MIT), GLM (MIT)");
    ImGui::BulletText("%s", _("Noto Sans CJK (SIL Open Font License 1.1)"));
    ImGui::BulletText("%s",
                      _("Planning concepts: \"Coordinated development of the Qinba Mountains\", CAE 2020"));
    ImGui::Separator();
    ImGui::TextWrapped(_("Renderer: %s"), ctx.view.glSummary.c_str());
    if (ImGui::Button(_("Close"))) ctx.panels.mainMenu.showAbout = false;
    ImGui::End();
}

} // namespace qinba
