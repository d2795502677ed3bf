#pragma once
// The viewer's frame logic, independent of where it runs: a GLFW window (the viewer, the kiosk) or no
// window at all (the kiosk's headless soak run, tests). The frame order is fixed: the caller polls its input
// and draws the UI, then advance(dt) moves animations by an explicit time step, handleCommands() carries out
// the commands the UI posted (ctx.commands; see handle()), and render() draws into the bound framebuffer.

#include "qinba/app/layer_presenter.h"
#include "qinba/app/map_frame.h"
#include "qinba/app/recording_job.h"
#include "qinba/app/scenario_presenter.h"
#include "qinba/core/background_jobs.h"
#include "qinba/core/camera_controller.h"
#include "qinba/core/image.h"
#include "qinba/render/scene_renderer.h"
#include "qinba/ui/app_context.h"

#include <string>
#include <utility>
#include <vector>

namespace qinba::app {

/// What the session needs from its surroundings.
class ViewerHost {
  public:
    virtual ~ViewerHost() = default;
    /// Size of the framebuffer drawn into, pixels.
    virtual Viewport viewport() const = 0;
    /// This frame's camera input (mouse in framebuffer pixels).
    virtual NavigationInput navigation() = 0;
    /// Binds the framebuffer the frame is drawn into (the window's, or an offscreen target).
    virtual void bindTarget() = 0;
    virtual void setTitle(const std::string& /*title*/) {}
    virtual void setClipboard(const std::string& /*text*/) {}
    virtual void setVsync(bool /*on*/) {}
    /// Asks the host to end the session after this frame.
    virtual void close() = 0;
};

class ViewerSession {
  public:
    ViewerSession(AppContext& ctx, ViewerHost& host, SceneRenderer& renderer);

    /// Routes the scenario, opens its layers and `extraLayers`, computes the zoning and shows stage 1.
    void start(const std::vector<std::string>& extraLayers);
    /// Moves the clock by `dt` seconds: playback, tours, camera flights and navigation, cursor readout.
    void advance(double dt);
    /// Moves the clock to `time` seconds (the frame loop's way: set from the clock's reading, not summed).
    void advanceTo(double time);
    /// The session's clock, seconds.
    double time() const { return ctx_.time; }
    /// The bounds navigation keeps the camera in.
    const CameraLimits& limits() const { return limits_; }
    /// Carries out the commands posted to ctx.commands, oldest first, then what they left to do once per
    /// frame (zoning, layer drapes, the recording's progress, autosave).
    void handleCommands();
    /// Carries out one command (src/app/command_handler.cpp: the one place that does).
    void handle(const Command& command);
    /// Whether the fonts must be rebuilt before the next UI pass (UI scale, a new scenario's names); clears.
    bool takeFontRebuild() { return std::exchange(fontsDirty_, false); }
    /// Renders the current moment at `size` into an image, as a screenshot would (waiting for every tile);
    /// `stats` (may be null) gets what the frame drew.
    Result<ImageRgba8> renderImage(Viewport size, FrameStats* stats = nullptr);
    /// Draws the scene and the ImGui draw data into the bound framebuffer at the host's viewport.
    void render();
    /// The size of the picture the camera, the layout and the labels are for: the host's viewport, or on a
    /// video wall (ViewState::wall, the host's viewport being one screen) the whole wall's canvas.
    Viewport sceneViewport() const;

    /// Makes tour `id` active from `seconds` (playing or not); false when the scenario has no such tour.
    bool playTour(const std::string& id, double seconds, bool playing, bool loop);
    /// Releases the camera from the active tour and restores the layers it changed.
    void stopTour();
    /// Shows `stage` from now on, flying to its viewpoint.
    void showStage(std::size_t stage);
    /// The user asked to close the window: closes, or first asks about unsaved changes.
    void requestClose();
    /// On a clean exit: the recovery file of a saved document is no longer needed.
    void finish();
    /// The qinba executable recordings run (`qinba record`); empty: this process's own. Tests name the built
    /// one, since they run inside a test executable.
    void setRecorderExecutable(std::string exe) { recorderExecutable_ = std::move(exe); }
    /// Whether a recording started from the Record panel is still running.
    bool recording() const { return recording_ != nullptr; }
    /// The title of the window for the current document.
    std::string title() const;
    /// The long work in progress: opening a DEM or a scenario, routing, zoning, importing OD, adding layers
    /// (src/app/viewer_session_jobs.cpp). Their results are applied by handleCommands(), one step each.
    const BackgroundJobs& jobs() const { return jobs_; }
    /// Waits for every job and applies its result (tests; a screenshot needs no such wait).
    void waitForJobs();

  private:
    /// Streams the document's DEM with level of detail when the preferences ask for it (see
    /// TerrainOptions::lodMode); otherwise, or when it cannot, the uploaded DEM is drawn.
    void attachStreamedTerrain();
    void recordFrameStats(const FrameStats& stats);
    void flyTo(const OrbitCamera& to);
    void flyToStage();
    void followTour();
    void openStartLayers(const std::vector<std::string>& extra);
    Zoning updateZoning();
    /// Puts the zoning layer for `z` (computed over the document's DEM) into the layer stack.
    void installZoning(const Zoning& z);
    // viewer_session_jobs.cpp: work on worker threads, applied here in one step.
    void pollJobs();
    void startRouting();
    void startZoning();
    void addLayer(const std::string& path);
    void openByContent(const std::string& path, bool fromRecent);
    struct LoadedDem;
    void applyDem(LoadedDem& loaded);
    struct LoadedScenario;
    void applyScenario(LoadedScenario& loaded);
    void exportZoning(const std::string& prefix, const std::string& crs);
    /// viewer_session_export.cpp: the scenario as edited, with the corridors as drawn, to GIS layers.
    void exportGis(const cmd::ExportGis& request);
    OrbitCamera framing(const MapRect& r) const;
    void prepareScenario();
    /// Loads a DEM (with coarser `fallbacks` under it, TerrainOptions::demFallbacks) in the background.
    void openDem(const std::string& path, const std::string& crs, std::vector<std::string> fallbacks = {});
    void applyEdit(const Edit& e);
    void afterEdits();
    void setScene(const SceneSettings& next);
    /// The scene settings with the layer stack as it is at this moment (for files and recordings).
    SceneSettings sceneAsDrawn() const;
    void layersEdited();
    void saveScenario(const std::string& path);
    void saveScreenshot(const ScreenshotRequest& request);
    void updateRecording();
    // viewer_session_edit.cpp: workshop tools.
    void updatePicking(NavigationInput& nav, const TerrainSurface& surface);
    /// A tap (or long press: `details`) at `pixel` selects what is there (cmd::PickAt).
    void pickAt(glm::dvec2 pixel, bool details);
    void onMapClick(const TerrainSurface& surface);
    std::optional<GeoPoint> terrainUnderCursor(const TerrainSurface& surface) const;
    void continuePendingOpen(bool discard);
    void acceptRecovery();
    void openScenario(const std::string& path);
    void importOd(const std::string& path);
    void autosave();
    void composeHighlight(DrawList& out, const TerrainSurface& surface) const;
    /// Composes the map frame of `stage` for `viewport`, whose left edge is `left` pixels into the window
    /// (the right half of compare mode), around the window's controls and panels.
    void composeOverlay(DrawList& out, std::size_t stage, std::optional<std::size_t> previous, double seconds,
                        Viewport viewport, const TerrainSurface& surface, double left = 0.0);
    /// The on-screen controls the UI reported for the current frame size.
    std::vector<ScreenRect> screenControls();
    /// How this session draws legends: compact in the kiosk, folded or full in the viewer.
    LegendForm legendForm() const;
    /// The active tour framed for the window (recomputed when the tour, the frame or its overlays change).
    const Tour& framedTour(const Tour& tour);
    /// The stage's viewpoint framed into the safe area the window's overlays leave and, in the viewer, the
    /// map its panels leave visible (framedStageViewpoint()). Sets stageFramingProvisional_ when the text or
    /// the panels were not known yet.
    std::optional<OrbitCamera> framedStageCamera(std::size_t stage);
    /// Whether stages are framed around panels: in the viewer, not in the kiosk or on a wall.
    bool framesAroundPanels() const;
    /// The viewer's panels as last drawn (framebuffer pixels) where stages frame around them, else none.
    std::vector<ScreenRect> panelObstacles() const;
    /// Whether the text, the scenario's geometry and (framesAroundPanels()) the panels are known.
    bool stageFramingReady();
    /// The scene of the current moment at `vp`, with `overlay` composed for it.
    SceneFrame frameFor(Viewport vp, DrawList& overlay);

    AppContext& ctx_;
    ViewerHost& host_;
    SceneRenderer& renderer_;
    CameraLimits limits_;
    bool vsyncApplied_;
    ScenarioPresenter presenter_;
    Tour framedTour_;       ///< framedTour()'s last result
    std::string framedKey_; ///< what it was framed for
    LayerPresenter layerPresenter_;
    DrawList overlay_, overlayRight_;
    LabelLayoutCache labelCache_, labelCacheRight_; ///< the label layouts of overlay_ and overlayRight_
    std::unique_ptr<RecordingJob> recording_;
    double lastAutosave_ = 0.0;
    glm::dvec2 mouse_{-1.0}; ///< cursor in framebuffer pixels, this frame
    std::string recorderExecutable_;
    bool forImage_ = false; ///< composing a screenshot: the indicative-values note goes into the picture
    /// The flight to the current stage was framed before the text or the panels were known (the first
    /// stage, before the first frame): it is framed again once they are, unless someone steers first.
    bool stageFramingProvisional_ = false;
    bool layersDirty_ = false; ///< the layer drapes are rebuilt once the frame's commands are done
    bool zoningDirty_ = false; ///< the zoning is recomputed once the frame's commands are done
    bool fontsDirty_ = false;  ///< see takeFontRebuild()
    unsigned editedParts_ = 0; ///< scenario parts changed by this frame's edits (ScenarioPart bits)
    /// Counts changes to what the corridor routes depend on (scenario, DEM): a job's routes computed for an
    /// older count are not applied. demRevision_ counts DEMs.
    unsigned long geometryRevision_ = 0, demRevision_ = 0;
    BackgroundJobs jobs_; ///< last: its workers end before anything they use is destroyed
};

/// Strings with CJK characters the UI shows; their glyphs go into the font atlas.
std::vector<std::string> uiTexts(const Document& doc);

} // namespace qinba::app
