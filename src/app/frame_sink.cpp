#include "qinba/app/frame_sink.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
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
        if (auto s = writePng(partial, frame, kRecordingPngLevel); !s) {
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

std::unique_ptr<FrameSink> discardFrames() {
    class Discard final : public FrameSink {
      public:
        Status write(long, const ImageRgba8&) override { return okStatus(); }
        Status finish() override { return okStatus(); }
    };
    return std::make_unique<Discard>();
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

Result<VideoCodec> parseVideoCodec(const std::string& text, const std::string& field) {
    std::string t;
    for (char c : text)
        t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (t == "h264" || t == "h.264" || t == "avc") return VideoCodec::H264;
    if (t == "h265" || t == "h.265" || t == "hevc") return VideoCodec::H265;
    if (t == "prores") return VideoCodec::ProRes;
    if (t == "png") return VideoCodec::Png;
    return Error{"", field, formatText(_("expected h264, h265, prores or png, got '{}'"), text)};
}

const char* videoCodecName(VideoCodec codec) {
    switch (codec) {
    case VideoCodec::H264:
        return "h264";
    case VideoCodec::H265:
        return "h265";
    case VideoCodec::ProRes:
        return "prores";
    case VideoCodec::Png:
        return "png";
    }
    return "h264";
}

VideoCodec defaultVideoCodec(const std::string& out) {
    return out.find('%') != std::string::npos ? VideoCodec::Png : VideoCodec::H264;
}

namespace {

bool validBitrate(const std::string& text) {
    std::size_t digits = 0;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])))
        ++digits;
    if (digits == 0 || digits > 12) return false;
    const std::string rest = text.substr(digits);
    return rest.empty() || rest == "k" || rest == "K" || rest == "M";
}

} // namespace

Status checkVideoEncoding(const VideoEncoding& e, const std::string& out, Viewport size) {
    const std::string ext = std::filesystem::path(out).extension().string();
    const std::string name = videoCodecName(e.codec);
    if (e.codec == VideoCodec::Png) {
        if (out.find('%') == std::string::npos)
            return Error{out, "--out", _("PNG frames need a file pattern with %d, such as frames/%05d.png")};
        if (e.crf >= 0 || !e.bitrate.empty())
            return Error{"", e.crf >= 0 ? "--crf" : "--bitrate", _("PNG frames are lossless: leave it out")};
        return okStatus();
    }
    if (e.codec == VideoCodec::ProRes) {
        if (ext != ".mov")
            return Error{out, "--out", _("ProRes goes into a QuickTime file: name the output *.mov")};
        if (e.crf >= 0 || !e.bitrate.empty())
            return Error{"", e.crf >= 0 ? "--crf" : "--bitrate",
                         _("ProRes 422 HQ has a fixed quality: leave it out")};
        if (size.width % 2 != 0)
            return Error{"", "--size",
                         formatText(_("ProRes 422 needs an even frame width, got {}"), size.width)};
        return okStatus();
    }
    if (ext != ".mp4" && ext != ".mkv" && ext != ".mov")
        return Error{out, "--out",
                     formatText(_("expected a video file (.mp4, .mkv or .mov) for {}, or a PNG pattern "
                                  "with %d such as frames/%05d.png"),
                                name)};
    if (size.width % 2 != 0 || size.height % 2 != 0)
        return Error{"", "--size",
                     formatText(_("{} video (4:2:0) needs an even width and height, got {}x{}"), name,
                                size.width, size.height)};
    if (e.crf >= 0 && !e.bitrate.empty())
        return Error{"", "--bitrate", _("give either --crf or --bitrate, not both")};
    if (e.crf > 51) return Error{"", "--crf", formatText(_("expected 0 to 51, got {}"), e.crf)};
    if (!e.bitrate.empty() && !validBitrate(e.bitrate))
        return Error{"", "--bitrate",
                     formatText(_("expected bits per second such as 8000k or 20M, got '{}'"), e.bitrate)};
    return okStatus();
}

std::string ffmpegVideoArguments(const VideoEncoding& e, const std::string& path, Viewport size, double fps) {
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.6g", fps);
    const bool prores = e.codec == VideoCodec::ProRes;
    const std::string pixelFormat = prores ? "yuv422p10le" : "yuv420p";
    // The matrix is chosen in the scaler and the same BT.709 description is set on the frames and the stream:
    // ffmpeg's default RGB-to-YUV matrix is BT.601, which players showing HD as BT.709 would shift.
    const std::string bt709 = "colorspace=bt709:color_primaries=bt709:color_trc=bt709:range=tv";
    std::string args = "-y -hide_banner -loglevel error -f rawvideo -pix_fmt rgba -s " +
                       std::to_string(size.width) + "x" + std::to_string(size.height) + " -framerate " +
                       rate + " -i - -vf 'scale=out_color_matrix=bt709:out_range=tv,format=" + pixelFormat +
                       ",setparams=" + bt709 + "'";
    // Every option is fixed here, whatever the frame range: recordings of parts of a tour (--frames, --shard)
    // then carry identical parameters, start on a keyframe (the first frame is IDR) and keep closed GOPs
    // (x265 opens them by default), so ffmpeg's concat demuxer joins them without re-encoding.
    switch (e.codec) {
    case VideoCodec::H265:
        args += " -c:v libx265 -preset medium -x265-params log-level=error:open-gop=0 -tag:v hvc1";
        break;
    case VideoCodec::ProRes:
        // Profile 3 is 422 HQ; the apl0 vendor tag is what editing suites expect of ProRes.
        args += " -c:v prores_ks -profile:v 3 -vendor apl0";
        break;
    default:
        args += " -c:v libx264 -preset medium -x264-params open-gop=0";
        break;
    }
    if (!prores) {
        if (!e.bitrate.empty())
            args += " -b:v " + e.bitrate;
        else
            args += " -crf " + std::to_string(e.crf >= 0 ? e.crf : (e.codec == VideoCodec::H265 ? 20 : 18));
    }
    args += " -pix_fmt " + pixelFormat +
            " -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv -r " + rate;
    const std::string ext = std::filesystem::path(path).extension().string();
    if (ext == ".mp4" || ext == ".mov") args += " -movflags +faststart+write_colr";
    return args + " " + quote(path);
}

Result<std::unique_ptr<FrameSink>> ffmpegVideo(const std::string& ffmpeg, const std::string& path,
                                               Viewport size, double fps, const VideoEncoding& encoding) {
    // A closed pipe must come back as a write error, not end the program.
    std::signal(SIGPIPE, SIG_IGN);
    const std::string log = path + ".ffmpeg.log";
    const std::string cmd =
        quote(ffmpeg) + " " + ffmpegVideoArguments(encoding, path, size, fps) + " 2>" + quote(log);
    FILE* pipe = popen(cmd.c_str(), "w");
    if (!pipe) return Error{path, "", formatText(_("cannot start ffmpeg: {}"), std::strerror(errno))};
    return std::unique_ptr<FrameSink>(std::make_unique<FfmpegVideo>(pipe, path, log));
}

} // namespace qinba::app
