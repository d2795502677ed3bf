#include "qinba/app/frame_sink.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace qinba::app {

std::string framePath(const std::string& pattern, long index);

namespace {

class PngSequence final : public FrameSink {
  public:
    explicit PngSequence(std::string pattern) : pattern_(std::move(pattern)) {}
    Status write(long index, const ImageRgba8& frame) override {
        const std::string path = framePath(pattern_, index);
        const std::string partial = path + ".partial";
        if (auto s = writePng(partial, frame); !s) {
            std::filesystem::remove(partial);
            return Error{path, "", s.error().message};
        }
        std::error_code ec;
        std::filesystem::rename(partial, path, ec);
        if (ec) {
            std::filesystem::remove(partial, ec);
            return Error{path, "", formatText(_("cannot put the finished frame in place: {}"), ec.message())};
        }
        return okStatus();
    }
    Status finish() override { return okStatus(); }

  private:
    std::string pattern_;
};

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

class FfmpegVideo final : public FrameSink {
  public:
    FfmpegVideo(FILE* pipe, std::string path, std::string log)
        : pipe_(pipe), path_(std::move(path)), log_(std::move(log)) {}
    ~FfmpegVideo() override {
        if (pipe_) pclose(pipe_);
        std::filesystem::remove(log_);
    }
    Status write(long index, const ImageRgba8& frame) override {
        if (!pipe_) return Error{path_, "", _("the encoder has already stopped")};
        if (std::fwrite(frame.pixels.data(), 1, frame.pixels.size(), pipe_) != frame.pixels.size())
            return Error{path_, "frame " + std::to_string(index),
                         _("ffmpeg stopped taking frames") + encoderSays()};
        return okStatus();
    }
    Status finish() override {
        if (!pipe_) return okStatus();
        const int status = pclose(pipe_);
        pipe_ = nullptr;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            return Error{path_, "", _("ffmpeg failed") + encoderSays()};
        return okStatus();
    }

  private:
    std::string encoderSays() const {
        std::ifstream in(log_);
        std::string line, last;
        while (std::getline(in, line))
            if (!line.empty()) last = line;
        return last.empty() ? std::string() : " (ffmpeg: " + last + ")";
    }
    FILE* pipe_;
    std::string path_, log_;
};

} // namespace

std::unique_ptr<FrameSink> pngSequence(std::string pattern) {
    return std::make_unique<PngSequence>(std::move(pattern));
}

std::string findFfmpeg() {
    if (const char* env = std::getenv("QINBA_FFMPEG"); env && *env)
        return ::access(env, X_OK) == 0 ? env : "";
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        std::string candidate = (dir.empty() ? std::string(".") : dir) + "/ffmpeg";
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return {};
}

Result<std::unique_ptr<FrameSink>> ffmpegVideo(const std::string& ffmpeg, const std::string& path,
                                               Viewport size, double fps) {
    // A closed pipe must come back as a write error, not end the program.
    std::signal(SIGPIPE, SIG_IGN);
    const std::string log = path + ".ffmpeg.log";
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.6g", fps);
    const std::string cmd = quote(ffmpeg) + " -y -hide_banner -loglevel error -f rawvideo -pix_fmt rgba -s " +
                            std::to_string(size.width) + "x" + std::to_string(size.height) + " -framerate " +
                            rate + " -i - -c:v libx264 -preset medium -crf 18 -pix_fmt yuv420p -r " + rate +
                            " -movflags +faststart " + quote(path) + " 2>" + quote(log);
    FILE* pipe = popen(cmd.c_str(), "w");
    if (!pipe) return Error{path, "", formatText(_("cannot start ffmpeg: {}"), std::strerror(errno))};
    return std::unique_ptr<FrameSink>(std::make_unique<FfmpegVideo>(pipe, path, log));
}

} // namespace qinba::app
