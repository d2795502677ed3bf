#include "qinba/app/recording_job.h"

#include "qinba/core/data_paths.h"
#include "qinba/core/gdal_support.h"
#include "qinba/core/i18n.h"
#include "qinba/core/scenario_io.h"
#include "qinba/core/text_format.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>

extern char** environ;

namespace qinba::app {

namespace {

namespace fs = std::filesystem;

fs::path recordCacheDir() {
    return userCacheDir() / "record";
}

int jobCounter = 0; ///< several recordings of one viewer get files of their own

} // namespace

std::vector<std::string> recordArguments(const RecordingSource& source, const RecordingSettings& s,
                                         const std::string& scenarioFile, const std::string& viewFile) {
    const Document& doc = *source.document;
    std::vector<std::string> args = {"record",
                                     "--scenario",
                                     scenarioFile,
                                     "--view",
                                     viewFile,
                                     "--tour",
                                     s.tour,
                                     "--out",
                                     s.out,
                                     "--size",
                                     std::to_string(s.width) + "x" + std::to_string(s.height),
                                     "--fps",
                                     std::to_string(s.fps),
                                     "--msaa",
                                     std::to_string(source.msaa),
                                     "--progress-lines"};
    if (!s.frames.empty()) args.insert(args.end(), {"--frames", s.frames});
    if (source.triangles > 0) args.insert(args.end(), {"--triangles", std::to_string(source.triangles)});
    if (!doc.demPath.empty() || !doc.demFallbacks.empty())
        args.insert(args.end(),
                    {"--dem", doc.demPath.empty() ? "embedded" : fs::absolute(doc.demPath).string()});
    for (const std::string& d : doc.demFallbacks)
        args.insert(args.end(),
                    {"--dem", d == "embedded" || isGdalVirtualPath(d) ? d : fs::absolute(d).string()});
    if (!doc.demCrs.empty()) args.insert(args.end(), {"--dem-crs", doc.demCrs});
    // Layers the user added (not the scenario's, not the zoning, which the view settings switch on).
    const auto fromScenario = [&](const Layer& l) {
        return doc.scenario && std::any_of(doc.scenario->layers.begin(), doc.scenario->layers.end(),
                                           [&](const LayerOptions& o) { return o.id == l.options.id; });
    };
    for (const Layer& l : doc.layers)
        if (l.options.id != "zoning" && !l.options.path.empty() && !fromScenario(l))
            args.insert(args.end(), {"--layer", fs::absolute(l.options.path).string()});
    return args;
}

Result<std::unique_ptr<RecordingJob>> RecordingJob::start(const RecordingSource& source,
                                                          const RecordingSettings& s) {
    if (!source.document || !source.document->scenario)
        return Error{"", "", _("a recording needs a scenario with a tour")};
    const Document& doc = *source.document;
    // The copy lives elsewhere, so the scenario's relative layer paths are made absolute first.
    Scenario copy = *doc.scenario;
    const fs::path base = fs::absolute(doc.scenarioPath).parent_path();
    for (LayerOptions& l : copy.layers)
        if (!l.path.empty() && fs::path(l.path).is_relative() && l.path.rfind("/vsi", 0) != 0)
            l.path = (base / l.path).lexically_normal().string();
    std::error_code ec;
    const fs::path dir = recordCacheDir();
    fs::create_directories(dir, ec);
    if (ec)
        return Error{dir.string(), "",
                     i18n::format(_("cannot create the folder for the recording's scenario: %s"),
                                  ec.message().c_str())};
    const std::string stem = std::to_string(::getpid()) + "-" + std::to_string(++jobCounter);
    const std::string file = (dir / ("scenario-" + stem + ".json")).string();
    if (auto w = saveScenario(file, copy); !w) return w.error();
    const std::string viewFile = (dir / ("view-" + stem + ".json")).string();
    if (auto w = saveSceneSettings(viewFile, source.scene); !w) return w.error();

    std::string exe = source.executable;
    if (exe.empty()) exe = fs::read_symlink("/proc/self/exe", ec).string();
    if (ec)
        return Error{"/proc/self/exe", "",
                     i18n::format(_("cannot find the qinba executable: %s"), ec.message().c_str())};
    std::vector<std::string> args = recordArguments(source, s, file, viewFile);
    args.insert(args.begin(), exe);
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (std::string& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0) return Error{"", "", _("cannot start the recording: no pipe")};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDERR_FILENO);
    std::unique_ptr<RecordingJob> job(new RecordingJob());
    const int rc = posix_spawn(&job->pid_, exe.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipeFds[1]);
    if (rc != 0) {
        ::close(pipeFds[0]);
        return Error{exe, "", _("cannot start the recording process")};
    }
    job->fd_ = pipeFds[0];
    ::fcntl(job->fd_, F_SETFL, O_NONBLOCK);
    job->scenarioFile_ = file;
    job->viewFile_ = viewFile;
    return job;
}

namespace {

/// The message of a "qinba record: error: MESSAGE" line as reportError() writes it, in the language the child
/// speaks (it inherits this process's): the marker is the translated pattern between its two values.
std::optional<std::string> errorMessageOf(const std::string& line) {
    const std::string pattern = formatText(_("{}: error: {}"), "\x01", "\x02");
    const auto a = pattern.find('\x01'), b = pattern.find('\x02');
    for (const std::string& marker :
         {a < b ? pattern.substr(a + 1, b - a - 1) : std::string(": error: "), std::string(": error: ")})
        if (const auto at = line.find(marker); !marker.empty() && at != std::string::npos)
            return line.substr(at + marker.size());
    return std::nullopt;
}

} // namespace

bool RecordingJob::poll(RecordingStatus& status) {
    char buf[4096];
    for (ssize_t n; fd_ >= 0 && (n = ::read(fd_, buf, sizeof buf)) > 0;)
        pending_.append(buf, static_cast<std::size_t>(n));
    for (std::size_t eol; (eol = pending_.find('\n')) != std::string::npos; pending_.erase(0, eol + 1)) {
        const std::string line = pending_.substr(0, eol);
        long done = 0, total = 0;
        double elapsed = 0;
        if (std::sscanf(line.c_str(), "frame %ld %ld %lf", &done, &total, &elapsed) == 3) {
            status.done = done;
            status.total = total;
            status.secondsLeft =
                done > 0 ? elapsed / static_cast<double>(done) * static_cast<double>(total - done) : -1.0;
        } else if (auto message = errorMessageOf(line)) {
            lastError_ = std::move(*message);
        }
    }
    int wstatus = 0;
    if (pid_ <= 0 || ::waitpid(pid_, &wstatus, WNOHANG) != pid_) return true;
    pid_ = -1;
    ::close(fd_);
    fd_ = -1;
    std::error_code ec;
    std::filesystem::remove(scenarioFile_, ec);
    std::filesystem::remove(viewFile_, ec);
    status.running = false;
    status.finished = true;
    status.exitCode = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
    if (cancelled_)
        status.message = i18n::format(status.out.find('%') != std::string::npos
                                          ? _("Cancelled after %ld frames; the frames written stay")
                                          : _("Cancelled after %ld frames"),
                                      status.done);
    else if (status.exitCode == 0)
        status.message = i18n::format(_("Wrote %s (%ld frames)"), status.out.c_str(), status.total);
    else
        status.message = lastError_.empty()
                             ? i18n::format(_("The recording failed (exit status %d)"), status.exitCode)
                             : lastError_;
    return false;
}

void RecordingJob::cancel() {
    if (pid_ > 0 && !cancelled_) ::kill(pid_, SIGTERM);
    cancelled_ = true;
}

RecordingJob::~RecordingJob() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
    }
    if (fd_ >= 0) ::close(fd_);
    std::error_code ec;
    if (!scenarioFile_.empty()) std::filesystem::remove(scenarioFile_, ec);
}

} // namespace qinba::app
