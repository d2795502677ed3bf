#include "qinba/render/lod_terrain_renderer.h"

#include "qinba/render/class_raster.h"
#include "qinba/render/gl.h"
#include "qinba/render/gl_texture.h"
#include "qinba/render/gpu_upload.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <vector>

namespace qinba {

namespace {

constexpr double kMb = 1024.0 * 1024.0;

std::size_t tileBytes(int w, int h) {
    return static_cast<std::size_t>(w) * h * (sizeof(float) + 1);
}

} // namespace

LodTerrainRenderer::LodTerrainRenderer(ShaderProgram program, std::unique_ptr<TileStreamer> streamer,
                                       glm::dvec2 sceneOrigin)
    : program_(std::move(program)), streamer_(std::move(streamer)), origin_(sceneOrigin),
      settings_(streamer_->settings()) {
    // One grid per mesh stride serves every tile: (cells+1)² surface vertices, then one row of skirt
    // vertices per edge.
    for (int k = 0; k < kMeshStrides && pyramid().tileCells % (1 << k) == 0; ++k)
        meshes_.push_back(makeGrid(pyramid().tileCells >> k));
}

LodTerrainRenderer::Mesh LodTerrainRenderer::makeGrid(int n) {
    std::vector<glm::vec3> v;
    for (int y = 0; y <= n; ++y)
        for (int x = 0; x <= n; ++x)
            v.emplace_back(x, y, 0.0f);
    std::vector<std::uint32_t> idx;
    const auto at = [n](int x, int y) { return static_cast<std::uint32_t>(y * (n + 1) + x); };
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x)
            idx.insert(idx.end(),
                       {at(x, y), at(x, y + 1), at(x + 1, y), at(x + 1, y), at(x, y + 1), at(x + 1, y + 1)});
    for (int edge = 0; edge < 4; ++edge) {
        const auto base = static_cast<std::uint32_t>(v.size());
        std::vector<std::uint32_t> top;
        for (int i = 0; i <= n; ++i) {
            const int x = edge == 0 ? 0 : edge == 1 ? n : i;
            const int y = edge == 2 ? 0 : edge == 3 ? n : i;
            v.emplace_back(x, y, static_cast<float>(edge + 1));
            top.push_back(at(x, y));
        }
        for (int i = 0; i < n; ++i) {
            const std::uint32_t b0 = base + i, b1 = base + i + 1;
            idx.insert(idx.end(), {top[i], b0, top[i + 1], top[i + 1], b0, b1});
        }
    }
    Mesh m;
    m.cells = n;
    glGenVertexArrays(1, &m.vao);
    glGenBuffers(1, &m.vbo);
    glGenBuffers(1, &m.ibo);
    glBindVertexArray(m.vao);
    glBindBuffer(GL_ARRAY_BUFFER, m.vbo);
    gpu::bufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(v.size() * sizeof(glm::vec3)), v.data(),
                    GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, sizeof(glm::vec3), nullptr);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, m.ibo);
    gpu::bufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(idx.size() * sizeof(std::uint32_t)),
                    idx.data(), GL_STATIC_DRAW);
    glBindVertexArray(0);
    m.indexCount = static_cast<int>(idx.size());
    return m;
}

LodTerrainRenderer::~LodTerrainRenderer() {
    for (auto& [key, t] : tiles_) {
        const GLuint tex[2] = {t.height, t.mask};
        glDeleteTextures(2, tex);
    }
    for (const Mesh& m : meshes_) {
        const GLuint buffers[2] = {m.vbo, m.ibo};
        glDeleteBuffers(2, buffers);
        glDeleteVertexArrays(1, &m.vao);
    }
}

void LodTerrainRenderer::setSettings(const LodSettings& settings) {
    settings_.maxScreenErrorPx = settings.maxScreenErrorPx;
    settings_.gpuCacheMb = settings.gpuCacheMb;
    evictTo(static_cast<std::size_t>(settings_.gpuCacheMb * kMb));
}

TileBounds LodTerrainRenderer::rootBounds() const {
    const auto it = tiles_.find({0, 0, 0});
    if (it != tiles_.end()) return it->second.bounds;
    if (auto t = streamer_->find({0, 0, 0})) return {t->minHeight, t->maxHeight, {}};
    return {};
}

void LodTerrainRenderer::evictTo(std::size_t bytes) {
    while (gpuBytes_ > bytes) {
        auto victim = tiles_.end();
        for (auto it = tiles_.begin(); it != tiles_.end(); ++it)
            if (it->first.level > 1 && it->second.lastUsed < frame_ &&
                (victim == tiles_.end() || it->second.lastUsed < victim->second.lastUsed))
                victim = it;
        if (victim == tiles_.end()) return;
        const GLuint tex[2] = {victim->second.height, victim->second.mask};
        glDeleteTextures(2, tex);
        gpuBytes_ -= tileBytes(victim->second.width, victim->second.height_);
        tiles_.erase(victim);
    }
}

bool LodTerrainRenderer::upload(const TileData& data) {
    const std::size_t bytes = tileBytes(data.width, data.height);
    const auto budget = static_cast<std::size_t>(settings_.gpuCacheMb * kMb);
    evictTo(budget > bytes ? budget - bytes : 0);
    if (gpuBytes_ + bytes > budget && data.key.level > 1) return false;
    std::vector<float> heights(data.heights);
    std::vector<std::uint8_t> mask(heights.size());
    for (std::size_t i = 0; i < heights.size(); ++i) {
        mask[i] = std::isnan(heights[i]) ? 0 : 255;
        if (!mask[i]) heights[i] = data.minHeight;
    }
    GpuTile t;
    t.height = makeTexture2D(GL_R32F, data.width, data.height, GL_RED, GL_FLOAT, heights.data(), GL_LINEAR);
    t.mask = makeTexture2D(GL_R8, data.width, data.height, GL_RED, GL_UNSIGNED_BYTE, mask.data(), GL_LINEAR);
    // The mesh's first vertex is the tile's first own sample, after the margin the window adds.
    const TilePyramid& p = pyramid();
    const PixelWindow own = p.pixelRect(data.key);
    const double spacing = static_cast<double>(p.spacing(data.key.level));
    const auto originX = static_cast<int>(std::lround((own.x0 - data.window.x0) / spacing));
    const auto originY = static_cast<int>(std::lround((own.y0 - data.window.y0) / spacing));
    t.bounds = {data.minHeight, data.maxHeight,
                tileMeshErrors(data.heights.data(), data.width, data.height, originX, originY, p.tileCells)};
    t.window = data.window;
    t.width = data.width;
    t.height_ = data.height;
    t.lastUsed = frame_;
    tiles_[data.key] = t;
    gpuBytes_ += bytes;
    return true;
}

const TileBounds* LodTerrainRenderer::resident(TileKey key, int& uploadsLeft) {
    auto it = tiles_.find(key);
    if (it == tiles_.end()) {
        if (uploadsLeft <= 0) return nullptr;
        const std::shared_ptr<const TileData> data = streamer_->find(key);
        if (!data || !upload(*data)) return nullptr;
        --uploadsLeft;
        it = tiles_.find(key);
    }
    it->second.lastUsed = frame_;
    return &it->second.bounds;
}

LodSelection LodTerrainRenderer::select(const CameraMatrices& m, const OrbitCamera& camera, Viewport viewport,
                                        double exaggeration, int uploadLimit, int& uploads) {
    LodView view;
    view.viewProjection = m.viewProjection;
    view.eye = m.eye;
    view.pixelsPerRadian = viewport.height / (2.0 * std::tan(glm::radians(camera.fovY) / 2.0));
    view.orthographic = camera.orthographic;
    view.metresPerPixel = metresPerPixel(camera, viewport);
    view.exaggeration = exaggeration;
    int left = uploadLimit;
    const int maxTiles =
        std::max(1, static_cast<int>(settings_.gpuCacheMb * kMb /
                                     static_cast<double>(gpuTileBytes(pyramid().tileCells))));
    LodSelection sel = selectTiles(
        pyramid(), view, settings_, [&](TileKey k) { return resident(k, left); }, maxTiles);
    uploads += uploadLimit - left;
    std::erase_if(sel.wanted, [&](TileKey k) { return streamer_->failed(k); });
    return sel;
}

LodFrameStats LodTerrainRenderer::draw(const TerrainRenderer& shading, const TerrainStyle& style,
                                       const TerrainPass& pass, const CameraMatrices& matrices,
                                       const OrbitCamera& camera, Viewport viewport, bool complete) {
    ++frame_;
    streamer_->beginFrame();
    LodFrameStats stats;
    LodSelection sel;
    if (complete) {
        // Refine until nothing more is wanted; each round can only go one level deeper.
        for (int round = 0; round < 2 * pyramid().levels + 4; ++round) {
            sel = select(matrices, camera, viewport, style.exaggeration, INT_MAX, stats.uploads);
            if (sel.wanted.empty()) break;
            streamer_->request(sel.wanted);
            streamer_->waitIdle(std::chrono::seconds(60));
        }
    } else {
        // A few uploads per frame keep the frame time even while tiles stream in.
        sel = select(matrices, camera, viewport, style.exaggeration, 16, stats.uploads);
        streamer_->request(sel.wanted);
    }

    const TilePyramid& p = pyramid();
    program_.use();
    const MapRect b = p.bounds();
    program_.set("uClipRect",
                 glm::vec4(static_cast<float>(b.minX - origin_.x), static_cast<float>(b.minY - origin_.y),
                           static_cast<float>(b.maxX - origin_.x), static_cast<float>(b.maxY - origin_.y)));
    shading.setShading(program_, style, pass);
    const double pixelsPerRadian = viewport.height / (2.0 * std::tan(glm::radians(camera.fovY) / 2.0));
    glDisable(GL_CULL_FACE);
    for (const TileDraw& d : sel.draws) {
        const auto it = tiles_.find(d.key);
        if (it == tiles_.end()) continue;
        const GpuTile& t = it->second;
        const PixelWindow r = p.pixelRect(d.key);
        int k = 0;
        while ((2 << k) <= d.meshStride && k + 1 < static_cast<int>(meshes_.size()))
            ++k;
        const Mesh& mesh = meshes_[static_cast<std::size_t>(k)];
        const int stride = 1 << k, n = mesh.cells;
        glBindVertexArray(mesh.vao);
        // Vertices every `stride` samples of the tile's level; the shading still reads every texel.
        const auto s = static_cast<double>(p.spacing(d.key.level)) * stride;
        const MapRect mr = p.mapRect(d.key);
        const double ww = t.window.x1 - t.window.x0, wh = t.window.y1 - t.window.y0;
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, t.height);
        glActiveTexture(GL_TEXTURE1);
        glBindTexture(GL_TEXTURE_2D, t.mask);
        if (pass.classTexture) {
            // The class raster's texels as large as they get on screen in this tile: at its nearest point.
            const glm::dvec3 lo{mr.minX, mr.minY, t.bounds.minHeight * style.exaggeration},
                hi{mr.maxX, mr.maxY, t.bounds.maxHeight * style.exaggeration};
            const double near = glm::length(glm::max(glm::max(lo - matrices.eye, matrices.eye - hi), 0.0));
            const double texel =
                std::min(pass.classSize.x / pass.classTexels.x, pass.classSize.y / pass.classTexels.y);
            const double pxPerMetre = camera.orthographic ? 1.0 / metresPerPixel(camera, viewport)
                                                          : pixelsPerRadian / std::max(near, 1.0);
            program_.set("uClassDetail", classDetail(texel * pxPerMetre));
        }
        program_.set("uTileNW", glm::vec2(static_cast<float>(mr.minX - origin_.x),
                                          static_cast<float>(mr.maxY - origin_.y)));
        program_.set("uCell",
                     glm::vec2(static_cast<float>(s * p.pixelWidth), static_cast<float>(s * p.pixelHeight)));
        program_.set("uUvOrigin", glm::vec2(static_cast<float>((r.x0 - t.window.x0) / ww),
                                            static_cast<float>((r.y0 - t.window.y0) / wh)));
        program_.set("uUvStep", glm::vec2(static_cast<float>(s / ww), static_cast<float>(s / wh)));
        program_.set("uTexSize", glm::vec2(static_cast<float>(t.width), static_cast<float>(t.height_)));
        program_.set("uCellSize", static_cast<float>(ww / t.width * p.pixelWidth));
        const double morphStart = morph_ ? d.morphStart : 1e30, morphEnd = morph_ ? d.morphEnd : 1e30;
        program_.set("uMorph", glm::vec2(static_cast<float>(std::min(morphStart, 1e30)),
                                         static_cast<float>(std::min(morphEnd, 1e30))));
        const double range = static_cast<double>(t.bounds.maxHeight - t.bounds.minHeight);
        // Deep enough to close any gap to a neighbour of another level or mesh stride: along a shared edge
        // both meshes lie within this tile's height range, however steep the edge (a source's seam may be a
        // cliff).
        program_.set("uSkirt", static_cast<float>((range + 1.0) * style.exaggeration));
        const float on = skirts_ ? 1.0f : 0.0f;
        program_.set("uSkirtEdges",
                     on * glm::vec4(r.x0 > 0 ? 1.0f : 0.0f, r.x1 < p.rasterWidth ? 1.0f : 0.0f,
                                    r.y0 > 0 ? 1.0f : 0.0f, r.y1 < p.rasterHeight ? 1.0f : 0.0f));
        glDrawElements(GL_TRIANGLES, mesh.indexCount, GL_UNSIGNED_INT, nullptr);
        ++stats.tilesDrawn;
        stats.coarsestLevel =
            stats.coarsestLevel < 0 ? d.key.level : std::min(stats.coarsestLevel, d.key.level);
        stats.finestLevel = std::max(stats.finestLevel, d.key.level);
        ++stats.drawCalls;
        stats.triangles += 2 * n * n + 8 * n;
    }
    glBindVertexArray(0);
    glActiveTexture(GL_TEXTURE0);
    stats.gpuTiles = static_cast<int>(tiles_.size());
    stats.gpuMb = static_cast<double>(gpuBytes_) / kMb;
    stats.budgetLimited = sel.budgetLimited;
    stats.worstErrorPx = sel.worstErrorPx;
    stats.wanted = static_cast<int>(sel.wanted.size());
    return stats;
}

} // namespace qinba
