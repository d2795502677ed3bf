#pragma once
// File dialogs for every Open, Import, Save as and output path: the desktop's own chooser (zenity or
// kdialog, when one is installed and a display is there) run as a separate process off the window's thread,
// otherwise a built-in ImGui browser with the recent folders. Nobody has to type a path; typing one stays
// possible in every path field (pathField()).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace qinba {

struct AppContext;

/// What a dialog asks for.
struct FileDialogRequest {
    enum class Mode { Open, Save, Folder };
    Mode mode = Mode::Open;
    std::string title;
    std::vector<std::string> extensions; ///< lower case without the dot ("tif", "json"); empty: any file
    std::string start;                   ///< a file or folder to start at; empty: the most recent folder
};

/// The built-in browser without its widgets: a folder's entries (folders first, then files the request's
/// extensions accept, by name), navigation and the chosen path. Names are UTF-8 as the file system has them.
class FileBrowserModel {
  public:
    struct Entry {
        std::string name;
        bool folder = false;
        std::uintmax_t bytes = 0;
    };
    /// Starts at request.start (its folder when it names a file), else the first recent folder that exists,
    /// else the working directory.
    void begin(const FileDialogRequest& request, const std::vector<std::string>& recentFolders);
    /// Lists `folder`; false (and error()) when it cannot be read, leaving the current listing.
    bool navigate(const std::string& folder);
    void up();
    /// A folder entry opens it; a file entry becomes the chosen name.
    void choose(const Entry& entry);
    /// Whether `name` has one of the request's extensions (or there are none, or showAll()).
    bool accepts(const std::string& name) const;
    void setShowAll(bool all);
    bool showAll() const { return showAll_; }

    const FileDialogRequest& request() const { return request_; }
    const std::string& folder() const { return folder_; }
    const std::vector<Entry>& entries() const { return entries_; }
    const std::vector<std::string>& recentFolders() const { return recent_; }
    const std::string& error() const { return error_; }
    /// The file name being chosen (typed or clicked).
    std::string& name() { return name_; }
    /// The full path of the choice: folder + name (or the folder itself in Folder mode); nullopt when no
    /// name.
    std::optional<std::string> result() const;

  private:
    FileDialogRequest request_;
    std::string folder_, name_, error_;
    std::vector<Entry> entries_;
    std::vector<std::string> recent_;
    bool showAll_ = false;
};

/// The desktop's chooser as a child process, waited for on a thread of its own.
class ExternalFileDialog {
  public:
    /// The command line showing a chooser for `request`: zenity, else kdialog, found on PATH while DISPLAY or
    /// WAYLAND_DISPLAY is set; QINBA_FILE_DIALOG=builtin|zenity|kdialog chooses. Empty: use the built-in one.
    static std::vector<std::string> command(const FileDialogRequest& request);
    /// Starts `argv`; the window thread goes on.
    void start(const std::vector<std::string>& argv);
    /// nullopt while the chooser is open; then the path chosen, or "" when it was cancelled or failed.
    std::optional<std::string> poll();
    bool running() const { return state_ != nullptr; }

  private:
    struct State;
    std::shared_ptr<State> state_;
};

/// The dialogs of the viewer: one at a time, each asked for by a field or menu identified by `id`.
class FileDialogs {
  public:
    /// Opens a chooser for `request` on behalf of `id` (replacing one already open).
    void open(const std::string& id, const FileDialogRequest& request,
              const std::vector<std::string>& recentFolders);
    /// The path chosen for `id`, once (then forgotten).
    std::optional<std::string> take(const std::string& id);
    /// Whether a chooser is open.
    bool active() const { return !id_.empty(); }
    /// Polls the external chooser, or draws the built-in browser while it is the one open.
    void draw();
    FileBrowserModel& browser() { return browser_; }

  private:
    std::string id_;
    bool builtIn_ = false;
    ExternalFileDialog external_;
    FileBrowserModel browser_;
    std::string doneId_;
    std::optional<std::string> done_;
};

/// A path field with a "Browse…" button: typing works, the button opens a chooser for `request`. Returns true
/// when Enter was pressed in the field or a path was chosen in the chooser this frame (it is then in `path`).
bool pathField(AppContext& ctx, const char* id, std::string& path, const FileDialogRequest& request,
               const char* hint = "");

/// The file dialogs of this frame, and what the menus' choosers chose turned into commands (open scenario,
/// import OD, view settings, ...). Called once a frame by drawUi().
void drawFileDialogs(AppContext& ctx);

} // namespace qinba
