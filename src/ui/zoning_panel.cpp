#include "qinba/core/i18n.h"
#include "qinba/ui/panels.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>
#include <utility>

namespace qinba {

namespace {

/// Short slider labels for the zoning parameters; the parameter's own name (as `qinba zoning --set` takes it)
/// and its description are in the tooltip.
const char* shortLabel(const std::string& name) {
    static const std::pair<const char*, const char*> labels[] = {
        {"hinterland_max_gap_deg", N_("Hinterland: widest gap")},
        {"relief_radius_km", N_("Relief window")},
        {"core_min_elevation_m", N_("Core: lowest elevation")},
        {"core_min_relief_m", N_("Core: least relief")},
        {"core_min_patch_km2", N_("Core: smallest patch")},
        {"buffer_min_elevation_m", N_("Buffer: lowest elevation")},
        {"buffer_min_relief_m", N_("Buffer: least relief")},
        {"green_min_patch_km2", N_("Green: smallest patch")},
        {"green_max_elevation_m", N_("Green: highest elevation")},
        {"green_max_slope_deg", N_("Green: steepest slope")},
        {"enclosure_radius_km", N_("Green: enclosure radius")},
        {"enclosure_rise_m", N_("Green: enclosure rise")},
        {"green_min_enclosure", N_("Green: least enclosure")},
        {"urban_belt_radius_km", N_("Urban: belt radius")},
        {"urban_axis_max_km", N_("Urban: longest axis")},
        {"urban_axis_half_width_km", N_("Urban: axis half-width")},
        {"urban_max_slope_deg", N_("Urban: steepest slope")},
        {"urban_max_rise_m", N_("Urban: highest rise")},
    };
    for (const auto& [key, label] : labels)
        if (name == key) return _(label);
    return nullptr;
}

/// A unit as the interface writes it.
const char* unitName(const char* unit) {
    const std::string u = unit;
    if (u == "deg") return "°";
    if (u == "km") return _("km");
    if (u == "m") return _("m");
    return unit;
}

} // namespace

void drawZoningPanel(AppContext& ctx) {
    const float em = ImGui::GetFontSize();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f),
                            ImGuiCond_FirstUseEver, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(em * 28, em * 30), ImGuiCond_FirstUseEver);
    const bool shown =
        ImGui::Begin(withId(_("Ecological zoning"), "zoning").c_str(), &ctx.prefs.showZoningPanel);
    reportPanelWindow(ctx, "zoning");
    if (!shown) {
        ImGui::End();
        return;
    }
    ImGui::TextWrapped("%s", _("The green heart model on the terrain: ecological core, conservation buffer, "
                               "green development areas and the urban cluster belt, from elevation, slope, "
                               "relief and distance to the City Area cities. Derived from the terrain alone: "
                               "an illustration of the model, not a designation."));
    SceneSettings next = ctx.scene;
    bool sceneChanged = ImGui::Checkbox(withId(_("Show on the map"), "show").c_str(), &next.zoning);
    for (std::size_t i = 0; i < ctx.document.layers.size(); ++i)
        if (const Layer& l = ctx.document.layers[i]; l.options.id == "zoning") {
            ImGui::SameLine();
            ImGui::SetNextItemWidth(em * 8);
            LayerOptions options = l.options;
            if (ImGui::SliderFloat(withId(_("Opacity"), "opacity").c_str(), &options.style.opacity, 0.0f,
                                   1.0f, "%.2f"))
                ctx.commands.post(cmd::SetLayerOptions{i, std::move(options)});
        }

    if (ImGui::BeginTable("areas", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
        ImGui::TableSetupColumn(_("Zone"));
        ImGui::TableSetupColumn("km²");
        ImGui::TableSetupColumn(_("Share"));
        ImGui::TableHeadersRow();
        const ZoningStats& st = ctx.view.zoningStats;
        for (int c = 1; c < kZoneClassCount; ++c) {
            const auto zone = static_cast<ZoneClass>(c);
            const glm::vec4 colour = zoneColor(zone);
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::ColorButton("##c", ImVec4(colour.r, colour.g, colour.b, 1.0f),
                               ImGuiColorEditFlags_NoTooltip, ImVec2(em * 0.8f, em * 0.8f));
            ImGui::SameLine();
            ImGui::TextUnformatted(_(zoneName(zone)));
            ImGui::TableSetColumnIndex(1);
            ImGui::Text("%.0f", st.areaKm2[static_cast<std::size_t>(c)]);
            ImGui::TableSetColumnIndex(2);
            ImGui::Text("%.1f %%", 100.0 * st.share(zone));
        }
        ImGui::EndTable();
    }
    ImGui::TextDisabled(_("Areas on the ellipsoid, of %.0f km² with elevation data"),
                        ctx.view.zoningStats.totalKm2);

    if (ImGui::CollapsingHeader(withId(_("Parameters"), "parameters").c_str(),
                                ImGuiTreeNodeFlags_DefaultOpen)) {
        ImGui::PushItemWidth(em * 9);
        for (const ZoningParameterInfo& info : zoningParameterTable()) {
            double& value = next.zoningParameters.*info.member;
            const char* text = shortLabel(info.name);
            const std::string unit = info.unit[0] ? std::string(" (") + unitName(info.unit) + ")" : "";
            const std::string label = std::string(text ? text : info.name) + unit + "###" + info.name;
            if (ImGui::SliderScalar(label.c_str(), ImGuiDataType_Double, &value, &info.min, &info.max,
                                    "%.2f"))
                sceneChanged = true;
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s", _(info.description), info.name);
        }
        ImGui::PopItemWidth();
        if (ImGui::Button(withId(_("Defaults"), "defaults").c_str())) {
            next.zoningParameters = ZoningParameters{};
            sceneChanged = true;
        }
    }
    if (sceneChanged) ctx.commands.post(cmd::SetScene{std::move(next)});
    ImGui::Separator();
    ImGui::TextUnformatted(_("Export as GeoTIFF, GeoJSON and CSV"));
    pathField(ctx, "zoning-export", ctx.panels.zoning.exportPrefix,
              {FileDialogRequest::Mode::Save, _("Export the zoning (name without extension)"), {}, ""},
              _("/path/to/zoning (prefix)"));
    ImGui::SameLine();
    const char* const crsCodes[] = {"", "EPSG:4490", "EPSG:4326", "EPSG:3857"};
    if (ImGui::Button(withId(_("Export"), "export").c_str()) && !ctx.panels.zoning.exportPrefix.empty())
        ctx.commands.post(
            cmd::ExportZoning{ctx.panels.zoning.exportPrefix, crsCodes[ctx.panels.zoning.exportCrs]});
    const char* crsNames[] = {_("Map projection (GeoJSON in WGS84)"), _("CGCS2000 (EPSG:4490)"),
                              _("WGS84 (EPSG:4326)"), _("Web Mercator (EPSG:3857)")};
    ImGui::SetNextItemWidth(em * 16);
    ImGui::Combo(withId(_("Coordinate system"), "crs").c_str(), &ctx.panels.zoning.exportCrs, crsNames, 4);
    ImGui::End();
}

} // namespace qinba
