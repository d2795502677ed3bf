#include "qinba/core/i18n.h"
#include "qinba/ui/panels.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <filesystem>
#include <string>

namespace qinba {

namespace {

const char* const kExtensions[] = {".gpkg", ".geojson", ".shp"};
const char* const kCrs[] = {"EPSG:4490", "EPSG:4326", "EPSG:3857"};

/// The path entry, in one place so a file chooser can take its place.
void pathField(ExportDialogState& d) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28);
    ImGui::InputText(_("File"), &d.path);
}

} // namespace

void drawExportDialog(AppContext& ctx) {
    ExportDialogState& d = ctx.panels.exportGis;
    if (!ctx.document.scenario) {
        d.open = false;
        return;
    }
    const Scenario& scenario = *ctx.document.scenario;
    if (d.path.empty())
        d.path = (std::filesystem::current_path() / ((scenario.id.empty() ? "qinba" : scenario.id) + ".gpkg"))
                     .string();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.4f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    const std::string title = std::string(_("Export to GIS")) + "###exportGis";
    if (!ImGui::Begin(title.c_str(), &d.open, ImGuiWindowFlags_AlwaysAutoResize)) return ImGui::End();
    ImGui::TextUnformatted(
        _("Places, agglomerations, the corridors as drawn and the flows, as GIS layers with "
          "Chinese and English names."));
    pathField(d);

    const char* formats[] = {_("GeoPackage (.gpkg, one file)"), _("GeoJSON (.geojson, one file a layer)"),
                             _("Shapefile (.shp, one file a layer)")};
    if (ImGui::Combo(_("Format"), &d.format, formats, 3)) {
        std::filesystem::path p(d.path);
        p.replace_extension(kExtensions[d.format]);
        d.path = p.string();
    }
    const char* crsNames[] = {_("CGCS2000 (EPSG:4490)"), _("WGS84 (EPSG:4326)"),
                              _("Web Mercator (EPSG:3857)"), _("Other")};
    ImGui::Combo(_("Coordinate system"), &d.crsChoice, crsNames, 4);
    if (d.crsChoice == 3) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
        ImGui::InputTextWithHint("##crs", "EPSG:32649", &d.customCrs);
    }
    std::string stages = std::string(_("Every stage")) + '\0';
    for (std::size_t i = 0; i < scenario.stages.size(); ++i)
        stages += std::to_string(i + 1) + " " + scenario.stages[i].titleZh + '\0';
    ImGui::Combo(_("Stage"), &d.stage, stages.c_str());

    const std::string crs = d.crsChoice < 3 ? kCrs[d.crsChoice] : d.customCrs;
    const bool ready = !d.path.empty() && !crs.empty();
    ImGui::BeginDisabled(!ready);
    if (ImGui::Button(_("Export"))) {
        cmd::ExportGis c{d.path, crs, std::nullopt};
        if (d.stage > 0) c.stage = static_cast<std::size_t>(d.stage - 1);
        ctx.commands.post(c);
        d.open = false;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(_("Cancel"))) d.open = false;
    ImGui::End();
}

} // namespace qinba
