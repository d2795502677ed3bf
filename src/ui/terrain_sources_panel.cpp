#include "qinba/core/elevation_stack.h"
#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"
#include "qinba/ui/panels.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cmath>
#include <filesystem>
#include <optional>
#include <utility>

namespace qinba {

namespace {

std::string shownName(const std::string& entry) {
    if (entry.empty() || entry == kEmbeddedDemName) return _("Embedded Pan-Qinba DEM (2′)");
    return std::filesystem::path(entry).filename().string();
}

} // namespace

void drawTerrainSourcesPanel(AppContext& ctx) {
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(34 * em, 16 * em), ImGuiCond_FirstUseEver);
    const bool shown =
        ImGui::Begin(withId(_("Terrain sources"), "terrainsources").c_str(), &ctx.panels.terrainSources.open);
    reportPanelWindow(ctx, "terrain-sources");
    if (!shown) {
        ImGui::End();
        return;
    }
    const Document& doc = ctx.document;
    std::vector<std::string> list{doc.demPath.empty() ? std::string(kEmbeddedDemName) : doc.demPath};
    list.insert(list.end(), doc.demFallbacks.begin(), doc.demFallbacks.end());
    std::vector<TerrainSourceInfo> infos = doc.dem.provenance.stack;
    if (infos.empty()) infos.push_back(describeDem(list.front(), doc.dem));
    ImGui::TextWrapped("%s", _("Finest first: each DEM is used where it has data, the next one shows "
                               "through where it has none, and their edges are blended."));
    std::optional<std::vector<std::string>> changed;
    if (ImGui::BeginTable("sources", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn(_("Source"));
        ImGui::TableSetupColumn(_("Resolution"));
        ImGui::TableSetupColumn(_("Coverage"));
        ImGui::TableSetupColumn(_("Driver"));
        ImGui::TableSetupColumn("");
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < infos.size(); ++i) {
            const TerrainSourceInfo& s = infos[i];
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(shownName(s.path).c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.path.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(formatText(_("{} m"), std::lround(s.cellSize)).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(formatText(_("{} km²"), std::llround(s.coverageKm2)).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(s.driver.c_str());
            ImGui::TableNextColumn();
            if (list.size() > 1 && i < list.size()) {
                if (i > 0 && ImGui::SmallButton(withId(_("Up"), "up").c_str())) {
                    auto l = list;
                    std::swap(l[i], l[i - 1]);
                    changed = l;
                }
                ImGui::SameLine();
                if (i + 1 < list.size() && ImGui::SmallButton(withId(_("Down"), "down").c_str())) {
                    auto l = list;
                    std::swap(l[i], l[i + 1]);
                    changed = l;
                }
                ImGui::SameLine();
                if (ImGui::SmallButton(withId(_("Remove"), "remove").c_str())) {
                    auto l = list;
                    l.erase(l.begin() + static_cast<std::ptrdiff_t>(i));
                    changed = l;
                }
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::SetNextItemWidth(-8 * em);
    ImGui::InputTextWithHint("##addpath", _("DEM file (e.g. made by qinba import-dem)"),
                             &ctx.panels.terrainSources.addPath);
    ImGui::SameLine();
    if (ImGui::Button(withId(_("Add on top"), "add").c_str()) && !ctx.panels.terrainSources.addPath.empty()) {
        auto l = list;
        l.insert(l.begin(), ctx.panels.terrainSources.addPath);
        changed = l;
        ctx.panels.terrainSources.addPath.clear();
    }
    if (changed) ctx.commands.post(cmd::SetTerrainSources{std::move(*changed)});
    ImGui::End();
}

} // namespace qinba
