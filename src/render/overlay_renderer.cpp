#include "qinba/render/overlay_renderer.h"

#include "qinba/core/fnv1a.h"
#include "qinba/render/gl.h"
#include "qinba/render/gpu_upload.h"

#include <cmath>
#include <cstddef>
#include <cstring>
#include <vector>

namespace qinba {

namespace {

struct LineVertex {
    glm::vec3 a, b;
    glm::vec2 endSide;
    glm::vec4 color;
    glm::vec2 widthDash;
    float along;
};

struct ScreenVertex {
    glm::vec2 pixel;
    glm::vec4 color;
};

struct MarkerInstance {
    glm::vec3 position, direction;
    glm::vec4 color, ring;
    glm::vec3 sizeShapeSide;
};

void attribute(GLuint index, GLint size, GLsizei stride, std::size_t offset, GLuint divisor = 0) {
    glEnableVertexAttribArray(index);
    glVertexAttribPointer(index, size, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(offset));
    glVertexAttribDivisor(index, divisor);
}

std::uint64_t lineKey(const DrawList& list, bool tested, glm::dvec3 origin) {
    Fnv1a f;
    f.add(origin);
    for (const LineItem& line : list.lines) {
        if (line.depthTested != tested || line.points.size() < 2) continue;
        f.addBytes(line.points.data(), line.points.size() * sizeof(glm::dvec3));
        f.add(line.color), f.add(line.widthPx), f.add(line.dashPx), f.add(line.points.size());
    }
    return f.value();
}

MarkerInstance instance(const MarkerItem& m, glm::dvec3 origin) {
    return {glm::vec3(m.position - origin),
            glm::vec3(m.direction),
            m.color,
            m.ring,
            {m.sizePx, static_cast<float>(static_cast<int>(m.shape)), m.sideOffsetPx}};
}

void setupLineArray(GLuint vao, GLuint vbo) {
    glBindVertexArray(vao);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    const auto ls = static_cast<GLsizei>(sizeof(LineVertex));
    attribute(0, 3, ls, offsetof(LineVertex, a));
    attribute(1, 3, ls, offsetof(LineVertex, b));
    attribute(2, 2, ls, offsetof(LineVertex, endSide));
    attribute(3, 4, ls, offsetof(LineVertex, color));
    attribute(4, 2, ls, offsetof(LineVertex, widthDash));
    attribute(5, 1, ls, offsetof(LineVertex, along));
}

void setupMarkerArray(GLuint vao, GLuint cornerVbo, GLuint vbo) {
    glBindVertexArray(vao);
    glBindBuffer(GL_ARRAY_BUFFER, cornerVbo);
    attribute(0, 2, 2 * sizeof(float), 0);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    const auto ms = static_cast<GLsizei>(sizeof(MarkerInstance));
    attribute(1, 3, ms, offsetof(MarkerInstance, position), 1);
    attribute(2, 3, ms, offsetof(MarkerInstance, direction), 1);
    attribute(3, 4, ms, offsetof(MarkerInstance, color), 1);
    attribute(4, 4, ms, offsetof(MarkerInstance, ring), 1);
    attribute(5, 3, ms, offsetof(MarkerInstance, sizeShapeSide), 1);
}

template <class T>
void upload(const std::vector<T>& data, GLenum usage) {
    gpu::bufferData(GL_ARRAY_BUFFER, static_cast<std::int64_t>(data.size() * sizeof(T)), data.data(), usage);
}

} // namespace

std::size_t OverlayRenderer::markerInstanceBytes() {
    return sizeof(MarkerInstance);
}

OverlayRenderer::OverlayRenderer(ShaderProgram lines, ShaderProgram markers, ShaderProgram screen)
    : lines_(std::move(lines)), markers_(std::move(markers)), screen_(std::move(screen)) {
    for (Cached* c : {&screenShapes_, &testedLines_, &topLines_, &staticMarkers_, &animatedMarkers_}) {
        glGenVertexArrays(1, &c->vao);
        glGenBuffers(1, &c->vbo);
    }
    glBindVertexArray(screenShapes_.vao);
    glBindBuffer(GL_ARRAY_BUFFER, screenShapes_.vbo);
    attribute(0, 2, sizeof(ScreenVertex), offsetof(ScreenVertex, pixel));
    attribute(1, 4, sizeof(ScreenVertex), offsetof(ScreenVertex, color));
    setupLineArray(testedLines_.vao, testedLines_.vbo);
    setupLineArray(topLines_.vao, topLines_.vbo);

    glGenBuffers(1, &cornerVbo_);
    const float corners[] = {-1, -1, 1, -1, -1, 1, 1, 1};
    glBindBuffer(GL_ARRAY_BUFFER, cornerVbo_);
    gpu::bufferData(GL_ARRAY_BUFFER, sizeof corners, corners, GL_STATIC_DRAW);
    setupMarkerArray(staticMarkers_.vao, cornerVbo_, staticMarkers_.vbo);
    setupMarkerArray(animatedMarkers_.vao, cornerVbo_, animatedMarkers_.vbo);
    glBindVertexArray(0);
}

Result<std::unique_ptr<OverlayRenderer>> OverlayRenderer::create(const std::filesystem::path& shaderDir) {
    auto lines = ShaderProgram::load(shaderDir, "line");
    if (!lines) return lines.error();
    auto markers = ShaderProgram::load(shaderDir, "marker");
    if (!markers) return markers.error();
    auto screen = ShaderProgram::load(shaderDir, "screen");
    if (!screen) return screen.error();
    return std::unique_ptr<OverlayRenderer>(
        new OverlayRenderer(std::move(*lines), std::move(*markers), std::move(*screen)));
}

OverlayRenderer::~OverlayRenderer() {
    for (Cached* c : {&screenShapes_, &testedLines_, &topLines_, &staticMarkers_, &animatedMarkers_}) {
        glDeleteBuffers(1, &c->vbo);
        glDeleteVertexArrays(1, &c->vao);
    }
    glDeleteBuffers(1, &cornerVbo_);
}

void OverlayRenderer::drawMarkers(Cached& buffer, int count) {
    glBindVertexArray(buffer.vao);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, count);
}

int OverlayRenderer::draw(const DrawList& list, const glm::mat4& viewProjection, glm::dvec3 origin,
                          const OrbitCamera& camera, Viewport viewport, Viewport fullViewport,
                          glm::vec2 tileOffset) {
    // Metres a pixel covers: per metre of distance in perspective, absolute in a parallel projection.
    const double pixelAngle =
        2.0 * std::tan(glm::radians(camera.fovY) / 2.0) / std::max(fullViewport.height, 1);
    const double metresPerPixel = camera.distance * pixelAngle;
    const glm::vec3 eye(camera.eye() - origin);
    auto setCamera = [&](ShaderProgram& p) {
        p.set("uEye", eye);
        p.set("uPixelAngle", camera.orthographic ? 0.0f : static_cast<float>(pixelAngle));
        p.set("uPixelMetres", camera.orthographic ? static_cast<float>(metresPerPixel) : 0.0f);
        p.set("uDepthPull", depthPull_);
    };
    int calls = 0;
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDepthMask(GL_FALSE);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    const glm::vec2 vp(static_cast<float>(viewport.width), static_cast<float>(viewport.height));

    // Lines in list order (casings before fills), depth-tested ones first, then the ones always on top. Their
    // vertices do not depend on the camera, so they are rebuilt only when the lines themselves change.
    for (const bool tested : {true, false}) {
        Cached& buffer = tested ? testedLines_ : topLines_;
        const std::uint64_t key = lineKey(list, tested, origin);
        if (!buffer.built || buffer.key != key) {
            std::size_t segments = 0;
            for (const LineItem& line : list.lines)
                if (line.depthTested == tested && line.points.size() >= 2) segments += line.points.size() - 1;
            std::vector<LineVertex> vertices;
            vertices.reserve(segments * 6);
            for (const LineItem& line : list.lines) {
                if (line.depthTested != tested || line.points.size() < 2) continue;
                double along = 0.0;
                for (std::size_t i = 0; i + 1 < line.points.size(); ++i) {
                    const glm::vec3 a(line.points[i] - origin), b(line.points[i + 1] - origin);
                    const double next = along + glm::length(line.points[i + 1] - line.points[i]);
                    const LineVertex base{a, b, {}, line.color, {line.widthPx, line.dashPx}, 0.0f};
                    auto corner = [&](float end, float side) {
                        LineVertex v = base;
                        v.endSide = {end, side};
                        v.along = static_cast<float>(end > 0.5f ? next : along);
                        vertices.push_back(v);
                    };
                    corner(0, -1), corner(1, -1), corner(0, 1), corner(0, 1), corner(1, -1), corner(1, 1);
                    along = next;
                }
            }
            if (!vertices.empty()) {
                glBindBuffer(GL_ARRAY_BUFFER, buffer.vbo);
                upload(vertices, GL_STATIC_DRAW);
            }
            buffer.count = static_cast<int>(vertices.size());
            buffer.key = key;
            buffer.built = true;
        }
        if (buffer.count == 0) continue;
        tested ? glEnable(GL_DEPTH_TEST) : glDisable(GL_DEPTH_TEST);
        lines_.use();
        lines_.set("uViewProj", viewProjection);
        lines_.set("uViewport", vp);
        setCamera(lines_);
        lines_.set("uMetresPerPixel", static_cast<float>(metresPerPixel));
        glBindVertexArray(buffer.vao);
        glDrawArrays(GL_TRIANGLES, 0, buffer.count);
        ++calls;
    }

    if (!list.markers.empty()) {
        // Animated markers (flow marks) go every frame; the others (places, highlights) only when they
        // change. The animated ones are drawn first, so place symbols stay on top of the marks passing them.
        std::vector<MarkerInstance> animated;
        Fnv1a f;
        f.add(origin);
        int staticCount = 0;
        for (const MarkerItem& m : list.markers) {
            if (m.animated) {
                animated.push_back(instance(m, origin));
            } else {
                const MarkerInstance i = instance(m, origin);
                f.add(i);
                ++staticCount;
            }
        }
        if (!staticMarkers_.built || staticMarkers_.key != f.value()) {
            std::vector<MarkerInstance> fixed;
            fixed.reserve(static_cast<std::size_t>(staticCount));
            for (const MarkerItem& m : list.markers)
                if (!m.animated) fixed.push_back(instance(m, origin));
            glBindBuffer(GL_ARRAY_BUFFER, staticMarkers_.vbo);
            if (!fixed.empty()) upload(fixed, GL_STATIC_DRAW);
            staticMarkers_.count = staticCount;
            staticMarkers_.key = f.value();
            staticMarkers_.built = true;
        }
        glEnable(GL_DEPTH_TEST);
        markers_.use();
        markers_.set("uViewProj", viewProjection);
        markers_.set("uViewport", vp);
        setCamera(markers_);
        if (!animated.empty()) {
            glBindBuffer(GL_ARRAY_BUFFER, animatedMarkers_.vbo);
            upload(animated, GL_STREAM_DRAW);
            drawMarkers(animatedMarkers_, static_cast<int>(animated.size()));
            ++calls;
        }
        if (staticMarkers_.count > 0) {
            drawMarkers(staticMarkers_, staticMarkers_.count);
            ++calls;
        }
    }
    if (!list.shapes.empty()) {
        Fnv1a f;
        f.add(tileOffset);
        for (const ScreenShape& shape : list.shapes) {
            f.addBytes(shape.triangles.data(), shape.triangles.size() * sizeof(glm::vec2));
            f.add(shape.color), f.add(shape.triangles.size());
        }
        if (!screenShapes_.built || screenShapes_.key != f.value()) {
            std::vector<ScreenVertex> vertices;
            for (const ScreenShape& shape : list.shapes)
                for (glm::vec2 p : shape.triangles)
                    vertices.push_back({p - tileOffset, shape.color});
            glBindBuffer(GL_ARRAY_BUFFER, screenShapes_.vbo);
            if (!vertices.empty()) upload(vertices, GL_STATIC_DRAW);
            screenShapes_.count = static_cast<int>(vertices.size());
            screenShapes_.key = f.value();
            screenShapes_.built = true;
        }
        if (screenShapes_.count > 0) {
            glDisable(GL_DEPTH_TEST);
            screen_.use();
            screen_.set("uViewport", vp);
            glBindVertexArray(screenShapes_.vao);
            glDrawArrays(GL_TRIANGLES, 0, screenShapes_.count);
            ++calls;
        }
    }
    glBindVertexArray(0);
    glDepthMask(GL_TRUE);
    glDisable(GL_BLEND);
    return calls;
}

Status OverlayRenderer::reloadShadersIfChanged(bool& reloaded) {
    bool a = false, b = false, c = false;
    auto s1 = lines_.reloadIfChanged(a);
    auto s2 = markers_.reloadIfChanged(b);
    auto s3 = screen_.reloadIfChanged(c);
    reloaded = a || b || c;
    if (!s1) return s1;
    if (!s2) return s2;
    return s3;
}

} // namespace qinba
