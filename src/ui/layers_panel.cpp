#include "qinba/core/i18n.h"
#include "qinba/ui/panels.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace qinba {

namespace {

bool colourEdit(const char* label, glm::vec4& c) {
    float v[4] = {c.r, c.g, c.b, c.a};
    if (!ImGui::ColorEdit4(label, v, ImGuiColorEditFlags_AlphaBar | ImGuiColorEditFlags_NoInputs))
        return false;
    c = {v[0], v[1], v[2], v[3]};
    return true;
}

/// Edits a copy of the layer's options; a change goes out as a command.
void styleEditor(AppContext& ctx, std::size_t index, const Layer& layer) {
    LayerOptions options = layer.options;
    LayerStyle& s = options.style;
    bool changed = false;
    changed |= ImGui::SliderFloat("Opacity", &s.opacity, 0.0f, 1.0f, "%.2f");
    if (layer.kind == LayerKind::Vector) {
        if (layer.ringCount > 0 || layer.pointCount > 0) changed |= colourEdit("Fill", s.fill);
        changed |= colourEdit(layer.ringCount > 0 ? "Outline" : "Colour", s.outline);
        changed |= ImGui::SliderFloat("Line width", &s.outlineWidthPx, 0.0f, 8.0f, "%.1f px");
        if (layer.pointCount > 0)
            changed |= ImGui::SliderFloat("Point size", &s.pointSizePx, 2.0f, 24.0f, "%.0f px");
        if (ImGui::BeginCombo("Label field", s.labelField.empty() ? "(none)" : s.labelField.c_str())) {
            if (ImGui::Selectable("(none)", s.labelField.empty())) {
                s.labelField.clear();
                changed = true;
            }
            for (const std::string& f : layer.fields)
                if (ImGui::Selectable(f.c_str(), f == s.labelField)) {
                    s.labelField = f;
                    changed = true;
                }
            ImGui::EndCombo();
        }
        changed |= ImGui::SliderFloat("Label size", &s.labelSizePx, 8.0f, 28.0f, "%.0f px");
    }
    if (changed) ctx.commands.post(cmd::SetLayerOptions{index, std::move(options)});
}

} // namespace

void drawLayersPanel(AppContext& ctx) {
    const float em = ImGui::GetFontSize();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x - em * 0.6f, vp->Pos.y + vp->Size.y * 0.45f),
                            ImGuiCond_FirstUseEver, ImVec2(1.0f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(em * 21, em * 24), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Layers", &ctx.prefs.showLayersPanel)) {
        ImGui::End();
        return;
    }
    const std::vector<Layer>& layers = ctx.document.layers;
    std::size_t& selected = ctx.panels.layers.selected;
    if (selected >= layers.size()) selected = layers.empty() ? 0 : layers.size() - 1;

    // Top of the list is drawn on top of the map: the last layer.
    ImGui::BeginChild("##layerlist", ImVec2(0, em * 9), true);
    for (std::size_t k = layers.size(); k-- > 0;) {
        const Layer& l = layers[k];
        ImGui::PushID(static_cast<int>(k));
        bool visible = l.options.visible;
        if (ImGui::Checkbox("##visible", &visible)) {
            LayerOptions options = l.options;
            options.visible = visible;
            ctx.commands.post(cmd::SetLayerOptions{k, std::move(options)});
        }
        ImGui::SameLine();
        const std::string label = legendText(l) + (l.kind == LayerKind::Raster ? "  [raster]" : "");
        if (ImGui::Selectable(label.c_str(), k == selected)) selected = k;
        ImGui::PopID();
    }
    if (layers.empty()) ImGui::TextDisabled("No layers. Add a file below.");
    ImGui::EndChild();

    if (!layers.empty()) {
        const bool top = selected + 1 >= layers.size(), bottom = selected == 0;
        if (top) ImGui::BeginDisabled();
        if (ImGui::Button("Up")) {
            ctx.commands.post(cmd::MoveLayer{selected, selected + 1});
            ++selected;
        }
        if (top) ImGui::EndDisabled();
        ImGui::SameLine();
        if (bottom) ImGui::BeginDisabled();
        if (ImGui::Button("Down")) {
            ctx.commands.post(cmd::MoveLayer{selected, selected - 1});
            --selected;
        }
        if (bottom) ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button("Zoom to")) ctx.commands.post(cmd::ZoomToLayer{selected});
        ImGui::SameLine();
        if (ImGui::Button("Remove")) ctx.commands.post(cmd::RemoveLayer{selected});
        if (selected < layers.size()) {
            const Layer& l = layers[selected];
            ImGui::Separator();
            ImGui::TextWrapped("%s", l.options.path.c_str());
            if (l.kind == LayerKind::Vector)
                ImGui::TextDisabled("%zu features: %zu points, %zu lines, %zu rings", l.features.size(),
                                    l.pointCount, l.lineCount, l.ringCount);
            else
                ImGui::TextDisabled("raster, %d x %d pixels in the map projection", l.raster.width,
                                    l.raster.height);
            ImGui::PushItemWidth(em * 10);
            styleEditor(ctx, selected, l);
            ImGui::PopItemWidth();
        }
    }
    ImGui::Separator();
    ImGui::TextUnformatted("Add a layer (GeoJSON, Shapefile, GeoPackage, GeoTIFF, ...)");
    const FileDialogRequest layerFiles{
        FileDialogRequest::Mode::Open,
        _("Add a layer"),
        {"geojson", "json", "shp", "gpkg", "kml", "kmz", "gml", "tif", "tiff", "csv"},
        ""};
    const bool chosen =
        pathField(ctx, "add-layer", ctx.panels.layers.addPath, layerFiles, "/path/to/layer.geojson");
    if ((ImGui::Button("Add") || chosen) && !ctx.panels.layers.addPath.empty())
        ctx.commands.post(cmd::AddLayer{ctx.panels.layers.addPath});
    ImGui::End();
}

} // namespace qinba
