#include "qinba/core/camera_spec.h"
#include "qinba/core/tour.h"
#include "qinba/ui/panels.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

namespace qinba {

namespace {

const char* const kEasings[] = {N_("linear"), N_("ease in and out"), N_("ease in"), N_("ease out")};

/// A stage's title in the interface's language.
const char* stageTitle(const Stage& s) {
    return i18n::currentLanguage() == "zh_CN" && !s.titleZh.empty() ? s.titleZh.c_str() : s.titleEn.c_str();
}

const Tour* selectedTour(AppContext& ctx) {
    Scenario& sc = *ctx.document.scenario;
    if (!sc.findTour(ctx.panels.tour.tour))
        ctx.panels.tour.tour = sc.findTour(sc.defaultTour) ? sc.defaultTour
                               : sc.tours.empty()          ? std::string()
                                                           : sc.tours.front().id;
    return sc.findTour(ctx.panels.tour.tour);
}

TourKeyframe keyframeFromView(const AppContext& ctx) {
    TourKeyframe k;
    k.camera = specFromCamera(ctx.view.camera, ctx.projection);
    k.duration = 6.0;
    k.hold = 2.0;
    return k;
}

void postTour(AppContext& ctx, Tour tour, std::string label) {
    ctx.commands.post(Edit{SetTour{std::move(tour), std::move(label)}});
}

/// Puts the tour in the viewer at `seconds`, keeping its playing state.
void seek(AppContext& ctx, const Tour& tour, double seconds) {
    ctx.view.tour.seconds = seconds;
    ctx.commands.post(cmd::PlayTour{tour.id});
}

void transport(AppContext& ctx, const Tour& tour) {
    TourPlayback& tp = ctx.view.tour;
    const bool active = tp.tour == tour.id;
    const double length = tourDuration(tour);
    if (ImGui::Button(withId(active && tp.playing ? _("Pause") : _("Play"), "play").c_str())) {
        tp.playing = !(active && tp.playing);
        seek(ctx, tour, active && tp.seconds < length ? tp.seconds : 0.0);
    }
    ImGui::SameLine();
    if (ImGui::Button(withId(_("Stop"), "stop").c_str())) ctx.commands.post(cmd::StopTour{});
    ImGui::SameLine();
    bool loop = active ? tp.loop : ctx.view.tour.loop;
    if (ImGui::Checkbox(withId(_("Loop"), "loop").c_str(), &loop)) tp.loop = loop;
    ImGui::SameLine();
    ImGui::TextDisabled(_("%.1f s"), length);
    float at = active ? static_cast<float>(tp.seconds) : 0.0f;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::SliderFloat("##timeline", &at, 0.0f, static_cast<float>(length), _("%.1f s"))) {
        if (!active) tp.playing = false;
        seek(ctx, tour, at);
    }
    // Keyframe marks under the timeline: where each keyframe is reached.
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (std::size_t k = 0; k < tour.keyframes.size(); ++k) {
        const double arrive = keyframeStart(tour, k) + (k ? tour.keyframes[k].duration : 0.0);
        const float x = min.x + static_cast<float>(arrive / std::max(length, 1e-9)) * (max.x - min.x);
        const ImU32 colour =
            k == ctx.panels.tour.keyframe ? IM_COL32(255, 200, 80, 255) : IM_COL32(200, 200, 200, 200);
        draw->AddTriangleFilled(ImVec2(x, max.y), ImVec2(x - 4, max.y + 6), ImVec2(x + 4, max.y + 6), colour);
    }
    ImGui::Dummy(ImVec2(0, 6));
}

void keyframeList(AppContext& ctx, const Tour& tour) {
    const Scenario& sc = *ctx.document.scenario;
    std::size_t& sel = ctx.panels.tour.keyframe;
    sel = std::min(sel, tour.keyframes.size() - 1);
    ImGui::BeginChild("##keyframes", ImVec2(0, ImGui::GetFontSize() * 9), true);
    for (std::size_t k = 0; k < tour.keyframes.size(); ++k) {
        const TourKeyframe& f = tour.keyframes[k];
        const bool chinese = i18n::currentLanguage() == "zh_CN";
        const std::string& caption = chinese && !f.captionZh.empty() ? f.captionZh : f.captionEn;
        std::string what = !caption.empty() ? caption : f.stage.empty() ? std::string(_("view")) : "";
        if (!f.stage.empty())
            if (const auto i = sc.findStage(f.stage)) {
                const Stage& st = sc.stages[*i];
                what += (what.empty() ? "" : " / ") +
                        i18n::format(_("stage: %s"),
                                     (chinese && !st.titleZh.empty() ? st.titleZh : st.titleEn).c_str());
            }
        const std::string row = i18n::format(_("%zu. %s  (fly %.1f s, hold %.1f s)"), k + 1, what.c_str(),
                                             k ? f.duration : 0.0, f.hold) +
                                "##kf" + std::to_string(k);
        if (ImGui::Selectable(row.c_str(), k == sel)) {
            sel = k;
            seek(ctx, tour, keyframeStart(tour, k) + (k ? f.duration : 0.0));
        }
    }
    ImGui::EndChild();

    Tour t = tour;
    const std::string n = std::to_string(sel + 1);
    if (ImGui::Button(withId(_("Add view at end"), "addview").c_str())) {
        t.keyframes.push_back(keyframeFromView(ctx));
        postTour(ctx, t, i18n::format(_("Add keyframe %zu to %s"), t.keyframes.size(), t.id.c_str()));
        sel = t.keyframes.size() - 1;
    }
    ImGui::SameLine();
    if (ImGui::Button(withId(_("Insert view before"), "insertview").c_str())) {
        t.keyframes.insert(t.keyframes.begin() + static_cast<long>(sel), keyframeFromView(ctx));
        postTour(ctx, t, i18n::format(_("Insert keyframe %s in %s"), n.c_str(), t.id.c_str()));
    }
    ImGui::SameLine();
    if (ImGui::Button(withId(_("Set to view"), "settoview").c_str())) {
        t.keyframes[sel].camera = specFromCamera(ctx.view.camera, ctx.projection);
        postTour(ctx, t,
                 i18n::format(_("Set keyframe %s of %s to the current view"), n.c_str(), t.id.c_str()));
    }
    if (ImGui::Button(withId(_("Move up"), "moveup").c_str()) && sel > 0) {
        std::swap(t.keyframes[sel], t.keyframes[sel - 1]);
        postTour(ctx, t, i18n::format(_("Move keyframe %s of %s up"), n.c_str(), t.id.c_str()));
        --sel;
    }
    ImGui::SameLine();
    if (ImGui::Button(withId(_("Move down"), "movedown").c_str()) && sel + 1 < t.keyframes.size()) {
        std::swap(t.keyframes[sel], t.keyframes[sel + 1]);
        postTour(ctx, t, i18n::format(_("Move keyframe %s of %s down"), n.c_str(), t.id.c_str()));
        ++sel;
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(t.keyframes.size() < 2); // a tour keeps at least one keyframe
    if (ImGui::Button(withId(_("Delete"), "delete").c_str())) {
        t.keyframes.erase(t.keyframes.begin() + static_cast<long>(sel));
        postTour(ctx, t, i18n::format(_("Delete keyframe %s of %s"), n.c_str(), t.id.c_str()));
        sel = std::min(sel, t.keyframes.size() - 1);
    }
    ImGui::EndDisabled();
}

void keyframeEditor(AppContext& ctx, const Tour& tour) {
    const Scenario& sc = *ctx.document.scenario;
    const std::size_t sel = ctx.panels.tour.keyframe;
    Tour t = tour;
    TourKeyframe& f = t.keyframes[sel];
    const std::string label = i18n::format(_("Change keyframe %zu of %s"), sel + 1, t.id.c_str());
    bool changed = false;
    const float width = ImGui::GetFontSize() * 9;
    ImGui::TextDisabled(_("Keyframe %zu (fields apply on Enter)"), sel + 1);
    ImGui::SetNextItemWidth(width);
    if (sel > 0)
        changed |= ImGui::InputDouble(withId(_("Flight, s"), "flight").c_str(), &f.duration, 0.5, 2.0, "%.1f",
                                      ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SetNextItemWidth(width);
    changed |= ImGui::InputDouble(withId(_("Hold, s"), "hold").c_str(), &f.hold, 0.5, 2.0, "%.1f",
                                  ImGuiInputTextFlags_EnterReturnsTrue);
    f.duration = std::max(f.duration, 0.1);
    f.hold = std::max(f.hold, 0.0);
    int easing = static_cast<int>(f.easing);
    ImGui::SetNextItemWidth(width);
    const char* easings[IM_ARRAYSIZE(kEasings)];
    for (int i = 0; i < IM_ARRAYSIZE(kEasings); ++i)
        easings[i] = _(kEasings[i]);
    if (ImGui::Combo(withId(_("Easing"), "easing").c_str(), &easing, easings, IM_ARRAYSIZE(easings))) {
        f.easing = static_cast<Easing>(easing);
        changed = true;
    }
    const auto index = f.stage.empty() ? std::nullopt : sc.findStage(f.stage);
    const Stage* stage = index ? &sc.stages[*index] : nullptr;
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(withId(_("Stage"), "stage").c_str(),
                          stage ? stageTitle(*stage) : _("(keep the stage)"))) {
        if (ImGui::Selectable(withId(_("(keep the stage)"), "keep").c_str(), !stage))
            f.stage.clear(), changed = true;
        for (const Stage& s : sc.stages)
            if (ImGui::Selectable((std::string(stageTitle(s)) + "##" + s.id).c_str(), stage == &s))
                f.stage = s.id, changed = true;
        ImGui::EndCombo();
    }
    changed |= ImGui::InputTextWithHint(withId(_("Caption (English)"), "captionen").c_str(),
                                        _("English (empty: the stage's title)"), &f.captionEn,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
    changed |= ImGui::InputTextWithHint(withId(_("Caption (Chinese)"), "captionzh").c_str(),
                                        _("Chinese (empty: the stage's title)"), &f.captionZh,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::TreeNode(withId(_("Layers at this keyframe"), "kflayers").c_str())) {
        const char* kChoices[] = {_("keep"), _("show"), _("hide")};
        for (const Layer& l : ctx.document.layers) {
            const auto it = f.layers.find(l.options.id);
            int choice = it == f.layers.end() ? 0 : it->second ? 1 : 2;
            ImGui::SetNextItemWidth(width * 0.7f);
            if (ImGui::Combo((l.options.name + "##kl" + l.options.id).c_str(), &choice, kChoices, 3)) {
                if (choice == 0)
                    f.layers.erase(l.options.id);
                else
                    f.layers[l.options.id] = choice == 1;
                changed = true;
            }
        }
        ImGui::TreePop();
    }
    if (changed) postTour(ctx, t, label);
}

void viewpoints(AppContext& ctx) {
    const Scenario& sc = *ctx.document.scenario;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    const bool enter =
        ImGui::InputTextWithHint("##vpname", _("name of this view"), &ctx.panels.tour.newViewpointName,
                                 ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button(withId(_("Save view"), "saveview").c_str()) || enter) &&
        !ctx.panels.tour.newViewpointName.empty()) {
        Viewpoint v;
        v.id = newViewpointId(sc, ctx.panels.tour.newViewpointName);
        v.name = ctx.panels.tour.newViewpointName;
        v.camera = specFromCamera(ctx.view.camera, ctx.projection);
        ctx.commands.post(Edit{SetViewpoint{v}});
        ctx.panels.tour.newViewpointName.clear();
    }
    for (const Viewpoint& v : sc.viewpoints) {
        ImGui::PushID(v.id.c_str());
        if (ImGui::SmallButton(withId(_("Go"), "go").c_str())) ctx.commands.post(cmd::GoToViewpoint{v.id});
        ImGui::SameLine();
        if (ImGui::SmallButton(withId(_("Remove"), "remove").c_str()))
            ctx.commands.post(Edit{RemoveViewpoint{v.id}});
        ImGui::SameLine();
        ImGui::TextUnformatted(v.name.c_str());
        ImGui::PopID();
    }
}

} // namespace

void drawTourPanel(AppContext& ctx) {
    if (!ctx.document.scenario.has_value()) return;
    const float em = ImGui::GetFontSize();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->Pos.x + vp->Size.x - em * 0.6f, vp->Pos.y + ImGui::GetFrameHeight() + em * 0.6f),
        ImGuiCond_FirstUseEver, ImVec2(1.0f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(em * 26, em * 34), ImGuiCond_FirstUseEver);
    const bool shown =
        ImGui::Begin(withId(_("Tours and viewpoints"), "tours").c_str(), &ctx.prefs.showTourPanel);
    reportPanelWindow(ctx, "tours");
    if (!shown) return ImGui::End();
    Scenario& sc = *ctx.document.scenario;
    const Tour* tour = selectedTour(ctx);
    ImGui::SetNextItemWidth(em * 12);
    if (ImGui::BeginCombo(withId(_("Tour"), "tour").c_str(), tour ? tour->name.c_str() : _("(no tour)"))) {
        for (const Tour& t : sc.tours)
            if (ImGui::Selectable(
                    (t.name + (t.id == sc.defaultTour ? std::string("  ") + _("(default)") : std::string()) +
                     "##" + t.id)
                        .c_str(),
                    tour == &t))
                ctx.panels.tour.tour = t.id, ctx.panels.tour.keyframe = 0;
        ImGui::EndCombo();
    }
    if (tour) {
        ImGui::SameLine();
        if (ImGui::Button(withId(_("Delete tour"), "deletetour").c_str()))
            ctx.commands.post(Edit{RemoveTour{tour->id}});
    }
    ImGui::SetNextItemWidth(em * 12);
    const bool enter = ImGui::InputTextWithHint(
        "##tourname", _("new tour name"), &ctx.panels.tour.newTourName, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button(withId(_("New tour from this view"), "newtour").c_str()) || enter) &&
        !ctx.panels.tour.newTourName.empty()) {
        Tour t;
        t.id = newTourId(sc, ctx.panels.tour.newTourName);
        t.name = ctx.panels.tour.newTourName;
        t.keyframes.push_back(keyframeFromView(ctx));
        ctx.panels.tour.tour = t.id;
        ctx.panels.tour.keyframe = 0;
        postTour(ctx, t, i18n::format(_("New tour %s"), t.name.c_str()));
        ctx.panels.tour.newTourName.clear();
    }
    if (tour && !tour->keyframes.empty()) {
        ImGui::Separator();
        transport(ctx, *tour);
        bool constant = tour->constantSpeed;
        if (ImGui::Checkbox(withId(_("Constant speed (no easing)"), "constant").c_str(), &constant)) {
            Tour t = *tour;
            t.constantSpeed = constant;
            postTour(ctx, t,
                     i18n::format(constant ? _("Constant speed for %s") : _("Eased flights for %s"),
                                  t.id.c_str()));
        }
        keyframeList(ctx, *tour);
        ImGui::Separator();
        keyframeEditor(ctx, *tour);
    }
    ImGui::Separator();
    ImGui::TextUnformatted(_("Viewpoints"));
    viewpoints(ctx);
    ImGui::Separator();
    ImGui::TextDisabled("%s", _("Ctrl+Z undoes, Ctrl+S saves the scenario with its tours"));
    ImGui::End();
}

} // namespace qinba
