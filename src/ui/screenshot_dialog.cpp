#include "qinba/core/i18n.h"
#include "qinba/ui/panels.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <ctime>
#include <filesystem>

namespace qinba {

void drawScreenshotDialog(AppContext& ctx) {
    ViewState& v = ctx.view;
    ScreenshotDialogState& d = ctx.panels.screenshot;
    if (d.path.empty()) {
        const std::filesystem::path folder = v.screenshotFolder.empty()
                                                 ? std::filesystem::current_path()
                                                 : std::filesystem::path(v.screenshotFolder);
        const std::time_t now = std::time(nullptr);
        char name[64];
        std::strftime(name, sizeof name, "qinba-%Y%m%d-%H%M%S.png", std::localtime(&now));
        d.path = (folder / name).string();
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.4f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::Begin(withId(_("Save screenshot"), "screenshot").c_str(), &d.open,
                      ImGuiWindowFlags_AlwaysAutoResize))
        return ImGui::End();
    const float em = ImGui::GetFontSize();
    ImGui::TextUnformatted(_("The map as it is now, without the panels, as a PNG."));
    ImGui::SetNextItemWidth(em * 28);
    pathField(ctx, "screenshot", d.path, {FileDialogRequest::Mode::Save, _("Save screenshot"), {"png"}, ""});
    const int w = static_cast<int>(vp->Size.x * ImGui::GetIO().DisplayFramebufferScale.x);
    const int h = static_cast<int>(vp->Size.y * ImGui::GetIO().DisplayFramebufferScale.y);
    const std::string window = withId(i18n::format(_("Window size (%dx%d)"), w, h).c_str(), "window");
    const std::string twice =
        withId(i18n::format(_("Twice the window (%dx%d)"), 2 * w, 2 * h).c_str(), "twice");
    ImGui::RadioButton(window.c_str(), &d.sizeChoice, 0);
    ImGui::RadioButton(twice.c_str(), &d.sizeChoice, 1);
    ImGui::RadioButton(withId(_("4K UHD (3840x2160)"), "4k").c_str(), &d.sizeChoice, 2);
    ImGui::RadioButton(withId(_("Custom"), "custom").c_str(), &d.sizeChoice, 3);
    if (d.sizeChoice == 3) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(em * 9);
        ImGui::InputInt2(withId(_("pixels"), "pixels").c_str(), d.custom);
        d.custom[0] = std::clamp(d.custom[0], 16, 32768);
        d.custom[1] = std::clamp(d.custom[1], 16, 32768);
        ImGui::TextDisabled("%s", _("Sizes beyond the GPU's framebuffer limit are rendered in tiles."));
    }
    const bool png = std::filesystem::path(d.path).extension() == ".png";
    ImGui::BeginDisabled(!png);
    if (ImGui::Button(withId(_("Save"), "save").c_str())) {
        ScreenshotRequest r;
        r.path = d.path;
        if (d.sizeChoice == 1) r.width = 2 * w, r.height = 2 * h;
        if (d.sizeChoice == 2) r.width = 3840, r.height = 2160;
        if (d.sizeChoice == 3) r.width = d.custom[0], r.height = d.custom[1];
        ctx.commands.post(cmd::SaveScreenshot{r});
        d.open = false;
        d.path.clear(); // a fresh time-stamped name next time
    }
    ImGui::EndDisabled();
    if (!png) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1, 0.6f, 0.4f, 1), "%s", _("the file name must end in .png"));
    }
    ImGui::SameLine();
    if (ImGui::Button(withId(_("Cancel"), "cancel").c_str())) d.open = false;
    ImGui::End();
}

} // namespace qinba
