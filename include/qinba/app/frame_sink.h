#pragma once
// Where recorded frames go: numbered PNG files, or raw pixels piped into ffmpeg for an H.264 MP4.

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

/// Frames as PNG files named by a printf-style pattern with their absolute index. Each file is written
/// under a temporary name and renamed, so a frame file is either complete or absent.
std::unique_ptr<FrameSink> pngSequence(std::string pattern);

/// The ffmpeg executable: $QINBA_FFMPEG, else "ffmpeg" found on PATH; empty when there is none.
std::string findFfmpeg();

/// An H.264 (yuv420p) MP4 at `fps` frames per second through ffmpeg. Errors when ffmpeg cannot start.
Result<std::unique_ptr<FrameSink>> ffmpegVideo(const std::string& ffmpeg, const std::string& path,
                                               Viewport size, double fps);

} // namespace qinba::app
