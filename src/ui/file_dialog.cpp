// File dialogs: the desktop's chooser as a child process (zenity or kdialog), else the built-in browser;
// path fields with a Browse button; the menus' choosers turned into commands.

#include "qinba/ui/file_dialog.h"

#include "qinba/core/i18n.h"
#include "qinba/ui/app_context.h"

#include <imgui.h>
#include <imgui_stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <thread>
#include <utility>

namespace qinba {

std::optional<std::string> drawFileBrowser(FileBrowserModel& m); // file_browser.cpp

namespace {

namespace fs = std::filesystem;

std::string findOnPath(const std::string& program) {
    const char* path = std::getenv("PATH");
    if (!path) return {};
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        if (dir.empty()) continue;
        const fs::path candidate = fs::path(dir) / program;
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0)
            return candidate.string();
    }
    return {};
}

std::string shellQuote(const std::string& s) {
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string patterns(const FileDialogRequest& r) {
    std::string p;
    for (const std::string& e : r.extensions)
        p += (p.empty() ? "*." : " *.") + e;
    return p;
}

} // namespace

struct ExternalFileDialog::State {
    std::mutex mutex;
    bool done = false;
    std::string result;
};

std::vector<std::string> ExternalFileDialog::command(const FileDialogRequest& r) {
    const char* choice = std::getenv("QINBA_FILE_DIALOG");
    const std::string want = choice ? choice : "";
    if (want == "builtin") return {};
    if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY")) return {};
    using Mode = FileDialogRequest::Mode;
    const std::string title = r.title.empty() ? _("Choose a file") : r.title;
    if (want.empty() || want == "zenity") {
        if (const std::string zenity = findOnPath("zenity"); !zenity.empty()) {
            std::vector<std::string> argv{zenity, "--file-selection", "--title=" + title};
            if (r.mode == Mode::Save) argv.insert(argv.end(), {"--save", "--confirm-overwrite"});
            if (r.mode == Mode::Folder) argv.emplace_back("--directory");
            if (!r.start.empty()) argv.push_back("--filename=" + r.start);
            if (!r.extensions.empty()) {
                argv.push_back("--file-filter=" + patterns(r));
                argv.push_back(std::string("--file-filter=") + _("All files") + " | *");
            }
            return argv;
        }
    }
    if (want.empty() || want == "kdialog") {
        if (const std::string kdialog = findOnPath("kdialog"); !kdialog.empty()) {
            const char* op = r.mode == Mode::Save     ? "--getsavefilename"
                             : r.mode == Mode::Folder ? "--getexistingdirectory"
                                                      : "--getopenfilename";
            std::vector<std::string> argv{kdialog, "--title", title, op, r.start.empty() ? "." : r.start};
            if (r.mode != Mode::Folder && !r.extensions.empty()) argv.push_back(patterns(r));
            return argv;
        }
    }
    return {};
}

void ExternalFileDialog::start(const std::vector<std::string>& argv) {
    auto state = std::make_shared<State>();
    state_ = state;
    std::string line;
    for (const std::string& a : argv)
        line += shellQuote(a) + " ";
    line += "2>/dev/null";
    // Detached: a chooser left open when the viewer quits must not hold the exit up.
    std::thread([state, line] {
        std::string out;
        if (FILE* p = ::popen(line.c_str(), "r")) {
            char buf[4096];
            std::size_t n = 0;
            while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
                out.append(buf, n);
            const int status = ::pclose(p);
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) out.clear(); // cancelled
        }
        while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
            out.pop_back();
        std::lock_guard<std::mutex> lock(state->mutex);
        state->result = out;
        state->done = true;
    }).detach();
}

std::optional<std::string> ExternalFileDialog::poll() {
    if (!state_) return std::string();
    std::lock_guard<std::mutex> lock(state_->mutex);
    if (!state_->done) return std::nullopt;
    std::string r = state_->result;
    state_.reset();
    return r;
}

void FileDialogs::open(const std::string& id, const FileDialogRequest& request,
                       const std::vector<std::string>& recentFolders) {
    id_ = id;
    FileDialogRequest r = request;
    if (r.start.empty() && !recentFolders.empty()) r.start = recentFolders.front() + "/";
    const std::vector<std::string> argv = ExternalFileDialog::command(r);
    builtIn_ = argv.empty();
    if (builtIn_)
        browser_.begin(r, recentFolders);
    else
        external_.start(argv);
}

std::optional<std::string> FileDialogs::take(const std::string& id) {
    if (!done_ || doneId_ != id) return std::nullopt;
    doneId_.clear();
    return std::exchange(done_, std::nullopt);
}

void FileDialogs::draw() {
    if (id_.empty()) return;
    const std::optional<std::string> r = builtIn_ ? drawFileBrowser(browser_) : external_.poll();
    if (!r) return;
    if (!r->empty()) {
        doneId_ = id_;
        done_ = *r;
    }
    id_.clear();
}

bool pathField(AppContext& ctx, const char* id, std::string& path, const FileDialogRequest& request,
               const char* hint) {
    ImGui::PushID(id);
    const float button = ImGui::CalcTextSize(_("Browse...")).x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SetNextItemWidth(
        std::max(ImGui::GetContentRegionAvail().x - button - ImGui::GetStyle().ItemSpacing.x,
                 ImGui::GetFontSize() * 8));
    const bool enter = ImGui::InputTextWithHint("##path", hint, &path, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (ImGui::Button(_("Browse..."))) {
        FileDialogRequest r = request;
        if (r.start.empty()) r.start = path;
        ctx.panels.fileDialogs.open(id, r, ctx.prefs.recentFolders);
    }
    ImGui::PopID();
    if (auto chosen = ctx.panels.fileDialogs.take(id)) {
        path = *chosen;
        return true;
    }
    return enter;
}

void drawFileDialogs(AppContext& ctx) {
    FileDialogs& d = ctx.panels.fileDialogs;
    d.draw();
    // Menus close when a chooser opens: what they asked for is carried out here.
    if (auto p = d.take("menu-open-scenario")) ctx.commands.post(cmd::OpenScenario{*p});
    if (auto p = d.take("menu-save-scenario-as")) ctx.commands.post(cmd::SaveScenarioAs{*p});
    if (auto p = d.take("menu-import-od")) ctx.commands.post(cmd::ImportOd{*p});
    if (auto p = d.take("menu-save-view")) ctx.commands.post(cmd::SaveViewSettings{*p});
    if (auto p = d.take("menu-load-view")) ctx.commands.post(cmd::LoadViewSettings{*p});
    if (auto p = d.take("menu-open-any")) ctx.commands.post(cmd::OpenDroppedFiles{{*p}});
}

} // namespace qinba
