#include "qinba/ui/notifications.h"

#include "qinba/core/i18n.h"

#include <imgui.h>

namespace qinba {

namespace {
constexpr double kInfoSeconds = 6.0;
constexpr std::size_t kMaxItems = 8;
} // namespace

void Notifications::push(Kind kind, std::string text) {
    items_.push_back({kind, std::move(text), -1.0});
    while (items_.size() > kMaxItems)
        items_.pop_front();
}

void Notifications::draw(double now) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float pad = ImGui::GetFontSize();
    float y = vp->WorkPos.y + vp->WorkSize.y - pad * 2.5f;
    for (std::size_t i = items_.size(); i-- > 0;) {
        Item& item = items_[i];
        if (item.postedAt < 0.0) item.postedAt = now;
        ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - pad, y), ImGuiCond_Always,
                                ImVec2(1, 1));
        ImGui::SetNextWindowBgAlpha(0.92f);
        ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(pad * 32, pad * 10));
        const std::string id = "##note" + std::to_string(i);
        bool open = true;
        const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                       ImGuiWindowFlags_NoSavedSettings |
                                       ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
        ImGui::Begin(id.c_str(), nullptr, flags);
        const bool isError = item.kind == Kind::Error;
        if (isError) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.55f, 0.5f, 1.0f));
        ImGui::PushTextWrapPos(pad * 30);
        ImGui::TextUnformatted(isError ? _("Error") : _("Note"));
        ImGui::TextUnformatted(item.text.c_str());
        ImGui::PopTextWrapPos();
        if (isError) ImGui::PopStyleColor();
        if (ImGui::SmallButton((std::string(_("Dismiss")) + "###dismiss").c_str())) open = false;
        y -= ImGui::GetWindowHeight() + pad * 0.5f;
        ImGui::End();
        if (!open || (!isError && now - item.postedAt > kInfoSeconds))
            items_.erase(items_.begin() + static_cast<long>(i));
    }
}

} // namespace qinba
