#include "qinba/app/record_command.h"

#include "qinba/app/command_error.h"
#include "qinba/app/frame_sink.h"
#include "qinba/app/frame_writer.h"
#include "qinba/app/headless_scene.h"
#include "qinba/app/size_option.h"
#include "qinba/app/story_framing.h"
#include "qinba/core/frame_shard.h"
#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"
#include "qinba/core/tour.h"
#include "qinba/render/frame_readback.h"
#include "qinba/core/wall_layout.h"
#include "qinba/render/offscreen.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <vector>

namespace qinba::app {

namespace {

int fail(const Error& e) {
    return reportError("record", e);
}

/// Parses "A-B" (inclusive) within [0, total).
Result<std::pair<long, long>> parseRange(const std::string& text, long total) {
    if (text.empty()) return std::make_pair(0L, total - 1);
    long a = -1, b = -1;
    char extra = 0;
    if (std::sscanf(text.c_str(), "%ld-%ld%c", &a, &b, &extra) != 2 || a < 0 || b < a)
        return Error{"", "--frames", formatText(_("expected A-B with 0 <= A <= B, got '{}'"), text)};
    if (b >= total)
        return Error{"", "--frames", formatText(_("the tour has frames 0 to {}, got '{}'"), total - 1, text)};
    return std::make_pair(a, b);
}

/// The folder the output goes into must exist and take new files.
Status checkWritable(const std::string& path) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(path).has_parent_path() ? fs::path(path).parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::exists(dir, ec))
        return Error{path, "", formatText(_("the folder {} does not exist"), dir.string())};
    if (!fs::is_directory(dir, ec)) return Error{path, "", formatText(_("{} is not a folder"), dir.string())};
    if (::access(dir.c_str(), W_OK) != 0)
        return Error{path, "", formatText(_("the folder {} is not writable"), dir.string())};
    return okStatus();
}

std::string clock(double seconds) {
    const auto s = static_cast<long>(std::max(0.0, seconds));
    char text[32];
    std::snprintf(text, sizeof text, "%ld:%02ld", s / 60, s % 60);
    return text;
}

/// One line of progress on the terminal, rewritten in place; or, for a parent process, "frame DONE COUNT
/// ELAPSED_SECONDS" lines.
void progress(long done, long count, double elapsed, bool lines) {
    if (lines) {
        std::fprintf(stderr, "frame %ld %ld %.3f\n", done, count, elapsed);
        std::fflush(stderr);
        return;
    }
    // On a terminal the line is redrawn every frame; in a log, once every tenth of the way.
    static const bool terminal = ::isatty(STDERR_FILENO) != 0;
    if (!terminal && done != count && done % std::max(1L, count / 10) != 0) return;
    const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
    const int width = 30, filled = static_cast<int>(width * done / std::max(count, 1L));
    char fps[32];
    std::snprintf(fps, sizeof fps, "%.1f", rate);
    const std::string left = rate > 0 ? clock(static_cast<double>(count - done) / rate) : "--:--";
    std::fprintf(stderr, "\r[%s%s] %s ", std::string(filled, '#').c_str(),
                 std::string(width - filled, '.').c_str(),
                 formatText(_("{}/{} frames, {} fps, {} left"), done, count, fps, left).c_str());
    if (done == count || !terminal) std::fprintf(stderr, "\n");
}

} // namespace

std::string framePath(const std::string& pattern, long index) {
    char buf[4096];
    std::snprintf(buf, sizeof buf, pattern.c_str(), index);
    return buf;
}

int runRecord(const RecordOptions& o) {
    auto size = parseSize(o.size, "--size");
    if (!size) return fail(size.error());
    // --tile once took the largest piece rendered at once; that is --max-tile now.
    if (o.wall.empty() && !o.tile.empty() &&
        std::all_of(o.tile.begin(), o.tile.end(), [](unsigned char c) { return std::isdigit(c); }))
        return fail(Error{"", "--tile",
                          _("--tile is a video wall's screen C,R (with --wall); to render in pieces of at "
                            "most N pixels use --max-tile N")});
    auto wall = parseWallTiling(o.wall, o.tile, o.bezel);
    if (!wall) return fail(wall.error());
    // On a wall the tour is framed and laid out for the whole wall's canvas; each frame is this screen's
    // part of it, `size` pixels as the video says.
    const Viewport canvas = wallCanvas(*wall, *size);
    const std::optional<PixelRect> window =
        wall->isWall() ? std::optional(wallTileRect(*wall, *size)) : std::nullopt;
    if (!(o.fps > 0.0 && o.fps <= 240.0))
        return fail(Error{"", "--fps", _("expected 0 to 240 frames per second")});
    VideoEncoding encoding;
    encoding.codec = defaultVideoCodec(o.out);
    if (!o.codec.empty()) {
        auto codec = parseVideoCodec(o.codec);
        if (!codec) return fail(codec.error());
        encoding.codec = *codec;
    }
    encoding.crf = o.crf;
    encoding.bitrate = o.bitrate;
    // Refused before the scene is opened: a frame size or container the codec cannot take would otherwise
    // fail only when ffmpeg reads the first frame.
    if (auto s = o.discard ? okStatus() : checkVideoEncoding(encoding, o.out, *size); !s)
        return fail(s.error());
    std::optional<FrameShard> shard;
    if (!o.shard.empty()) {
        auto parsed = parseFrameShard(o.shard);
        if (!parsed) return fail(parsed.error());
        shard = *parsed;
    }
    const bool video = encoding.codec != VideoCodec::Png && !o.discard;
    if (auto s = o.discard ? okStatus() : checkWritable(video ? o.out : framePath(o.out, 0)); !s)
        return fail(s.error());
    const std::string ffmpeg = video ? findFfmpeg() : std::string();
    if (video && ffmpeg.empty())
        return fail(
            Error{o.out, "",
                  _("ffmpeg was not found on PATH: install the Debian package ffmpeg, or record a PNG "
                    "sequence with --out frames/%05d.png")});

    SceneRequest request;
    request.terrain = o.terrain;
    request.withScenario = true;
    request.scenario = o.scenario;
    request.od = o.od;
    request.layers = o.layers;
    request.triangles = o.triangles;
    auto preview = openHeadlessScene(request, o.scene);
    if (!preview) return fail(preview.error());
    HeadlessScene& scene = **preview;
    const Scenario& scenario = *scene.document.scenario;
    const std::string tourId = o.tour.empty() ? scenario.defaultTour : o.tour;
    const Tour* tour = scenario.findTour(tourId);
    if (!tour) {
        std::string ids;
        for (const Tour& t : scenario.tours)
            ids += (ids.empty() ? "" : ", ") + t.id;
        return fail(Error{"", "--tour",
                          (tourId.empty() ? std::string(_("the scenario names no default tour"))
                                          : formatText(_("no tour '{}'"), tourId)) +
                              (ids.empty() ? std::string(_("; the scenario has no tours"))
                                           : formatText(_("; its tours: {}"), ids))});
    }
    const long total = std::max(1L, static_cast<long>(std::ceil(tourDuration(*tour) * o.fps - 1e-9)));
    auto range = parseRange(o.frames, total);
    if (!range) return fail(range.error());
    FrameRange frames{range->first, range->second};
    if (shard) {
        auto part = shardFrames(frames, *shard);
        if (!part) return fail(part.error());
        frames = *part;
    }
    const long first = frames.first, last = frames.last;

    std::unique_ptr<FrameSink> sink;
    if (o.discard) {
        sink = discardFrames();
    } else if (video) {
        auto v = ffmpegVideo(ffmpeg, o.out, *size, o.fps, encoding);
        if (!v) return fail(v.error());
        sink = std::move(*v);
    } else {
        sink = pngSequence(o.out);
    }
    // Encoding and writing run on their own thread while the next frames render.
    // Progress counts frames stored, so a failed write leaves the count at the frames that are complete.
    const auto start = std::chrono::steady_clock::now();
    FrameWriter writer(std::move(sink), [&](long k) {
        progress(k - first + 1, last - first + 1,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                 o.progressLines);
    });

    const TerrainSurface surface(scene.document.dem, o.scene.style.exaggeration);
    // Each stage framed into what the compact legend, the captions and the credits leave of this frame size.
    scene.legendForm = LegendForm::Compact;
    FramingScreen screen;
    screen.viewport = canvas;
    screen.measure = scene.view(SceneMoment{}, canvas.height).measure;
    screen.legendForm = scene.legendForm;
    const Tour framed = framedTour(scene.document, scene.layerPresenter, *scene.presenter, scene.settings,
                                   *tour, scene.projection, screen);
    spdlog::info("{}", formatText(_("recording tour '{}': frames {}-{} of {} at {} fps, {}x{}, {}"), tour->id,
                                  first, last, total, o.fps, size->width, size->height,
                                  o.discard ? _("discarded") : videoCodecName(encoding.codec)));
    std::vector<long> triangles; ///< terrain triangles of each frame
    // Read-back through pixel buffer objects: frame k renders while frame k-1 is copied out. Pictures split
    // for comparison or tiled beyond the GPU's framebuffers are read back one by one instead.
    std::unique_ptr<FrameReadback> readback;
    if (!window && scene.drawsWhole(*size, o.maxTileSide)) {
        if (auto r = FrameReadback::create(size->width, size->height, o.msaa))
            readback = std::move(*r);
        else
            spdlog::debug("record: frames read back one by one: {}", r.error().toString());
    }
    const auto stopped = [&](long k, const Error& e) {
        std::fprintf(stderr, "\n");
        // The frame before the failed one may still wait in its read-back buffer.
        if (readback)
            if (auto rest = readback->drain(); rest && *rest)
                (void)writer.submit((*rest)->tag, std::move((*rest)->image));
        (void)writer.finish();
        const long at = writer.failedIndex().value_or(k);
        const std::string done = at > first ? formatText(_("frames {}-{} are complete"), first, at - 1)
                                            : std::string(_("no frame was completed"));
        return fail(
            Error{e.file, e.field,
                  e.message + formatText(_("; stopped at frame {0}: {1}; resume with --frames {0}-{2}"), at,
                                         done, last)});
    };
    for (long k = first; k <= last; ++k) {
        // Frame k is the tour at k / fps seconds: the same pixels whichever range renders it.
        const double t = static_cast<double>(k) / o.fps;
        const TourMoment moment = tourAt(scenario, framed, t, scene.projection, surface);
        scene.setLayerVisibility(moment.layers);
        SceneMoment at;
        at.showsScenario = moment.stage.has_value();
        at.stage = moment.stage.value_or(0);
        at.previous = moment.previousStage;
        at.secondsIntoStage = moment.secondsIntoStage;
        at.captionEn = moment.captionEn;
        at.captionZh = moment.captionZh;
        FrameStats stats;
        if (readback) {
            auto before = scene.renderQueued(*readback, k, moment.camera, at, &stats);
            triangles.push_back(stats.triangles);
            if (!before) return stopped(k, before.error());
            if (*before)
                if (Status queued = writer.submit((*before)->tag, std::move((*before)->image)); !queued)
                    return stopped(k, queued.error());
            continue;
        }
        auto image = scene.renderPicture(moment.camera, at, canvas, o.msaa, &stats, o.maxTileSide, window);
        triangles.push_back(stats.triangles);
        if (!image) return stopped(k, image.error());
        if (Status queued = writer.submit(k, std::move(*image)); !queued) return stopped(k, queued.error());
    }
    if (readback) {
        auto lastFrame = readback->drain();
        if (!lastFrame) return stopped(last, lastFrame.error());
        if (*lastFrame)
            if (Status queued = writer.submit((*lastFrame)->tag, std::move((*lastFrame)->image)); !queued)
                return stopped(last, queued.error());
    }
    if (auto s = writer.finish(); !s) {
        if (writer.failedIndex()) return stopped(last, s.error());
        Error e = s.error();
        e.message += _("; the video is incomplete: record it again, or in parts with --frames A-B joined by "
                       "ffmpeg's concat (see the README)");
        return fail(e);
    }
    spdlog::debug("record: {:.2f} s waiting for the writer, which was busy {:.2f} s", writer.waitedSeconds(),
                  writer.busySeconds());
    std::sort(triangles.begin(), triangles.end());
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f",
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    const long median = triangles[triangles.size() / 2];
    if (o.discard)
        spdlog::info("{}", formatText(_("rendered {} frames and wrote nothing (median {} terrain triangles a "
                                        "frame, {} s)"),
                                      last - first + 1, median, seconds));
    else
        spdlog::info("{}", formatText(_("wrote {} ({} frames, median {} terrain triangles a frame, {} s)"),
                                      o.out, last - first + 1, median, seconds));
    return 0;
}

} // namespace qinba::app
