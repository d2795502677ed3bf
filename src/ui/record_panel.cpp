#include "qinba/core/i18n.h"
#include "qinba/core/tour.h"
#include "qinba/ui/panels.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace qinba {

namespace {

void status(const RecordingStatus& r) {
    if (r.running) {
        const float fraction = r.total > 0 ? static_cast<float>(r.done) / static_cast<float>(r.total) : 0.0f;
        char overlay[96];
        if (r.secondsLeft >= 0)
            std::snprintf(overlay, sizeof overlay, _("%ld / %ld frames, %d:%02d left"), r.done, r.total,
                          static_cast<int>(r.secondsLeft) / 60, static_cast<int>(r.secondsLeft) % 60);
        else
            std::snprintf(overlay, sizeof overlay, _("%ld / %ld frames"), r.done, r.total);
        ImGui::ProgressBar(fraction, ImVec2(-1, 0), overlay);
        ImGui::TextDisabled(_("Writing %s"), r.out.c_str());
    } else if (r.finished) {
        ImGui::PushTextWrapPos(0.0f);
        if (r.exitCode == 0)
            ImGui::TextColored(ImVec4(0.6f, 0.9f, 0.6f, 1), "%s", r.message.c_str());
        else
            ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.45f, 1), "%s", r.message.c_str());
        ImGui::PopTextWrapPos();
    }
}

} // namespace

void drawRecordPanel(AppContext& ctx) {
    if (!ctx.document.scenario.has_value()) return;
    const float em = ImGui::GetFontSize();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x - em * 0.6f, vp->Pos.y + vp->Size.y - em * 3.0f),
                            ImGuiCond_FirstUseEver, ImVec2(1.0f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(em * 24, em * 17), ImGuiCond_FirstUseEver);
    const bool shown = ImGui::Begin(withId(_("Record video"), "record").c_str(), &ctx.prefs.showRecordPanel);
    reportPanelWindow(ctx, "record");
    if (!shown) return ImGui::End();
    const Scenario& sc = *ctx.document.scenario;
    RecordingSettings& s = ctx.panels.record.settings;
    const RecordingStatus& r = ctx.view.recording;
    if (!sc.findTour(s.tour)) s.tour = !ctx.panels.tour.tour.empty() ? ctx.panels.tour.tour : sc.defaultTour;
    const Tour* tour = sc.findTour(s.tour);
    if (s.out.empty()) s.out = (std::filesystem::current_path() / "qinba-tour.mp4").string();

    ImGui::BeginDisabled(r.running);
    ImGui::SetNextItemWidth(em * 14);
    if (ImGui::BeginCombo(withId(_("Tour"), "tour").c_str(), tour ? tour->name.c_str() : _("(none)"))) {
        for (const Tour& t : sc.tours)
            if (ImGui::Selectable((t.name + "##" + t.id).c_str(), tour == &t)) s.tour = t.id;
        ImGui::EndCombo();
    }
    pathField(ctx, "record-output", s.out,
              {FileDialogRequest::Mode::Save, _("Record to"), {"mp4", "mov"}, ""});
    ImGui::TextDisabled("%s", _(".mp4 (H.264 through ffmpeg) or frames/%05d.png"));
    const char* sizes[] = {_("1920x1080 (Full HD)"), _("3840x2160 (4K UHD)"), _("1280x720 (HD)"),
                           _("Custom")};
    ImGui::SetNextItemWidth(em * 14);
    ImGui::Combo(withId(_("Size"), "size").c_str(), &ctx.panels.record.sizeChoice, sizes,
                 IM_ARRAYSIZE(sizes));
    const int presets[3][2] = {{1920, 1080}, {3840, 2160}, {1280, 720}};
    if (ctx.panels.record.sizeChoice < 3) {
        s.width = presets[ctx.panels.record.sizeChoice][0];
        s.height = presets[ctx.panels.record.sizeChoice][1];
    } else {
        int wh[2] = {s.width, s.height};
        ImGui::SetNextItemWidth(em * 10);
        if (ImGui::InputInt2(withId(_("pixels"), "pixels").c_str(), wh))
            s.width = std::clamp(wh[0], 16, 16384), s.height = std::clamp(wh[1], 16, 16384);
    }
    ImGui::SetNextItemWidth(em * 6);
    ImGui::InputDouble(withId(_("Frames per second"), "fps").c_str(), &s.fps, 0, 0, "%.0f");
    s.fps = std::clamp(s.fps, 1.0, 240.0);
    // What is burned into the picture belongs to the scene: the map shows it too, so the video is what the
    // screen shows.
    SceneSettings next = ctx.scene;
    SceneDecorations& d = next.decorations;
    bool changed = ImGui::Checkbox(withId(_("Captions"), "captions").c_str(), &d.captions);
    ImGui::SameLine();
    changed |= ImGui::Checkbox(withId(_("Title"), "title").c_str(), &d.title);
    ImGui::SameLine();
    changed |= ImGui::Checkbox(withId(_("Credits"), "credits").c_str(), &d.credits);
    ImGui::SameLine();
    changed |= ImGui::Checkbox(withId(_("Legend"), "legend").c_str(), &d.legend);
    if (changed) ctx.commands.post(cmd::SetScene{std::move(next)});
    ImGui::TextDisabled("%s", _("Style, labels, layers and zoning: as on the map"));
    if (tour) {
        const double length = tourDuration(*tour);
        ImGui::TextDisabled(_("%.1f s, %ld frames"), length,
                            static_cast<long>(std::ceil(length * s.fps - 1e-9)));
    }
    const bool ready = tour && !s.out.empty();
    ImGui::BeginDisabled(!ready);
    if (ImGui::Button(withId(_("Record"), "record").c_str())) ctx.commands.post(cmd::StartRecording{s});
    ImGui::EndDisabled();
    ImGui::EndDisabled();
    if (r.running) {
        ImGui::SameLine();
        if (ImGui::Button(withId(_("Cancel"), "cancel").c_str())) ctx.commands.post(cmd::CancelRecording{});
    }
    ImGui::TextDisabled("%s", _("Records the scenario as it is now, with unsaved edits, in the background."));
    ImGui::Separator();
    status(r);
    ImGui::End();
}

} // namespace qinba
