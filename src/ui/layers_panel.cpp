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
    changed |= ImGui::SliderFloat(withId(_("Opacity"), "opacity").c_str(), &s.opacity, 0.0f, 1.0f, "%.2f");
    if (layer.kind == LayerKind::Vector) {
        if (layer.ringCount > 0 || layer.pointCount > 0)
            changed |= colourEdit(withId(_("Fill"), "fill").c_str(), s.fill);
        changed |= colourEdit(withId(layer.ringCount > 0 ? _("Outline") : _("Colour"), "outline").c_str(),
                              s.outline);
        changed |= ImGui::SliderFloat(withId(_("Line width"), "linewidth").c_str(), &s.outlineWidthPx, 0.0f,
                                      8.0f, "%.1f px");
        if (layer.pointCount > 0)
            changed |= ImGui::SliderFloat(withId(_("Point size"), "pointsize").c_str(), &s.pointSizePx, 2.0f,
                                          24.0f, "%.0f px");
        if (ImGui::BeginCombo(withId(_("Label field"), "labelfield").c_str(),
                              s.labelField.empty() ? _("(none)") : s.labelField.c_str())) {
            if (ImGui::Selectable(withId(_("(none)"), "none").c_str(), s.labelField.empty())) {
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
        changed |= ImGui::SliderFloat(withId(_("Label size"), "labelsize").c_str(), &s.labelSizePx, 8.0f,
                                      28.0f, "%.0f px");
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
    const bool shown = ImGui::Begin(withId(_("Layers"), "layers").c_str(), &ctx.prefs.showLayersPanel);
    reportPanelWindow(ctx, "layers");
    if (!shown) {
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
        const std::string label =
            legendText(l) + (l.kind == LayerKind::Raster ? std::string("  ") + _("[raster]") : std::string());
        if (ImGui::Selectable(label.c_str(), k == selected)) selected = k;
        ImGui::PopID();
    }
    if (layers.empty()) ImGui::TextDisabled("%s", _("No layers. Add a file below."));
    ImGui::EndChild();

    if (!layers.empty()) {
        const bool top = selected + 1 >= layers.size(), bottom = selected == 0;
        if (top) ImGui::BeginDisabled();
        if (ImGui::Button(withId(_("Up"), "up").c_str())) {
            ctx.commands.post(cmd::MoveLayer{selected, selected + 1});
            ++selected;
        }
        if (top) ImGui::EndDisabled();
        ImGui::SameLine();
        if (bottom) ImGui::BeginDisabled();
        if (ImGui::Button(withId(_("Down"), "down").c_str())) {
            ctx.commands.post(cmd::MoveLayer{selected, selected - 1});
            --selected;
        }
        if (bottom) ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button(withId(_("Zoom to"), "zoomto").c_str()))
            ctx.commands.post(cmd::ZoomToLayer{selected});
        ImGui::SameLine();
        if (ImGui::Button(withId(_("Remove"), "remove").c_str()))
            ctx.commands.post(cmd::RemoveLayer{selected});
        if (selected < layers.size()) {
            const Layer& l = layers[selected];
            ImGui::Separator();
            ImGui::TextWrapped("%s", l.options.path.c_str());
            if (l.kind == LayerKind::Vector)
                ImGui::TextDisabled(_("%zu features: %zu points, %zu lines, %zu rings"), l.features.size(),
                                    l.pointCount, l.lineCount, l.ringCount);
            else
                ImGui::TextDisabled(_("raster, %d x %d pixels in the map projection"), l.raster.width,
                                    l.raster.height);
            ImGui::PushItemWidth(em * 10);
            styleEditor(ctx, selected, l);
            ImGui::PopItemWidth();
        }
    }
    ImGui::Separator();
    ImGui::TextUnformatted(_("Add a layer (GeoJSON, Shapefile, GeoPackage, GeoTIFF, ...)"));
    const FileDialogRequest layerFiles{
        FileDialogRequest::Mode::Open,
        _("Add a layer"),
        {"geojson", "json", "shp", "gpkg", "kml", "kmz", "gml", "tif", "tiff", "csv"},
        ""};
    const bool chosen =
        pathField(ctx, "add-layer", ctx.panels.layers.addPath, layerFiles, _("/path/to/layer.geojson"));
    if ((ImGui::Button(withId(_("Add"), "add").c_str()) || chosen) && !ctx.panels.layers.addPath.empty())
        ctx.commands.post(cmd::AddLayer{ctx.panels.layers.addPath});
    ImGui::End();
}

} // namespace qinba
