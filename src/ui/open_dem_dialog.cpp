#include "qinba/core/i18n.h"
#include "qinba/ui/panels.h"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace qinba {

void drawOpenDemDialog(AppContext& ctx) {
    std::string& path = ctx.panels.openDem.path;
    std::string& crs = ctx.panels.openDem.crs;
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(em * 32, 0), ImGuiCond_Appearing);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::Begin(withId(_("Open DEM"), "opendem").c_str(), &ctx.panels.openDem.open,
                      ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    if (ImGui::IsWindowAppearing()) {
        path = ctx.document.demPath;
        crs = ctx.document.demCrs;
    }
    ImGui::TextWrapped("%s", _("Any raster GDAL opens: GeoTIFF or COG, VRT mosaic, netCDF, SRTM .hgt, ASCII "
                               "grid, in any coordinate reference system. Band 1 is read as elevation in "
                               "metres."));
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const FileDialogRequest demFiles{FileDialogRequest::Mode::Open,
                                     _("Open DEM"),
                                     {"tif", "tiff", "vrt", "nc", "hgt", "asc", "img", "dem", "bil", "flt"},
                                     ""};
    const bool enter = pathField(ctx, "open-dem", path, demFiles, _("/path/to/dem.tif"));
    ImGui::SetNextItemWidth(em * 12);
    ImGui::InputTextWithHint(withId(_("CRS if the file has none"), "crs").c_str(), _("e.g. EPSG:4326"), &crs);
    const bool canOpen = !path.empty();
    if (!canOpen) ImGui::BeginDisabled();
    if (ImGui::Button(withId(_("Open"), "open").c_str()) || (enter && canOpen)) {
        ctx.commands.post(cmd::OpenDem{path, crs});
        ctx.panels.openDem.open = false;
    }
    if (!canOpen) ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(withId(_("Cancel"), "cancel").c_str())) ctx.panels.openDem.open = false;
    ImGui::End();
}

} // namespace qinba
