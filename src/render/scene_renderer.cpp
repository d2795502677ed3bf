#include "qinba/render/scene_renderer.h"

#include "qinba/core/color_ramp.h"
#include "qinba/core/data_paths.h"
#include "qinba/render/class_raster.h"
#include "qinba/render/drape_renderer.h"
#include "qinba/render/gl.h"
#include "qinba/render/overlay_renderer.h"
#include "qinba/render/shader_program.h"
#include "qinba/render/terrain_renderer.h"
#include "qinba/render/text_renderer.h"

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

namespace qinba {

namespace {
const glm::vec3 kZenith{0.33f, 0.52f, 0.78f};
const glm::vec3 kHorizon{0.80f, 0.86f, 0.92f};
} // namespace

Result<std::unique_ptr<SceneRenderer>> SceneRenderer::create(const std::filesystem::path& shaderDir) {
    auto terrain = ShaderProgram::load(shaderDir, "terrain");
    if (!terrain) return terrain.error();
    auto sky = ShaderProgram::load(shaderDir, "sky");
    if (!sky) return sky.error();
    auto overlay = OverlayRenderer::create(shaderDir);
    if (!overlay) return overlay.error();
    auto drape = DrapeRenderer::create(shaderDir);
    if (!drape) return drape.error();
    std::unique_ptr<SceneRenderer> r(new SceneRenderer());
    r->terrain_ = std::make_unique<TerrainRenderer>(std::move(*terrain));
    r->sky_ = std::make_unique<ShaderProgram>(std::move(*sky));
    r->overlay_ = std::move(*overlay);
    r->drape_ = std::move(*drape);
    r->shaderDir_ = shaderDir;
    // Without a CJK font the map still renders; only labels and notes are missing, and the caller says so.
    if (const std::string font = findCjkFontFile(); font.empty()) {
        r->textProblem_ = "no Noto Sans CJK font: install the Debian package fonts-noto-cjk (labels are off)";
    } else if (auto text = TextRenderer::create(shaderDir, font)) {
        r->text_ = std::move(*text);
    } else {
        r->textProblem_ = text.error().toString() + " (labels are off)";
    }
    glGenVertexArrays(1, &r->emptyVao_);
    return r;
}

SceneRenderer::~SceneRenderer() {
    if (emptyVao_) glDeleteVertexArrays(1, &emptyVao_);
    if (timerQuery_) glDeleteQueries(1, &timerQuery_);
}

void SceneRenderer::beginPart(bool timed, double* into) {
    if (!timed) return;
    if (!timerQuery_) glGenQueries(1, &timerQuery_);
    glBeginQuery(GL_TIME_ELAPSED, timerQuery_);
    timedPart_ = into;
}

void SceneRenderer::endPart() {
    if (!timedPart_) return;
    glEndQuery(GL_TIME_ELAPSED);
    GLuint64 ns = 0;
    glGetQueryObjectui64v(timerQuery_, GL_QUERY_RESULT, &ns);
    *timedPart_ += static_cast<double>(ns) * 1e-6;
    timedPart_ = nullptr;
}

Status SceneRenderer::setDem(const Dem& dem, int triangleBudget) {
    const MapRect b = dem.bounds();
    const glm::dvec2 origin(b.centre().x, b.centre().y);
    auto status = terrain_->setDem(dem, origin, triangleBudget);
    if (!status) return status;
    origin_ = origin;
    bounds_ = b;
    minElevation_ = dem.minElevation();
    demCellSize_ = dem.cellSize();
    maxElevation_ = dem.maxElevation();
    return okStatus();
}

void SceneRenderer::setTriangleBudget(int triangleBudget) {
    terrain_->setTriangleBudget(triangleBudget);
}

bool SceneRenderer::hasDem() const {
    return terrain_->hasDem() || lod_;
}

Status SceneRenderer::setStreamedTerrain(std::unique_ptr<TileStreamer> streamer) {
    if (!streamer) {
        lod_.reset();
        overlaySurfaceError_ = 0.0;
        return okStatus();
    }
    auto program = ShaderProgram::load(shaderDir_, "terrain_lod", "terrain");
    if (!program) return program.error();
    if (!terrain_->hasDem()) {
        bounds_ = streamer->pyramid().bounds();
        origin_ = glm::dvec2(bounds_.centre().x, bounds_.centre().y);
        if (auto root = streamer->find({0, 0, 0})) {
            minElevation_ = root->minHeight;
            maxElevation_ = root->maxHeight;
        }
    }
    // Overlays follow the uploaded DEM; the streamed terrain can rise above it by up to about half a cell.
    overlaySurfaceError_ = terrain_->hasDem() ? 0.5 * demCellSize_ : 0.0;
    lod_ = std::make_unique<LodTerrainRenderer>(std::move(*program), std::move(streamer), origin_);
    return okStatus();
}

WorldBox SceneRenderer::sceneBox(double exaggeration) const {
    return {{bounds_.minX, bounds_.minY, minElevation_ * exaggeration},
            {bounds_.maxX, bounds_.maxY, maxElevation_ * exaggeration}};
}

void SceneRenderer::setDrapedLayers(const std::vector<const Layer*>& layers) {
    // The first class raster is classified per pixel by the terrain shader (smooth boundaries at any zoom),
    // below the drape; the other layers go into the drape.
    std::vector<const Layer*> draped;
    const Layer* classes = nullptr;
    for (const Layer* layer : layers)
        if (!classes && ClassRasterTexture::suits(*layer))
            classes = layer;
        else
            draped.push_back(layer);
    if (!classes_) classes_ = std::make_unique<ClassRasterTexture>();
    classes_->set(classes);
    drape_->rebuild(draped, bounds_);
}

FrameStats SceneRenderer::render(const SceneFrame& frame) {
    FrameStats stats;
    const WorldBox box = sceneBox(frame.style.exaggeration);
    const CameraMatrices full = computeMatrices(frame.camera, frame.viewport, box);
    const CameraMatrices m = frame.tile ? tileMatrices(full, frame.viewport, *frame.tile) : full;
    const Viewport target = frame.tile ? Viewport{frame.tile->width, frame.tile->height} : frame.viewport;
    const glm::dvec2 offset = frame.tile ? glm::dvec2(frame.tile->x, frame.tile->y) : glm::dvec2(0.0);
    // The GPU works relative to the scene origin, so float precision holds across 2000 km.
    const glm::dmat4 relative = m.viewProjection * glm::translate(glm::dmat4(1.0), glm::dvec3(origin_, 0.0));

    const glm::vec3 bg = frame.style.sky ? kHorizon : frame.background;
    glClearColor(bg.r, bg.g, bg.b, 1.0f);
    glClearDepth(1.0);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    glDisable(GL_BLEND);

    if (frame.style.sky) {
        beginPart(frame.timeParts, &stats.parts.sky);
        glDisable(GL_DEPTH_TEST);
        glDepthMask(GL_FALSE);
        sky_->use();
        sky_->set("uInvViewProj", glm::mat4(glm::inverse(relative)));
        sky_->set("uZenith", kZenith);
        sky_->set("uHorizon", kHorizon);
        glBindVertexArray(emptyVao_);
        glDrawArrays(GL_TRIANGLES, 0, 3);
        glBindVertexArray(0);
        ++stats.drawCalls;
        endPart();
    }

    if (!hasDem()) return stats;
    const ColorRamp* ramp = findRamp(frame.style.rampId);
    if (!ramp) ramp = &builtinRamps().front();
    if (ramp->id != rampId_) {
        terrain_->setRamp(*ramp);
        rampId_ = ramp->id;
    }
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glDepthMask(GL_TRUE);
    glEnable(GL_CULL_FACE);
    glCullFace(GL_BACK);
    glFrontFace(GL_CCW);
    TerrainPass pass;
    pass.viewProjection = glm::mat4(relative);
    pass.eye = glm::vec3(m.eye - glm::dvec3(origin_, 0.0));
    pass.hazeColor = kHorizon;
    pass.hazeDistance = static_cast<float>(0.45 * std::hypot(bounds_.width(), bounds_.height()));
    if (drape_->hasContent()) {
        const MapRect& e = drape_->extent();
        pass.drapeTexture = drape_->texture();
        pass.drapeMin = glm::vec2(glm::dvec2(e.minX, e.minY) - origin_);
        pass.drapeSize = glm::vec2(static_cast<float>(e.width()), static_cast<float>(e.height()));
    }
    if (classes_) classes_->describe(pass, origin_);
    beginPart(frame.timeParts, &stats.parts.terrain);
    if (lod_) {
        stats.lod = lod_->draw(*terrain_, frame.style, pass, m, frame.camera, frame.viewport,
                               !frame.streamWithoutWaiting);
        stats.streamed = true;
        stats.triangles = stats.lod.triangles;
        stats.drawCalls += stats.lod.drawCalls;
    } else {
        terrain_->draw(frame.style, pass);
        stats.triangles = terrain_->triangles();
        ++stats.drawCalls;
    }
    endPart();
    glDisable(GL_CULL_FACE);
    if (frame.overlay) {
        beginPart(frame.timeParts, &stats.parts.overlays);
        overlay_->setDepthPull(static_cast<float>(overlaySurfaceError_ * frame.style.exaggeration));
        stats.drawCalls += overlay_->draw(*frame.overlay, glm::mat4(relative), glm::dvec3(origin_, 0.0),
                                          frame.camera, target, frame.viewport, glm::vec2(offset));
        endPart();
        if (text_ && !frame.overlay->texts.empty()) {
            beginPart(frame.timeParts, &stats.parts.text);
            for (const TextItem& t : frame.overlay->texts)
                text_->draw(t.utf8, t.topLeft - offset, t.pixelSize, t.color, t.halo, t.haloWidth);
            text_->flush(target);
            ++stats.drawCalls;
            endPart();
        }
    }
    return stats;
}

Status SceneRenderer::reloadShadersIfChanged(bool& reloaded) {
    bool a = false, b = false, c = false;
    auto s1 = terrain_->program().reloadIfChanged(a);
    auto s2 = sky_->reloadIfChanged(b);
    auto s3 = overlay_->reloadShadersIfChanged(c);
    bool d = false;
    auto s4 = lod_ ? lod_->program().reloadIfChanged(d) : okStatus();
    reloaded = a || b || c || d;
    if (!s4) return s4;
    if (!s1) return s1;
    if (!s2) return s2;
    return s3;
}

} // namespace qinba
