// ViewerSession::handle: the one place where what people ask for (commands posted by panels, shortcuts, the
// kiosk, tests) changes the document, the scene settings or the view. Commands run in the order posted;
// work that several commands of a frame may ask for (zoning, layer drapes, presenters) runs once after them.

#include "qinba/app/recording_job.h"
#include "qinba/app/terrain_setup.h"
#include "qinba/app/viewer_session.h"
#include "qinba/core/camera_spec.h"
#include "qinba/core/elevation_stack.h"
#include "qinba/core/gdal_support.h"
#include "qinba/core/i18n.h"
#include "qinba/core/recovery.h"
#include "qinba/core/terrain_surface.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>

namespace qinba::app {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

} // namespace

void ViewerSession::handleCommands() {
    pollJobs(); // finished background work is applied first, in one step each
    for (const Command& c : ctx_.commands.take())
        handle(c);
    afterEdits();
    if (zoningDirty_) {
        zoningDirty_ = false;
        startZoning();
    }
    if (layersDirty_) {
        layersDirty_ = false;
        // The scene describes what is drawn: it follows the layer stack as edited.
        ctx_.scene.layers = captureLayerSettings(ctx_.document.layers);
        layerPresenter_.rebuild(ctx_.document.layers,
                                TerrainSurface(ctx_.document.dem, ctx_.scene.style.exaggeration), renderer_);
    }
    updateRecording();
    if (ctx_.prefs.vsync != vsyncApplied_) {
        host_.setVsync(ctx_.prefs.vsync);
        vsyncApplied_ = ctx_.prefs.vsync;
    }
    autosave();
}

void ViewerSession::handle(const Command& command) {
    Document& doc = ctx_.document;
    ViewState& v = ctx_.view;
    std::visit(
        Overloaded{
            [&](const Edit& e) { applyEdit(e); },
            [&](const cmd::OpenDem& c) { openDem(c.path, c.crs); },
            [&](const cmd::SetTerrainSources& c) {
                TerrainOptions t;
                setDemList(t, c.list);
                openDem(t.demPath, doc.demCrs, t.demFallbacks);
            },
            [&](const cmd::OpenScenario& c) {
                if (doc.scenario && ctx_.history.dirty()) {
                    v.confirmDiscard = true;
                    v.pendingOpen = c.path;
                } else {
                    openScenario(c.path);
                }
            },
            [&](const cmd::SaveScenario&) { saveScenario(doc.scenarioPath); },
            [&](const cmd::SaveScenarioAs& c) { saveScenario(c.path); },
            [&](const cmd::SaveThenContinue&) {
                saveScenario(doc.scenarioPath);
                if (ctx_.history.dirty()) { // the save failed (see the notification): stay with the document
                    v.pendingOpen.reset();
                    v.confirmDiscard = false;
                } else {
                    continuePendingOpen(false);
                }
            },
            [&](const cmd::DiscardAndContinue&) { continuePendingOpen(true); },
            [&](const cmd::CancelPendingOpen&) {
                v.confirmDiscard = false;
                v.pendingOpen.reset();
            },
            [&](const cmd::ImportOd& c) { importOd(c.path); },
            [&](const cmd::AcceptRecovery&) { acceptRecovery(); },
            [&](const cmd::DeclineRecovery&) {
                if (!v.recoveryOffer) return;
                (void)discardRecovery(doc.scenarioPath);
                v.recoveryOffer.reset();
            },
            [&](const cmd::Undo&) {
                if (!doc.scenario || !ctx_.history.canUndo()) return;
                const std::string label = ctx_.history.undoLabel();
                ctx_.history.undo(*doc.scenario);
                ctx_.notifications.info(i18n::format(_("Undid: %s"), label.c_str()));
                editedParts_ = ~0u;
            },
            [&](const cmd::Redo&) {
                if (!doc.scenario || !ctx_.history.canRedo()) return;
                const std::string label = ctx_.history.redoLabel();
                ctx_.history.redo(*doc.scenario);
                ctx_.notifications.info(i18n::format(_("Redid: %s"), label.c_str()));
                editedParts_ = ~0u;
            },
            [&](const cmd::HistoryGoTo& c) {
                if (!doc.scenario) return;
                ctx_.history.goTo(*doc.scenario, c.steps);
                editedParts_ = ~0u;
            },
            [&](const cmd::Quit&) {
                if (!v.kiosk) requestClose(); // nothing but the exit chord closes the kiosk
            },
            [&](const cmd::SetScene& c) { setScene(c.scene); },
            [&](const cmd::SaveViewSettings& c) {
                if (auto st = saveSceneSettings(c.path, sceneAsDrawn()); !st)
                    return ctx_.notifications.error(st.error().toString());
                ctx_.notifications.info(i18n::format(
                    _("Saved the view settings to %s (use them with qinba render, record or kiosk --view)"),
                    c.path.c_str()));
            },
            [&](const cmd::LoadViewSettings& c) {
                auto s = loadSceneSettings(c.path);
                if (!s) return ctx_.notifications.error(s.error().toString());
                rememberFile(ctx_.prefs, c.path);
                setScene(*s);
                if (!s->terrainSources.empty() && s->terrainSources != sceneAsDrawn().terrainSources)
                    handle(cmd::SetTerrainSources{s->terrainSources});
                ctx_.notifications.info(i18n::format(_("Loaded the view settings of %s"), c.path.c_str()));
            },
            [&](const cmd::SetLayerOptions& c) {
                if (c.index >= doc.layers.size()) return;
                doc.layers[c.index].options = c.options;
                if (doc.layers[c.index].options.id == "zoning") ctx_.scene.zoning = c.options.visible;
                layersDirty_ = true;
            },
            [&](const cmd::MoveLayer& c) {
                if (c.from >= doc.layers.size() || c.to >= doc.layers.size()) return;
                std::swap(doc.layers[c.from], doc.layers[c.to]);
                layersDirty_ = true;
            },
            [&](const cmd::RemoveLayer& c) {
                if (c.index >= doc.layers.size()) return;
                if (doc.layers[c.index].options.id == "zoning")
                    return ctx_.notifications.error(_("The zoning layer stays; hide it in the Zoning panel"));
                ctx_.notifications.info(
                    i18n::format(_("Removed layer %s"), doc.layers[c.index].options.name.c_str()));
                doc.layers.erase(doc.layers.begin() + static_cast<std::ptrdiff_t>(c.index));
                layersDirty_ = true;
            },
            [&](const cmd::AddLayer& c) { addLayer(c.path); },
            [&](const cmd::ZoomToLayer& c) {
                if (c.index >= doc.layers.size()) return;
                stopTour();
                flyTo(framing(doc.layers[c.index].bounds));
            },
            [&](const cmd::ExportZoning& c) { exportZoning(c.prefix, c.crs); },
            [&](const cmd::ExportGis& c) { exportGis(c); },
            [&](const cmd::ResetView&) {
                stopTour();
                flyTo(
                    overviewCamera(TerrainSurface(doc.dem, ctx_.scene.style.exaggeration), sceneViewport()));
            },
            [&](const cmd::NudgeCamera& c) {
                stopTour();
                const TerrainSurface surface(doc.dem, ctx_.scene.style.exaggeration);
                const Viewport vp = sceneViewport();
                // From where the camera is going if it is already flying (buttons pressed in a row add up).
                OrbitCamera to = v.flight ? v.flight->to : v.camera;
                zoomCamera(to, vp, surface, glm::dvec2(vp.width, vp.height) * 0.5, std::pow(0.7, c.zoom));
                orbitCamera(to, c.turnDegrees, c.tiltDegrees);
                applyLimits(to, limits_, surface);
                flyTo(to);
            },
            [&](const cmd::PickAt& c) {
                pickAt({c.x, c.y}, c.details);
            },
            [&](const cmd::CopyView&) {
                const std::string spec = formatCameraSpec(specFromCamera(v.camera, ctx_.projection));
                host_.setClipboard("--camera " + spec);
                ctx_.notifications.info(i18n::format(_("Copied --camera %s"), spec.c_str()));
            },
            [&](const cmd::GoToViewpoint& c) {
                if (!doc.scenario) return;
                for (const Viewpoint& vp : doc.scenario->viewpoints) {
                    if (vp.id != c.id) continue;
                    stopTour();
                    flyTo(cameraFromSpec(vp.camera, ctx_.projection,
                                         TerrainSurface(doc.dem, ctx_.scene.style.exaggeration)));
                }
            },
            [&](const cmd::JumpToStage& c) {
                if (!doc.scenario || c.stage >= doc.scenario->stages.size()) return;
                stopTour();
                showStage(c.stage);
            },
            [&](const cmd::TogglePlay&) {
                stopTour();
                StagePlayback& pb = v.playback;
                pb.playing = !pb.playing;
                // Playing on from a stage whose time is already over starts the next one cleanly now.
                if (pb.playing && doc.scenario &&
                    pb.secondsIntoStage(ctx_.time) >= doc.scenario->stages[pb.stage].duration)
                    pb.stageStart = ctx_.time - doc.scenario->stages[pb.stage].duration;
            },
            [&](const cmd::ToggleLegend&) { v.legendCollapsed = !v.legendCollapsed; },
            [&](const cmd::PlayTour& c) {
                if (!playTour(c.id, v.tour.seconds, v.tour.playing, v.tour.loop))
                    ctx_.notifications.error(
                        i18n::format(_("The tour '%s' has no keyframes to play"), c.id.c_str()));
            },
            [&](const cmd::StopTour&) { stopTour(); },
            [&](const cmd::SaveScreenshot& c) { saveScreenshot(c.request); },
            [&](const cmd::QuickScreenshot&) {
                namespace fs = std::filesystem;
                if (v.screenshotFolder.empty()) v.screenshotFolder = fs::current_path().string();
                const std::time_t now = std::time(nullptr);
                char name[64];
                std::strftime(name, sizeof name, "qinba-%Y%m%d-%H%M%S.png", std::localtime(&now));
                saveScreenshot({(fs::path(v.screenshotFolder) / name).string(), 0, 0});
            },
            [&](const cmd::StartRecording& c) {
                if (recording_) return ctx_.notifications.error(_("A recording is running already"));
                RecordingSource source;
                source.document = &doc;
                source.scene = sceneAsDrawn();
                source.triangles = ctx_.prefs.terrainTriangles;
                source.msaa = std::max(ctx_.prefs.msaaSamples, 1);
                source.executable = recorderExecutable_;
                auto job = RecordingJob::start(source, c.settings);
                if (!job) return ctx_.notifications.error(job.error().toString());
                recording_ = std::move(*job);
                v.recording = RecordingStatus{};
                v.recording.running = true;
                v.recording.out = c.settings.out;
            },
            [&](const cmd::CancelRecording&) {
                if (recording_) recording_->cancel();
            },
            [&](const cmd::SetUiScale& c) {
                ctx_.prefs.uiScale = std::clamp(c.scale, options::uiScale.min, options::uiScale.max);
                fontsDirty_ = true;
            },
            [&](const cmd::SetLanguage& c) {
                i18n::setLanguage(c.code);
                if (c.keep) ctx_.prefs.language = c.code;
                host_.setTitle(title());
            },
            [&](const cmd::SetTerrainTriangles& c) {
                ctx_.prefs.terrainTriangles = static_cast<int>(std::clamp<double>(
                    c.triangles, options::terrainTriangles.min, options::terrainTriangles.max));
                renderer_.setTriangleBudget(ctx_.prefs.terrainTriangles);
            },
            [&](const cmd::ApplyLodSettings&) {
                if (!renderer_.lod()) return;
                LodSettings s = renderer_.lod()->settings();
                s.maxScreenErrorPx = ctx_.prefs.maxScreenErrorPx;
                s.gpuCacheMb = ctx_.prefs.gpuTileCacheMb;
                renderer_.lod()->setSettings(s);
            },
            [&](const cmd::OpenDroppedFiles& c) {
                for (const std::string& path : c.paths)
                    openByContent(path, false);
            },
            [&](const cmd::OpenRecent& c) { openByContent(c.path, true); },
            [&](const cmd::CancelJob& c) { jobs_.cancel(c.kind); },
        },
        command);
}

void ViewerSession::setScene(const SceneSettings& next) {
    // A new exaggeration needs nothing here: the presenters re-drape when they follow the surface.
    if (!(next.zoningParameters == ctx_.scene.zoningParameters)) zoningDirty_ = true;
    ctx_.scene = next;
    keepInPreferences(ctx_.scene, ctx_.prefs);
    if (applyLayerSettings(ctx_.document.layers, next)) layersDirty_ = true;
    if (ctx_.document.scenario && next.compareStage >= ctx_.document.scenario->stages.size())
        ctx_.scene.compareStage = 0;
}

SceneSettings ViewerSession::sceneAsDrawn() const {
    // Layer edits of this frame reach ctx_.scene.layers once the frame's commands are done; these are now.
    SceneSettings s = ctx_.scene;
    s.layers = captureLayerSettings(ctx_.document.layers);
    s.terrainSources.clear();
    const Document& doc = ctx_.document;
    if (!doc.demPath.empty() || !doc.demFallbacks.empty()) {
        // Absolute, so the file works from any folder.
        auto absolute = [](const std::string& p) {
            return p.empty() || p == kEmbeddedDemName || isGdalVirtualPath(p)
                       ? (p.empty() ? std::string(kEmbeddedDemName) : p)
                       : std::filesystem::absolute(p).string();
        };
        s.terrainSources.push_back(absolute(doc.demPath));
        for (const std::string& d : doc.demFallbacks)
            s.terrainSources.push_back(absolute(d));
    }
    return s;
}

void ViewerSession::applyEdit(const Edit& e) {
    if (!ctx_.document.scenario) return;
    if (auto s = ctx_.history.apply(*ctx_.document.scenario, e); !s)
        ctx_.notifications.error(s.error().toString());
    else
        editedParts_ |= partsChangedBy(e);
}

void ViewerSession::afterEdits() {
    const unsigned parts = std::exchange(editedParts_, 0u);
    ViewState& v = ctx_.view;
    if (!ctx_.document.scenario) return;
    const Scenario& sc = *ctx_.document.scenario;
    const std::size_t count = v.selected.kind == Pick::Kind::Place ? sc.places.size() : sc.corridors.size();
    if (v.selected.index >= count) v.selected = {}; // removed by an undo
    if (parts & ~static_cast<unsigned>(kPartPresentation)) {
        if (v.playback.stage >= sc.stages.size()) v.playback.jumpTo(sc.stages.size() - 1, ctx_.time);
        prepareScenario();
    }
    if (parts) host_.setTitle(title());
}

void ViewerSession::continuePendingOpen(bool discard) {
    ViewState& v = ctx_.view;
    if (!v.pendingOpen) return;
    const std::string next = *v.pendingOpen;
    v.pendingOpen.reset();
    v.confirmDiscard = false;
    (void)discardRecovery(ctx_.document.scenarioPath);
    if (next.empty()) {
        if (discard) ctx_.history.markSaved(); // the user chose to drop the changes: nothing left to ask
        host_.close();
    } else {
        ctx_.history.clear();
        openScenario(next);
    }
}

void ViewerSession::acceptRecovery() {
    ViewState& v = ctx_.view;
    if (!v.recoveryOffer) return;
    auto recovered = loadRecovery(*v.recoveryOffer);
    if (!recovered) {
        ctx_.notifications.error(recovered.error().toString());
    } else {
        ctx_.document.scenario = std::move(*recovered);
        ctx_.history.clear();
        ctx_.history.markUnsaved();
        prepareScenario();
        showStage(0);
        host_.setTitle(title());
        ctx_.notifications.info(i18n::format(_("Recovered the unsaved changes of %s; save them to keep them"),
                                             v.recoveryOffer->savedAt.c_str()));
    }
    v.recoveryOffer.reset();
}

void ViewerSession::updateRecording() {
    RecordingStatus& status = ctx_.view.recording;
    if (recording_ && !recording_->poll(status)) {
        recording_.reset();
        if (status.exitCode == 0)
            ctx_.notifications.info(status.message);
        else
            ctx_.notifications.error(i18n::format(_("Recording: %s"), status.message.c_str()));
    }
}

} // namespace qinba::app
