// qinba: the Qinba Atlas viewer and its command-line tools.

#include "qinba/app/check_command.h"
#include "qinba/app/cli_language.h"
#include "qinba/app/command_error.h"
#include "qinba/app/export_command.h"
#include "qinba/app/import_dem_command.h"
#include "qinba/app/kiosk_command.h"
#include "qinba/app/lod_commands.h"
#include "qinba/app/record_command.h"
#include "qinba/app/render_command.h"
#include "qinba/app/scene_options.h"
#include "qinba/app/viewer.h"
#include "qinba/app/zoning_command.h"
#include "qinba/core/color_ramp.h"
#include "qinba/core/i18n.h"
#include "qinba/core/options.h"
#include "qinba/core/preferences.h"
#include "qinba/core/text_format.h"
#include "qinba/core/zoning.h"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>
#include <string>

namespace {

void addTerrainOptions(CLI::App& cmd, qinba::app::TerrainOptions& t) {
    using qinba::app::addNumberOption;
    namespace opt = qinba::options;
    cmd.add_option_function<std::vector<std::string>>(
           "--dem", [&t](const std::vector<std::string>& list) { qinba::app::setDemList(t, list); },
           _("DEM to show instead of the embedded Pan-Qinba DEM (any raster GDAL opens); repeat it to stack "
             "DEMs, finest first, each used where it has data and the embedded DEM (\"embedded\") last"))
        ->allow_extra_args(false);
    cmd.add_option("--dem-crs", t.demCrs, _("CRS to assume when the DEM carries none, e.g. EPSG:4326"));
    cmd.add_option("--lod", t.lodMode,
                   _("level-of-detail streaming: auto and on stream every DEM; off (diagnostics) draws the "
                     "resampled grid"))
        ->check(CLI::IsMember({"auto", "on", "off"}))
        ->capture_default_str();
    addNumberOption(cmd, t.lod.maxScreenErrorPx, opt::maxScreenErrorPx);
    addNumberOption(cmd, t.lod.cpuCacheMb, opt::tileCacheMb);
    addNumberOption(cmd, t.lod.gpuCacheMb, opt::gpuTileCacheMb);
    addNumberOption(cmd, t.lod.loaderThreads, opt::loaderThreads);
}

/// Resolves --view and the style options; prints the error and gives the exit status 1 when it fails.
std::optional<qinba::SceneSettings> resolveScene(const qinba::app::SceneCli& cli, const char* command,
                                                 const qinba::SceneSettings& base = {}) {
    auto scene = cli.resolve(base);
    if (scene) return *scene;
    qinba::app::reportError(command, scene.error());
    return std::nullopt;
}

/// The DEMs a --view file lists, when the command line names none.
void useSceneTerrain(const CLI::App& cmd, qinba::app::TerrainOptions& terrain,
                     const qinba::SceneSettings& scene) {
    if (cmd.count("--dem") == 0 && cmd.count("--view") > 0 && !scene.terrainSources.empty())
        qinba::app::setDemList(terrain, scene.terrainSources);
}

/// --wall, --tile and --bezel: this instance's screen of a video wall (qinba/core/wall_layout.h).
void addWallOptions(CLI::App& cmd, std::string& wall, std::string& tile, std::string& bezel,
                    const char* sizeMeaning) {
    cmd.add_option(
        "--wall", wall,
        qinba::formatText(_("video wall of COLSxROWS screens showing one picture, such as 2x2; {}"),
                          sizeMeaning));
    cmd.add_option("--tile", tile,
                   _("the wall's screen this instance shows, C,R: 0-based column from the left, row from the "
                     "top"));
    cmd.add_option("--bezel", bezel,
                   _("pixels hidden behind the frames between screens, H,V: between screens side by side, "
                     "between screens one above the other (default 0,0)"));
}

} // namespace

// Any exception that escapes a command (out of memory, a file system error the command did not expect) ends
// the program with one line and status 1, as other errors do, rather than an abort.
int main(int argc, char** argv) try {
    // Translated texts need the locale, so it is set before any of them is built.
    qinba::i18n::init();
    spdlog::set_pattern("%^[%l]%$ %v");
    CLI::App app{_("Qinba Atlas: 3D terrain of the Qinling-Daba mountains and the Pan-Qinba Region")};
    qinba::app::localiseCommandLine(app);
    app.set_version_flag("--version", std::string("qinba ") + QINBA_VERSION, _("print the version and exit"));
    app.require_subcommand(0, 1);

    qinba::app::ViewerOptions viewer;
    addTerrainOptions(app, viewer.terrain);
    app.add_option("--scenario", viewer.scenario,
                   _("scenario JSON to show (default: the embedded Qinba scenario)"));
    app.add_option(
        "--od", viewer.od,
        _("OD matrix to import (measured volumes; undoable): a CSV, .xlsx or .ods file or a folder"));
    app.add_option("--layer", viewer.layers, _("map layer to show (any vector or raster file; repeatable)"));
    qinba::app::addNumberOption(app, viewer.uiScale, qinba::options::uiScale);
    app.add_option("--max-frames", viewer.maxFrames, _("quit after this many frames (for automated checks)"))
        ->check(CLI::PositiveNumber);
    app.add_flag("-v,--verbose", viewer.verbose, _("log more detail"));

    qinba::app::RenderOptions render;
    qinba::app::SceneCli renderScene;
    CLI::App* renderCmd = app.add_subcommand("render", _("render one frame to a PNG without a window"));
    addTerrainOptions(*renderCmd, render.terrain);
    renderCmd
        ->add_option("--out", render.out,
                     _("PNG file to write; with --ortho georeferenced (PNG with .pgw world file, .prj and "
                       ".aux.xml), or a GeoTIFF when it ends in .tif"))
        ->required();
    renderCmd->add_option("--size", render.size, _("image size WIDTHxHEIGHT in pixels"))
        ->capture_default_str();
    renderCmd->add_option(
        "--camera", render.camera,
        _("view as LON,LAT,DISTANCE_KM[,HEADING[,PITCH]] (degrees); default: the whole region"));
    renderCmd->add_flag("--ortho", render.orthographic,
                        _("parallel projection; without --camera a north-up map of the whole DEM, and "
                          "straight down (pitch 90) the picture is georeferenced"));
    qinba::app::addNumberOption(*renderCmd, render.msaa, qinba::options::msaaSamples)->capture_default_str();
    renderCmd
        ->add_option("--triangles", render.triangles, _("terrain triangle budget (0 = every DEM sample)"))
        ->check(CLI::NonNegativeNumber);
    qinba::app::addSceneOptions(*renderCmd, renderScene);
    renderCmd->add_option("--scenario", render.scenario,
                          _("scenario JSON (default: the embedded Qinba scenario)"));
    renderCmd->add_option("--od", render.od,
                          _("OD matrix (a CSV, .xlsx or .ods file or a folder) whose measured volumes "
                            "replace indicative ones"));
    renderCmd->add_option("--stage", render.stage, _("stage to show, by id or 1-based number"));
    renderCmd->add_option("--time", render.time, _("seconds of scenario time since the stage began"))
        ->check(CLI::NonNegativeNumber);
    renderCmd->add_option("--layer", render.layers,
                          _("map layer to draw (any vector or raster file; repeatable)"));
    addWallOptions(*renderCmd, render.wall, render.tile, render.bezel, _("--size is one screen's size"));

    std::string checkPath;
    CLI::App* checkCmd = app.add_subcommand("check", _("validate a scenario file without opening a window"));
    checkCmd->add_option("FILE", checkPath, _("scenario JSON to validate"))->required();
    std::vector<std::string> checkOdPaths;
    checkCmd->add_option("--od", checkOdPaths,
                         _("origin-destination matrix to validate against the scenario: CSV files (UTF-8 or "
                           "GBK/GB18030), .xlsx or .ods workbooks, or folders of them, read together"));

    qinba::app::ZoningOptions zoning;
    CLI::App* zoningCmd = app.add_subcommand(
        "zoning", _("green heart ecological zoning of the DEM to GeoTIFF, GeoJSON and CSV"));
    addTerrainOptions(*zoningCmd, zoning.terrain);
    zoningCmd->add_option(
        "--scenario", zoning.scenario,
        _("scenario JSON whose Central and City Area places ring the green heart (default: the "
          "embedded Qinba scenario)"));
    std::string zoningNames;
    for (const std::string& name : qinba::zoningParameterNames())
        zoningNames += (zoningNames.empty() ? "" : ", ") + name;
    zoningCmd->add_option(
        "--set", zoning.settings,
        qinba::formatText(_("change a parameter, NAME=VALUE (repeatable): {}"), zoningNames));
    zoningCmd
        ->add_option("--out", zoning.out,
                     _("output prefix: writes PREFIX.tif, PREFIX.geojson and PREFIX.csv"))
        ->required();

    qinba::app::ExportOptions exportOptions;
    CLI::App* exportCmd = app.add_subcommand(
        "export",
        _("places, agglomerations, routed corridors and flows to a GeoPackage, GeoJSON or Shapefile"));
    addTerrainOptions(*exportCmd, exportOptions.terrain);
    exportCmd->add_option("--scenario", exportOptions.scenario,
                          _("scenario JSON (default: the embedded Qinba scenario)"));
    exportCmd->add_option("--od", exportOptions.od,
                          _("OD matrix CSV whose measured volumes replace indicative ones"));
    exportCmd
        ->add_option(
            "--out", exportOptions.out,
            _("FILE.gpkg (one file, four layers), FILE.geojson (FILE_places.geojson, ...) or FILE.shp "
              "(FILE_places.shp, ...)"))
        ->required();
    exportCmd
        ->add_option(
            "--crs", exportOptions.crs,
            _("output CRS: EPSG:4490 (CGCS2000), EPSG:4326 (WGS84), EPSG:3857 or any definition GDAL "
              "knows"))
        ->capture_default_str();
    exportCmd->add_option("--stage", exportOptions.stage,
                          _("only this stage's corridors and flows, by id or 1-based number"));

    zoningCmd->add_option("--crs", zoning.crs,
                          _("CRS of the GeoTIFF and the GeoJSON, e.g. EPSG:4490 (CGCS2000); default: the map "
                            "projection for the GeoTIFF, WGS84 for the GeoJSON"));

    qinba::app::RecordOptions record;
    qinba::app::SceneCli recordScene;
    CLI::App* recordCmd =
        app.add_subcommand("record", _("record a tour to an MP4 or PNG frames without a window"));
    addTerrainOptions(*recordCmd, record.terrain);
    recordCmd->add_option("--scenario", record.scenario,
                          _("scenario JSON (default: the embedded Qinba scenario)"));
    recordCmd->add_option("--od", record.od,
                          _("OD matrix (a CSV, .xlsx or .ods file or a folder) whose measured volumes "
                            "replace indicative ones"));
    recordCmd->add_option("--tour", record.tour, _("tour id (default: the scenario's default tour)"));
    recordCmd
        ->add_option("--out", record.out, _("video.mp4, edit.mov, or a PNG pattern such as frames/%05d.png"))
        ->required();
    recordCmd->add_option(
        "--codec", record.codec,
        _("h264 (default for video files), h265, prores (ProRes 422 HQ, .mov only) or png "
          "(default for a %d pattern); videos are converted and tagged BT.709, limited range"));
    recordCmd
        ->add_option("--crf", record.crf,
                     _("H.264/H.265 constant rate factor, 0-51, lower is better (default 18 for H.264, "
                       "20 for H.265)"))
        ->check(CLI::Range(0, 51));
    recordCmd->add_option("--bitrate", record.bitrate,
                          _("H.264/H.265 average bitrate instead of --crf, such as 20M or 8000k"));
    recordCmd->add_option("--size", record.size, _("frame size WIDTHxHEIGHT in pixels"))
        ->capture_default_str();
    recordCmd->add_option("--fps", record.fps, _("frames per second"))->capture_default_str();
    recordCmd->add_option("--frames", record.frames,
                          _("only frames A-B (0-based, inclusive), to split a recording"));
    recordCmd->add_option(
        "--shard", record.shard,
        _("only shard K of N (K counted from 1): the frames cut into N contiguous parts, for a "
          "render farm whose segments are joined in order (see the README)"));
    qinba::app::addNumberOption(*recordCmd, record.msaa, qinba::options::msaaSamples)->capture_default_str();
    recordCmd
        ->add_option("--triangles", record.triangles, _("terrain triangle budget (0 = every DEM sample)"))
        ->check(CLI::NonNegativeNumber);
    recordCmd->add_option("--layer", record.layers,
                          _("map layer to draw (any vector or raster file; repeatable)"));
    qinba::app::addSceneOptions(*recordCmd, recordScene);
    recordCmd->add_flag("--progress-lines", record.progressLines,
                        _("report progress as 'frame DONE COUNT SECONDS' lines, for programs"));
    recordCmd
        ->add_option("--max-tile", record.maxTileSide,
                     _("render in pieces of at most this many pixels a side (0: GPU limit)"))
        ->check(CLI::NonNegativeNumber);
    addWallOptions(*recordCmd, record.wall, record.tile, record.bezel, _("--size is one screen's size"));
    recordCmd->add_flag("--discard", record.discard,
                        _("render and read back every frame but write nothing (--out is ignored): the "
                          "time of rendering alone"));

    qinba::app::KioskOptions kiosk;
    qinba::app::SceneCli kioskScene;
    CLI::App* kioskCmd = app.add_subcommand(
        "kiosk", _("exhibition mode: fullscreen, the attract tour in a loop, visitors take over by touch"));
    addTerrainOptions(*kioskCmd, kiosk.terrain);
    kioskCmd->add_option("--scenario", kiosk.scenario,
                         _("scenario JSON (default: the embedded Qinba scenario)"));
    kioskCmd->add_option("--tour", kiosk.tour, _("attract tour id (default: the scenario's default tour)"));
    kioskCmd->add_option("--monitor", kiosk.monitor,
                         _("monitor to fill: its name as the display reports it (kept when cables are "
                           "replugged), or its 0-based index (default: the primary, 0)"));
    kioskCmd
        ->add_option("--idle-seconds", kiosk.idleSeconds, _("quiet seconds before the attract tour resumes"))
        ->capture_default_str();
    kioskCmd->add_option("--exit-chord", kiosk.exitChord, _("keys that close the kiosk"))
        ->capture_default_str();
    qinba::app::addNumberOption(*kioskCmd, kiosk.uiScale, qinba::options::uiScale)->capture_default_str();
    qinba::app::addSceneOptions(*kioskCmd, kioskScene);
    kioskCmd->add_flag("--windowed", kiosk.windowed, _("a window instead of fullscreen, for setting up"));
    kioskCmd->add_option("--soak-frames", kiosk.soakFrames,
                         _("run headless for this many frames with scripted visitors and report memory"));
    kioskCmd->add_option("--size", kiosk.size, _("frame size WIDTHxHEIGHT of the soak and headless runs"))
        ->capture_default_str();
    kioskCmd
        ->add_option("--growth-margin-mb", kiosk.growthMarginMb,
                     _("soak run fails when resident memory grows by more"))
        ->capture_default_str();
    kioskCmd
        ->add_option("--triangles", kiosk.triangles, _("terrain triangle budget (default: the preference)"))
        ->check(CLI::Range(qinba::options::terrainTriangles.min, qinba::options::terrainTriangles.max));
    kioskCmd->add_option("--max-frames", kiosk.maxFrames, _("stop after this many frames (testing)"));
    // The video wall (README "Video wall"): screens in step without a server.
    kioskCmd->add_flag("--wall-lead", kiosk.wall.lead,
                       _("video wall: this screen leads; it sends its camera, stage and time every frame"));
    kioskCmd->add_option("--wall-peers", kiosk.wall.peers,
                         _("video wall lead: send to these screens, HOST:PORT,HOST:PORT,..."));
    kioskCmd->add_option("--wall-group", kiosk.wall.group,
                         _("video wall: multicast group ADDR:PORT the lead sends to and the others join"));
    kioskCmd->add_option("--wall-listen", kiosk.wall.listen,
                         _("video wall follower: receive on [ADDRESS:]PORT (default address 0.0.0.0)"));
    kioskCmd->add_option("--wall-key", kiosk.wall.key,
                         _("video wall: the shared key file (openssl rand -hex 32); required with the other "
                           "wall options"));
    kioskCmd->add_option(
        "--wall-epoch", kiosk.wall.epoch,
        _("video wall: the attract tour's start, Unix seconds or ISO 8601 UTC; the tour then "
          "runs on the system clock, the same moment on every screen"));
    kioskCmd->add_option("--headless-seconds", kiosk.headlessSeconds,
                         _("run without a display in real time for this many seconds (rehearsing a wall, "
                           "testing)"));
    kioskCmd->add_option("--visitor-script", kiosk.visitorScript,
                         _("headless run: a scripted visitor, one action a line (drag, orbit, zoom, stage)"));
    kioskCmd->add_option("--trace", kiosk.trace,
                         _("write each frame's time, stage and camera to this file as JSON lines"));
    addWallOptions(*kioskCmd, kiosk.wallGrid, kiosk.tile, kiosk.bezel,
                   _("the window (or --size in a soak run) is one screen"));

    qinba::app::SynthDemOptions synth;
    CLI::App* synthCmd = app.add_subcommand(
        "synth-dem",
        _("write a synthetic DEM of N x N samples (the default DEM with fractal detail) for benchmarks"));
    synthCmd->add_option("--size", synth.size, _("samples per side"))->required();
    synthCmd->add_option("--out", synth.out, _("GeoTIFF to write"))->required();
    synthCmd->add_option("--seed", synth.seed, _("seed of the fractal detail"))->capture_default_str();
    synthCmd
        ->add_option("--pixel-m", synth.pixelMetres,
                     _("pixel size in metres (default: the default DEM's square divided into N)"))
        ->check(CLI::Range(1.0, 100000.0));
    synthCmd->add_flag("!--no-overviews", synth.overviews,
                       _("leave the overviews out (to test without them)"));

    qinba::app::PrepareOptions prepare;
    CLI::App* prepareCmd = app.add_subcommand(
        "prepare",
        _("add overviews to a DEM (or write a Cloud-Optimized GeoTIFF) for level-of-detail streaming"));
    prepareCmd->add_option("dem", prepare.dem, _("raster to prepare"))->required();
    prepareCmd->add_option("--cog", prepare.cog, _("write a Cloud-Optimized GeoTIFF here instead"));

    qinba::app::ImportDemCli importDem;
    CLI::App* importCmd = app.add_subcommand(
        "import-dem",
        _("mosaic elevation tiles (SRTM .hgt, zipped or not, GeoTIFF, ASCII grid, IMG, netCDF; any "
          "CRS) into one Cloud-Optimized GeoTIFF to stack over the embedded DEM"));
    importCmd->add_option("tiles", importDem.inputs, _("tiles, zip files and folders of tiles"))->required();
    importCmd->add_option("--out", importDem.out, _("Cloud-Optimized GeoTIFF to write"))->required();
    importCmd->add_option("--bounds", importDem.bounds,
                          _("W,S,E,N in degrees of longitude and latitude (default: all the tiles cover)"));
    importCmd->add_option("--crs", importDem.crs,
                          _("CRS of the mosaic, e.g. EPSG:4547 (default: the first tile's)"));
    importCmd
        ->add_option(
            "--max-void", importDem.maxVoidCells,
            _("largest void enclosed by data that is filled, in samples; larger ones stay nodata so the "
              "next DEM shows through"))
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    importCmd->add_flag("!--no-progress", importDem.progressBar, _("draw no progress bar"));

    qinba::app::BenchOptions bench;
    CLI::App* benchCmd = app.add_subcommand(
        "bench", _("fly a camera path headless over a DEM and print frame times and memory as JSON"));
    addTerrainOptions(*benchCmd, bench.terrain);
    benchCmd
        ->add_option(
            "--path", bench.path,
            _("camera path: flyover (across the DEM, scaled to it), orbit (round its centre) or low (10 km "
              "east over the centre, 8 km away: the same view of any DEM that covers it)"))
        ->capture_default_str();
    benchCmd->add_option("--size", bench.size, _("frame size WIDTHxHEIGHT"))->capture_default_str();
    benchCmd->add_option("--frames", bench.frames, _("frames to render"))->capture_default_str();
    benchCmd->add_option("--exaggeration", bench.exaggeration, _("vertical exaggeration"))
        ->capture_default_str();
    benchCmd->add_option(
        "--scenario", bench.scenario,
        _("draw this scenario's corridors, flows, labels, layers and zoning over the terrain "
          "(\"default\": the embedded scenario)"));
    benchCmd->add_option("--stage", bench.stage, _("stage id or number to show with --scenario (default 1)"));
    benchCmd->add_flag("--zoning,!--no-zoning", bench.zoning,
                       _("with --scenario, draw the ecological zoning too (default; the viewer opens without it)"));
    benchCmd->add_option("--msaa", bench.msaa, _("samples per pixel (1: no multisampling)"))
        ->capture_default_str();
    benchCmd->add_option(
        "--camera", bench.camera,
        _("a fixed camera LON,LAT,DISTANCE_KM[,HEADING[,PITCH]] (degrees) instead of --path"));
    benchCmd->add_flag("--wait-for-tiles", bench.waitForTiles,
                       _("each frame waits for every tile it needs, as render and record do"));

    qinba::app::localiseSubcommandHelp(app);
    CLI11_PARSE(app, argc, argv);
    // -v before a subcommand logs more detail there too (record: time waiting for the writer thread).
    if (viewer.verbose) spdlog::set_level(spdlog::level::debug);

    if (synthCmd->parsed()) return qinba::app::runSynthDem(synth);
    if (prepareCmd->parsed()) return qinba::app::runPrepare(prepare);
    if (importCmd->parsed()) return qinba::app::runImportDem(importDem);
    if (benchCmd->parsed()) return qinba::app::runBench(bench);

    if (checkCmd->parsed()) return qinba::app::runCheck(checkPath, checkOdPaths);
    if (zoningCmd->parsed()) return qinba::app::runZoning(zoning);
    if (exportCmd->parsed()) return qinba::app::runExport(exportOptions);
    if (recordCmd->parsed()) {
        const auto scene = resolveScene(recordScene, "record");
        if (!scene) return 1;
        record.scene = *scene;
        useSceneTerrain(*recordCmd, record.terrain, *scene);
        return qinba::app::runRecord(record);
    }
    if (kioskCmd->parsed()) {
        // Without --view the kiosk shows the installation's preferences; options still apply on top.
        auto prefs = qinba::loadPreferences(qinba::preferencesPath());
        const auto scene =
            resolveScene(kioskScene, "kiosk", prefs ? prefs->view : qinba::Preferences::defaultViewerScene());
        if (!scene) return 1;
        kiosk.scene = *scene;
        useSceneTerrain(*kioskCmd, kiosk.terrain, *scene);
        return qinba::app::runKiosk(kiosk);
    }
    if (renderCmd->parsed()) {
        const auto scene = resolveScene(renderScene, "render");
        if (!scene) return 1;
        render.scene = *scene;
        useSceneTerrain(*renderCmd, render.terrain, *scene);
        return qinba::app::runRender(render);
    }
    viewer.lodModeGiven = app.count("--lod") > 0;
    viewer.maxErrorGiven = app.count("--max-screen-error") > 0;
    viewer.tileCacheGiven = app.count("--tile-cache-mb") > 0;
    viewer.gpuCacheGiven = app.count("--gpu-cache-mb") > 0;
    return qinba::app::runViewer(viewer);
} catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
} catch (...) {
    spdlog::error("{}", _("unexpected error"));
    return 1;
}
