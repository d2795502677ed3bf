#include "qinba/app/command_error.h"
#include "qinba/app/lod_commands.h"
#include "qinba/app/process_memory.h"
#include "qinba/app/size_option.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/i18n.h"
#include "qinba/core/map_projection.h"
#include "qinba/core/text_format.h"
#include "qinba/core/tile_streamer.h"
#include "qinba/render/gl.h"
#include "qinba/render/gl_info.h"
#include "qinba/render/headless_context.h"
#include "qinba/render/render_target.h"
#include "qinba/render/scene_renderer.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <vector>

namespace qinba::app {

namespace {

int fail(const Error& e) {
    return reportError("bench", e);
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    const auto i =
        static_cast<std::size_t>(std::lround(std::clamp(p / 100.0 * (v.size() - 1), 0.0, v.size() - 1.0)));
    return v[std::min(i, v.size() - 1)];
}

double round2(double v) {
    return std::round(v * 100.0) / 100.0;
}

/// The camera at fraction t of a named path over the terrain's extent.
OrbitCamera cameraOnPath(const std::string& path, double t, const MapRect& b, double groundZ) {
    OrbitCamera c;
    const double extent = std::max(b.width(), b.height());
    if (path == "low") {
        // Fixed in metres, so DEMs of one pixel size but different extents show the same view.
        c.target = {b.centre().x - 5000.0 + 10000.0 * t, b.centre().y, groundZ};
        c.distance = 8000.0;
        c.heading = 90.0;
        c.pitch = 30.0;
    } else if (path == "orbit") {
        c.target = {b.centre().x, b.centre().y, groundZ};
        c.distance = 0.3 * extent;
        c.heading = 360.0 * t;
        c.pitch = 40.0;
    } else {
        // Low and oblique along the diagonal from the south-west to the north-east: near tiles at full
        // detail, the horizon at the coarsest levels.
        c.target = {b.minX + b.width() * (0.2 + 0.6 * t), b.minY + b.height() * (0.2 + 0.6 * t), groundZ};
        c.distance = 0.05 * extent;
        c.heading = 45.0;
        c.pitch = 30.0;
    }
    return c;
}

} // namespace

int runBench(const BenchOptions& o) {
    // The JSON is the only thing on standard output.
    spdlog::set_default_logger(spdlog::stderr_color_mt("qinba-bench"));
    if (o.path != "flyover" && o.path != "orbit" && o.path != "low")
        return fail(Error{"", "--path",
                          formatText(_("unknown camera path '{}'; expected flyover, orbit or low"), o.path)});
    auto size = parseSize(o.size, "--size");
    if (!size) return fail(size.error());
    if (o.frames < 1) return fail(Error{"", "--frames", _("expected 1 or more")});
    const MapProjection projection = MapProjection::panQinba();
    TileSourceSpec spec;
    spec.path = o.terrain.demPath.empty() ? defaultDemPath().string() : o.terrain.demPath;
    spec.fallbacks = o.terrain.demFallbacks;
    spec.assumedCrs = o.terrain.demCrs;
    spec.tileCells = o.terrain.lod.tileCells;
    const auto openStart = std::chrono::steady_clock::now();
    auto streamer = TileStreamer::open(spec, projection, o.terrain.lod);
    if (!streamer) return fail(streamer.error());
    for (const std::string& w : (*streamer)->info().warnings)
        std::fprintf(stderr, "%s\n", formatText(_("qinba bench: warning: {}"), w).c_str());
    const TileSourceInfo info = (*streamer)->info();
    const double openMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - openStart).count();

    auto context = HeadlessContext::create();
    if (!context) return fail(context.error());
    auto renderer = SceneRenderer::create(shaderDir());
    if (!renderer) return fail(renderer.error());
    SceneRenderer& scene = **renderer;
    if (auto ok = scene.setStreamedTerrain(std::move(*streamer)); !ok) return fail(ok.error());
    auto target = RenderTarget::create(size->width, size->height, 0);
    if (!target) return fail(target.error());
    target->bind();
    glViewport(0, 0, size->width, size->height);

    LodTerrainRenderer& lod = *scene.lod();
    const TileBounds root = lod.rootBounds();
    SceneFrame frame;
    frame.viewport = *size;
    frame.style.exaggeration = o.exaggeration;
    frame.streamWithoutWaiting = true;
    // The camera looks at the ground height in the middle of the DEM (from the coarsest tile).
    double groundZ = 0.5 * (root.minHeight + root.maxHeight) * o.exaggeration;
    if (auto rootTile = lod.streamer().find({0, 0, 0})) {
        const float h = rootTile->heights[static_cast<std::size_t>(rootTile->height / 2) * rootTile->width +
                                          static_cast<std::size_t>(rootTile->width / 2)];
        if (!std::isnan(h)) groundZ = h * o.exaggeration;
    }

    std::vector<double> frameMs, triangles, drawCalls, loadMs;
    double gpuMb = 0.0, cpuMb = 0.0;
    std::vector<double> worstError; ///< per frame, the largest screen-space error among drawn tiles
    int limitedFrames = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int f = 0; f < o.frames; ++f) {
        frame.camera =
            cameraOnPath(o.path, o.frames > 1 ? f / (o.frames - 1.0) : 0.0, info.pyramid.bounds(), groundZ);
        const auto t0 = std::chrono::steady_clock::now();
        const FrameStats stats = scene.render(frame);
        glFinish();
        frameMs.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        triangles.push_back(stats.triangles);
        drawCalls.push_back(stats.drawCalls);
        gpuMb = std::max(gpuMb, stats.lod.gpuMb);
        cpuMb = std::max(cpuMb, lod.streamer().stats().residentMb);
        worstError.push_back(stats.lod.worstErrorPx);
        limitedFrames += stats.lod.budgetLimited ? 1 : 0;
        for (double ms : lod.streamer().takeLoadTimes())
            loadMs.push_back(ms);
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const StreamStats ss = lod.streamer().stats();
    for (const std::string& p : lod.streamer().takeProblems())
        std::fprintf(stderr, "%s\n", formatText(_("qinba bench: warning: {}"), p).c_str());

    const TilePyramid& p = info.pyramid;
    nlohmann::ordered_json j;
    j["frame_ms"] = {{"median", round2(percentile(frameMs, 50))},
                     {"p95", round2(percentile(frameMs, 95))},
                     {"p99", round2(percentile(frameMs, 99))},
                     {"max", round2(percentile(frameMs, 100))}};
    j["triangles"] = static_cast<long long>(percentile(triangles, 50));
    j["draw_calls"] = static_cast<long long>(percentile(drawCalls, 50));
    j["tiles_loaded"] = ss.loaded;
    j["tile_load_ms"] = {{"median", round2(percentile(loadMs, 50))}, {"p95", round2(percentile(loadMs, 95))}};
    j["rss_mb"] = round2(residentMb());
    j["rss_peak_mb"] = round2(peakResidentMb());
    j["gpu_mb"] = round2(gpuMb);
    j["cpu_cache_mb"] = round2(cpuMb);
    j["tiles_failed"] = ss.failed;
    j["tiles_evicted"] = ss.evicted;
    j["frames_at_tile_budget"] = limitedFrames;
    // Early frames show coarse tiles while the fine ones stream in, so the median frame says more.
    j["screen_error_px"] = {{"median", round2(percentile(worstError, 50))},
                            {"max", round2(percentile(worstError, 100))}};
    j["dem"] = {
        {"path", spec.path},           {"width", p.rasterWidth},          {"height", p.rasterHeight},
        {"samples", p.samples()},      {"pixel_m", round2(p.pixelWidth)}, {"levels", p.levels},
        {"overviews", info.overviews}, {"warped", info.warped},           {"open_ms", round2(openMs)}};
    j["settings"] = {{"path", o.path},
                     {"size", std::to_string(size->width) + "x" + std::to_string(size->height)},
                     {"frames", o.frames},
                     {"max_screen_error_px", o.terrain.lod.maxScreenErrorPx},
                     {"cpu_cache_budget_mb", o.terrain.lod.cpuCacheMb},
                     {"gpu_cache_budget_mb", o.terrain.lod.gpuCacheMb},
                     {"loader_threads", o.terrain.lod.loaderThreads},
                     {"tile_cells", o.terrain.lod.tileCells},
                     {"exaggeration", o.exaggeration}};
    j["renderer"] = GlInfo::query().renderer;
    j["wall_s"] = round2(wall);
    std::printf("%s\n", j.dump().c_str());
    return 0;
}

} // namespace qinba::app
