// The built-in file browser: its model (listing, filtering, navigation) and its ImGui window.

#include "qinba/core/i18n.h"
#include "qinba/ui/file_dialog.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace qinba {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

} // namespace

void FileBrowserModel::begin(const FileDialogRequest& request,
                             const std::vector<std::string>& recentFolders) {
    request_ = request;
    recent_ = recentFolders;
    name_.clear();
    error_.clear();
    showAll_ = false;
    std::error_code ec;
    std::vector<std::string> candidates;
    if (!request.start.empty()) {
        const fs::path p(request.start);
        if (fs::is_directory(p, ec)) {
            candidates.push_back(p.string());
        } else {
            candidates.push_back(p.parent_path().string());
            if (request.mode != FileDialogRequest::Mode::Folder) name_ = p.filename().string();
        }
    }
    for (const std::string& f : recentFolders)
        candidates.push_back(f);
    candidates.push_back(fs::current_path(ec).string());
    for (const std::string& c : candidates)
        if (!c.empty() && fs::is_directory(c, ec) && navigate(c)) return;
}

bool FileBrowserModel::navigate(const std::string& folder) {
    std::error_code ec;
    fs::path p = fs::absolute(fs::path(folder), ec).lexically_normal();
    if (p.has_filename() == false && p != p.root_path()) p = p.parent_path();
    std::vector<Entry> list;
    fs::directory_iterator it(p, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        error_ = p.string() + ": " + ec.message();
        return false;
    }
    for (const fs::directory_entry& e : it) {
        std::error_code ec2;
        Entry entry;
        entry.name = e.path().filename().string();
        if (entry.name.empty() || entry.name[0] == '.') continue; // hidden files, as desktop choosers do
        entry.folder = e.is_directory(ec2);
        if (!entry.folder) {
            if (request_.mode == FileDialogRequest::Mode::Folder || !accepts(entry.name)) continue;
            entry.bytes = e.file_size(ec2);
        }
        list.push_back(std::move(entry));
    }
    std::sort(list.begin(), list.end(), [](const Entry& a, const Entry& b) {
        return a.folder != b.folder ? a.folder : lower(a.name) < lower(b.name);
    });
    entries_ = std::move(list);
    folder_ = p.string();
    error_.clear();
    return true;
}

void FileBrowserModel::up() {
    const fs::path p(folder_);
    if (p.has_parent_path() && p.parent_path() != p) navigate(p.parent_path().string());
}

void FileBrowserModel::choose(const Entry& entry) {
    if (entry.folder)
        navigate((fs::path(folder_) / entry.name).string());
    else
        name_ = entry.name;
}

bool FileBrowserModel::accepts(const std::string& name) const {
    if (showAll_ || request_.extensions.empty()) return true;
    const std::string ext = lower(fs::path(name).extension().string());
    return std::any_of(request_.extensions.begin(), request_.extensions.end(),
                       [&](const std::string& e) { return ext == "." + e; });
}

void FileBrowserModel::setShowAll(bool all) {
    showAll_ = all;
    navigate(folder_);
}

std::optional<std::string> FileBrowserModel::result() const {
    if (request_.mode == FileDialogRequest::Mode::Folder)
        return name_.empty() ? folder_ : (fs::path(folder_) / name_).string();
    if (name_.empty()) return std::nullopt;
    const fs::path typed(name_);
    return typed.is_absolute() ? typed.string() : (fs::path(folder_) / typed).string();
}

/// Draws the browser; returns the chosen path, "" when cancelled, nullopt while still open.
std::optional<std::string> drawFileBrowser(FileBrowserModel& m) {
    const float em = ImGui::GetFontSize();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(em * 40, em * 28), ImGuiCond_Appearing);
    bool open = true;
    const std::string title =
        (m.request().title.empty() ? std::string(_("Choose a file")) : m.request().title) +
        "###qinba-file-browser";
    std::optional<std::string> out;
    if (ImGui::Begin(title.c_str(), &open, ImGuiWindowFlags_NoCollapse)) {
        if (ImGui::Button(_("Up"))) m.up();
        ImGui::SameLine();
        std::string folder = m.folder();
        ImGui::SetNextItemWidth(-em * 9);
        if (ImGui::InputText("##folder", &folder, ImGuiInputTextFlags_EnterReturnsTrue)) m.navigate(folder);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-1);
        if (ImGui::BeginCombo("##recent", _("Recent folders"))) {
            for (const std::string& f : m.recentFolders())
                if (ImGui::Selectable(f.c_str())) m.navigate(f);
            ImGui::EndCombo();
        }
        if (!m.error().empty()) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "%s", m.error().c_str());
        ImGui::BeginChild("##entries", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() * 2.2f), true);
        const std::vector<FileBrowserModel::Entry> entries = m.entries(); // choose() may list another folder
        for (const FileBrowserModel::Entry& e : entries) {
            const std::string label = (e.folder ? "[+] " : "    ") + e.name;
            if (ImGui::Selectable(label.c_str(), !e.folder && e.name == m.name(),
                                  ImGuiSelectableFlags_AllowDoubleClick)) {
                m.choose(e);
                if (!e.folder && ImGui::IsMouseDoubleClicked(0)) out = m.result();
            }
        }
        ImGui::EndChild();
        ImGui::SetNextItemWidth(em * 22);
        const bool enter = ImGui::InputTextWithHint("##name", _("file name"), &m.name(),
                                                    ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::SameLine();
        bool all = m.showAll();
        if (!m.request().extensions.empty() && ImGui::Checkbox(_("All files"), &all)) m.setShowAll(all);
        const bool ready = m.result().has_value();
        if (!ready) ImGui::BeginDisabled();
        const char* ok = m.request().mode == FileDialogRequest::Mode::Save ? _("Save") : _("Open");
        if (ImGui::Button(ok) || (enter && ready)) out = m.result();
        if (!ready) ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button(_("Cancel"))) out = std::string();
    }
    ImGui::End();
    if (!open) out = std::string();
    return out;
}

} // namespace qinba
