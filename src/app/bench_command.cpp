#include "qinba/app/command_error.h"
#include "qinba/app/headless_scene.h"
#include "qinba/app/lod_commands.h"
#include "qinba/app/map_frame.h"
#include "qinba/app/process_memory.h"
#include "qinba/app/scenario_setup.h"
#include "qinba/app/size_option.h"
#include "qinba/core/camera_controller.h"
#include "qinba/core/camera_spec.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/i18n.h"
#include "qinba/core/map_projection.h"
#include "qinba/core/stage_animation.h"
#include "qinba/core/terrain_surface.h"
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
#include <optional>
#include <vector>

namespace qinba::app {

namespace {

using Clock = std::chrono::steady_clock;

int fail(const Error& e) {
    return reportError("bench", e);
}

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    const auto last = static_cast<double>(v.size() - 1);
    const auto i = static_cast<std::size_t>(std::lround(std::clamp(p / 100.0 * last, 0.0, last)));
    return v[std::min(i, v.size() - 1)];
}

double round2(double v) {
    return std::round(v * 100.0) / 100.0;
}

/// Points the overlay hands to the GPU each frame: line points, markers and screen-shape vertices.
double overlayPoints(const DrawList& d) {
    std::size_t n = d.markers.size();
    for (const LineItem& l : d.lines)
        n += l.points.size();
    for (const ScreenShape& s : d.shapes)
        n += s.triangles.size();
    return static_cast<double>(n);
}

double textChars(const DrawList& d) {
    std::size_t n = 0;
    for (const TextItem& t : d.texts)
        n += t.utf8.size();
    return static_cast<double>(n);
}

/// Median of a per-frame series, rounded, for the JSON.
double med(const std::vector<double>& v) {
    return round2(percentile(v, 50));
}

} // namespace

OrbitCamera benchCamera(const std::string& path, double t, const MapRect& b, double groundZ) {
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

int runBench(const BenchOptions& o) {
    // The JSON is the only thing on standard output.
    spdlog::set_default_logger(spdlog::stderr_color_mt("qinba-bench"));
    if (o.path != "flyover" && o.path != "orbit" && o.path != "low")
        return fail(Error{"", "--path",
                          formatText(_("unknown camera path '{}'; expected flyover, orbit or low"), o.path)});
    auto size = parseSize(o.size, "--size");
    if (!size) return fail(size.error());
    if (o.frames < 1) return fail(Error{"", "--frames", _("expected 1 or more")});
    if (o.msaa < 1 || o.msaa > 16) return fail(Error{"", "--msaa", _("expected 1 to 16 samples")});
    std::optional<CameraSpec> spec;
    if (!o.camera.empty()) {
        auto parsed = parseCameraSpec(o.camera);
        if (!parsed) return fail(parsed.error());
        spec = *parsed;
    }
    TerrainOptions terrain = o.terrain;
    terrain.lodMode = "on"; // the benchmark measures the level-of-detail renderer
    const MapProjection projection = MapProjection::panQinba();
    const bool withScene = !o.scenario.empty();

    // With a scenario the scene is opened as `render` and `record` open it; terrain only, just the streamer.
    const auto openStart = Clock::now();
    std::unique_ptr<HeadlessScene> scene;
    std::unique_ptr<HeadlessContext> context;
    std::unique_ptr<SceneRenderer> ownRenderer;
    std::optional<Dem> dem;
    SceneRenderer* renderer = nullptr;
    if (withScene) {
        SceneRequest request;
        request.terrain = terrain;
        request.withScenario = true;
        request.scenario = o.scenario == "default" ? std::string() : o.scenario;
        SceneSettings settings;
        settings.style.exaggeration = o.exaggeration;
        settings.zoning = o.zoning;
        auto opened = openHeadlessScene(request, settings);
        if (!opened) return fail(opened.error());
        scene = std::move(*opened);
        renderer = scene->renderer.get();
    } else {
        if (spec) {
            auto loaded = loadTerrain(terrain, projection);
            if (!loaded) return fail(loaded.error());
            dem = std::move(*loaded);
        }
        TileSourceSpec source;
        source.path = terrain.demPath.empty() ? defaultDemPath().string() : terrain.demPath;
        source.fallbacks = terrain.demFallbacks;
        source.assumedCrs = terrain.demCrs;
        source.tileCells = terrain.lod.tileCells;
        auto streamer = TileStreamer::open(source, projection, terrain.lod);
        if (!streamer) return fail(streamer.error());
        for (const std::string& w : (*streamer)->info().warnings)
            std::fprintf(stderr, "%s\n", formatText(_("qinba bench: warning: {}"), w).c_str());
        auto c = HeadlessContext::create();
        if (!c) return fail(c.error());
        context = std::move(*c);
        auto r = SceneRenderer::create(shaderDir());
        if (!r) return fail(r.error());
        ownRenderer = std::move(*r);
        renderer = ownRenderer.get();
        if (auto ok = renderer->setStreamedTerrain(std::move(*streamer)); !ok) return fail(ok.error());
    }
    const double openMs = msSince(openStart);
    LodTerrainRenderer* lodPtr = renderer->lod();
    if (!lodPtr) return fail(Error{"", "--lod", _("the benchmark needs level-of-detail terrain")});
    LodTerrainRenderer& lod = *lodPtr;
    const TileSourceInfo info = lod.streamer().info();

    auto target = RenderTarget::create(size->width, size->height, o.msaa);
    if (!target) return fail(target.error());
    target->bind();
    glViewport(0, 0, size->width, size->height);

    std::optional<TerrainSurface> surface;
    if (scene) surface.emplace(scene->document.dem, o.exaggeration);
    if (dem) surface.emplace(*dem, o.exaggeration);
    SceneMoment moment;
    if (scene) {
        auto stage = resolveStage(*scene->document.scenario, o.stage.empty() ? "1" : o.stage);
        if (!stage) return fail(stage.error());
        moment.stage = *stage;
    }

    const TileBounds root = lod.rootBounds();
    SceneFrame frame;
    frame.viewport = *size;
    frame.style.exaggeration = o.exaggeration;
    if (scene) frame.style = scene->settings.style;
    frame.streamWithoutWaiting = !o.waitForTiles;
    frame.timeParts = true;
    // The camera looks at the ground height in the middle of the DEM (from the coarsest tile).
    double groundZ = 0.5 * (root.minHeight + root.maxHeight) * o.exaggeration;
    if (auto rootTile = lod.streamer().find({0, 0, 0})) {
        const float h = rootTile->heights[static_cast<std::size_t>(rootTile->height / 2) * rootTile->width +
                                          static_cast<std::size_t>(rootTile->width / 2)];
        if (!std::isnan(h)) groundZ = h * o.exaggeration;
    }

    std::vector<double> frameMs, triangles, drawCalls, loadMs, composeMs, sky, terr, over, text, points,
        chars;
    double gpuMb = 0.0, cpuMb = 0.0;
    std::vector<double> worstError; ///< per frame, the largest screen-space error among drawn tiles
    int limitedFrames = 0;
    DrawList overlay;
    const auto start = Clock::now();
    for (int f = 0; f < o.frames; ++f) {
        if (spec) {
            frame.camera = cameraFromSpec(*spec, projection, *surface);
            applyLimits(frame.camera, CameraLimits{}, *surface);
        } else {
            frame.camera = benchCamera(o.path, o.frames > 1 ? f / (o.frames - 1.0) : 0.0,
                                       info.pyramid.bounds(), groundZ);
        }
        const auto t0 = Clock::now();
        if (scene) {
            // Corridors fully grown, flows moving at 30 frames per second.
            moment.secondsIntoStage = kStageTransitionSeconds + 8.0 + f / 30.0;
            overlay.clear();
            composeMapFrame(overlay, scene->view(moment, size->height), frame.camera, *size, *surface);
            frame.overlay = &overlay;
            composeMs.push_back(msSince(t0));
            points.push_back(overlayPoints(overlay));
            chars.push_back(textChars(overlay));
        }
        const FrameStats stats = renderer->render(frame);
        glFinish();
        frameMs.push_back(msSince(t0));
        triangles.push_back(stats.triangles);
        drawCalls.push_back(stats.drawCalls);
        sky.push_back(stats.parts.sky);
        terr.push_back(stats.parts.terrain);
        over.push_back(stats.parts.overlays);
        text.push_back(stats.parts.text);
        gpuMb = std::max(gpuMb, stats.lod.gpuMb);
        cpuMb = std::max(cpuMb, lod.streamer().stats().residentMb);
        worstError.push_back(stats.lod.worstErrorPx);
        limitedFrames += stats.lod.budgetLimited ? 1 : 0;
        for (double ms : lod.streamer().takeLoadTimes())
            loadMs.push_back(ms);
    }
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();
    const StreamStats ss = lod.streamer().stats();
    for (const std::string& p : lod.streamer().takeProblems())
        std::fprintf(stderr, "%s\n", formatText(_("qinba bench: warning: {}"), p).c_str());

    // The floor at this size: the terrain shader over every pixel, straight down on the coarsest tile.
    std::vector<double> fillMs;
    {
        const MapRect b = info.pyramid.bounds();
        const double aspect = static_cast<double>(size->width) / size->height;
        const double w = 0.9 * std::min(b.width(), b.height() * aspect);
        OrbitCamera top;
        top.orthographic = true;
        top.pitch = 90.0;
        top.target = {b.centre().x, b.centre().y, groundZ};
        top.distance = 0.5 * (w / aspect) / std::tan(glm::radians(top.fovY) / 2.0);
        LodSettings coarse = lod.settings();
        const LodSettings kept = coarse;
        coarse.maxScreenErrorPx = 1.0e9;
        lod.setSettings(coarse);
        SceneFrame fill = frame;
        fill.camera = top;
        fill.overlay = nullptr;
        fill.timeParts = false;
        for (int i = 0; i < 12; ++i) {
            const auto t0 = Clock::now();
            renderer->render(fill);
            glFinish();
            if (i >= 2) fillMs.push_back(msSince(t0));
        }
        lod.setSettings(kept);
    }

    const double median = percentile(frameMs, 50);
    int spikes = 0;
    for (double ms : frameMs)
        spikes += ms > 2.0 * median ? 1 : 0;
    const double pixels = static_cast<double>(size->width) * size->height;
    const TilePyramid& p = info.pyramid;
    nlohmann::ordered_json j;
    j["frame_ms"] = {{"median", round2(median)},
                     {"p95", round2(percentile(frameMs, 95))},
                     {"p99", round2(percentile(frameMs, 99))},
                     {"max", round2(percentile(frameMs, 100))}};
    j["spikes_over_2x_median"] = spikes;
    j["fill_floor_ms"] = med(fillMs);
    j["parts_gpu_ms"] = {
        {"sky", med(sky)}, {"terrain", med(terr)}, {"overlays", med(over)}, {"text", med(text)}};
    j["compose_cpu_ms"] = med(composeMs);
    j["triangles"] = static_cast<long long>(percentile(triangles, 50));
    j["triangles_per_pixel"] = std::round(percentile(triangles, 50) / pixels * 1000.0) / 1000.0;
    j["overlay_points"] = static_cast<long long>(percentile(points, 50));
    j["text_bytes"] = static_cast<long long>(percentile(chars, 50));
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
    j["dem"] = {{"path", terrain.demPath.empty() ? defaultDemPath().string() : terrain.demPath},
                {"width", p.rasterWidth},
                {"height", p.rasterHeight},
                {"samples", p.samples()},
                {"pixel_m", round2(p.pixelWidth)},
                {"levels", p.levels},
                {"overviews", info.overviews},
                {"warped", info.warped},
                {"open_ms", round2(openMs)}};
    j["settings"] = {{"path", spec ? std::string("camera") : o.path},
                     {"scene", withScene},
                     {"size", std::to_string(size->width) + "x" + std::to_string(size->height)},
                     {"frames", o.frames},
                     {"msaa", o.msaa},
                     {"wait_for_tiles", o.waitForTiles},
                     {"max_screen_error_px", terrain.lod.maxScreenErrorPx},
                     {"cpu_cache_budget_mb", terrain.lod.cpuCacheMb},
                     {"gpu_cache_budget_mb", terrain.lod.gpuCacheMb},
                     {"loader_threads", terrain.lod.loaderThreads},
                     {"tile_cells", terrain.lod.tileCells},
                     {"exaggeration", o.exaggeration}};
    j["renderer"] = GlInfo::query().renderer;
    j["wall_s"] = round2(wall);
    std::printf("%s\n", j.dump().c_str());
    return 0;
}

} // namespace qinba::app
