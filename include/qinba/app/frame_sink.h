#pragma once
// Where recorded frames go: numbered PNG files, or raw pixels piped into ffmpeg for a video file that
// editing suites and players read the same way: H.264 or H.265 (4:2:0, MP4/MKV/MOV) or ProRes 422 HQ
// (10-bit 4:2:2, MOV). Every video is converted from the rendered sRGB pixels with the BT.709 matrix into
// limited ("TV") range and tagged BT.709 (matrix, primaries, transfer, range) in the stream and container,
// so no player or editor has to guess.

#include "qinba/core/camera.h"
#include "qinba/core/image.h"
#include "qinba/core/result.h"

#include <cstdio>
#include <memory>
#include <string>

namespace qinba::app {

/// Receives frames in order.
class FrameSink {
  public:
    virtual ~FrameSink() = default;
    /// Stores frame `index`; the error names the file and the reason (a full disk, a closed pipe).
    virtual Status write(long index, const ImageRgba8& frame) = 0;
    /// Completes the output (waits for the encoder); the error says what the encoder reported.
    virtual Status finish() = 0;
};

/// zlib level of recorded PNG frames: fast, since a PNG sequence is an intermediate for editing suites and
/// the files are only some 10% larger than at stb's default level 8.
inline constexpr int kRecordingPngLevel = 2;

/// Frames as PNG files named by a printf-style pattern with their absolute index, at kRecordingPngLevel.
/// Each file is written under a temporary name and renamed, so a frame file is either complete or absent.
std::unique_ptr<FrameSink> pngSequence(std::string pattern);

/// Takes frames and keeps nothing (`record --discard`, which times rendering and read-back alone).
std::unique_ptr<FrameSink> discardFrames();

/// The encoding of a recording.
enum class VideoCodec { H264, H265, ProRes, Png };

/// How a recording is encoded: the codec and, for H.264/H.265, either a constant rate factor or a bitrate.
struct VideoEncoding {
    VideoCodec codec = VideoCodec::H264;
    int crf = -1; ///< constant rate factor 0-51 (lower is better); -1: 18 for H.264, 20 for H.265
    std::string
        bitrate; ///< average bitrate in bits per second with an optional k or M suffix ("20M"); empty: crf
};

/// "h264", "h265", "prores" or "png" (any case); the error is for the field `field`.
Result<VideoCodec> parseVideoCodec(const std::string& text, const std::string& field = "--codec");

/// The codec's name on the command line: "h264", "h265", "prores", "png".
const char* videoCodecName(VideoCodec codec);

/// The codec an output name implies when none is asked for: PNG for a pattern with %d, H.264 otherwise.
VideoCodec defaultVideoCodec(const std::string& out);

/// Checks before anything is rendered that `encoding` can write `out` at `size`: the container suits the
/// codec
/// (.mp4/.mkv/.mov for H.264 and H.265, .mov for ProRes, a %d pattern for PNG), the frame size suits its
/// chroma subsampling (4:2:0 needs an even width and height, 4:2:2 an even width), and --crf/--bitrate suit
/// the codec.
Status checkVideoEncoding(const VideoEncoding& encoding, const std::string& out, Viewport size);

/// The ffmpeg arguments, after the executable, that encode raw RGBA frames of `size` read from standard input
/// at `fps` into `path` with `encoding` (a video codec), BT.709-converted and tagged.
std::string ffmpegVideoArguments(const VideoEncoding& encoding, const std::string& path, Viewport size,
                                 double fps);

/// The ffmpeg executable: $QINBA_FFMPEG, else "ffmpeg" found on PATH; empty when there is none.
std::string findFfmpeg();

/// A video at `fps` frames per second through ffmpeg with `encoding` (checked with checkVideoEncoding first).
/// Errors when ffmpeg cannot start.
Result<std::unique_ptr<FrameSink>> ffmpegVideo(const std::string& ffmpeg, const std::string& path,
                                               Viewport size, double fps, const VideoEncoding& encoding = {});

} // namespace qinba::app
