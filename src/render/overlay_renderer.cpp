#include "qinba/render/overlay_renderer.h"

#include "qinba/render/gl.h"

#include <cmath>
#include <cstddef>
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

} // namespace

OverlayRenderer::OverlayRenderer(ShaderProgram lines, ShaderProgram markers, ShaderProgram screen)
    : lines_(std::move(lines)), markers_(std::move(markers)), screen_(std::move(screen)) {
    glGenVertexArrays(1, &screenVao_);
    glGenBuffers(1, &screenVbo_);
    glBindVertexArray(screenVao_);
    glBindBuffer(GL_ARRAY_BUFFER, screenVbo_);
    attribute(0, 2, sizeof(ScreenVertex), offsetof(ScreenVertex, pixel));
    attribute(1, 4, sizeof(ScreenVertex), offsetof(ScreenVertex, color));
    glGenVertexArrays(1, &lineVao_);
    glGenBuffers(1, &lineVbo_);
    glBindVertexArray(lineVao_);
    glBindBuffer(GL_ARRAY_BUFFER, lineVbo_);
    const auto ls = static_cast<GLsizei>(sizeof(LineVertex));
    attribute(0, 3, ls, offsetof(LineVertex, a));
    attribute(1, 3, ls, offsetof(LineVertex, b));
    attribute(2, 2, ls, offsetof(LineVertex, endSide));
    attribute(3, 4, ls, offsetof(LineVertex, color));
    attribute(4, 2, ls, offsetof(LineVertex, widthDash));
    attribute(5, 1, ls, offsetof(LineVertex, along));

    glGenVertexArrays(1, &markerVao_);
    glGenBuffers(1, &cornerVbo_);
    glGenBuffers(1, &instanceVbo_);
    glBindVertexArray(markerVao_);
    const float corners[] = {-1, -1, 1, -1, -1, 1, 1, 1};
    glBindBuffer(GL_ARRAY_BUFFER, cornerVbo_);
    glBufferData(GL_ARRAY_BUFFER, sizeof corners, corners, GL_STATIC_DRAW);
    attribute(0, 2, 2 * sizeof(float), 0);
    glBindBuffer(GL_ARRAY_BUFFER, instanceVbo_);
    const auto ms = static_cast<GLsizei>(sizeof(MarkerInstance));
    attribute(1, 3, ms, offsetof(MarkerInstance, position), 1);
    attribute(2, 3, ms, offsetof(MarkerInstance, direction), 1);
    attribute(3, 4, ms, offsetof(MarkerInstance, color), 1);
    attribute(4, 4, ms, offsetof(MarkerInstance, ring), 1);
    attribute(5, 3, ms, offsetof(MarkerInstance, sizeShapeSide), 1);
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
    const GLuint buffers[4] = {lineVbo_, cornerVbo_, instanceVbo_, screenVbo_};
    glDeleteBuffers(4, buffers);
    const GLuint arrays[3] = {lineVao_, markerVao_, screenVao_};
    glDeleteVertexArrays(3, arrays);
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

    // Lines in list order (casings before fills), depth-tested ones first, then the ones always on top.
    for (const bool tested : {true, false}) {
        std::size_t segments = 0;
        for (const LineItem& line : list.lines)
            if (line.depthTested == tested && line.points.size() >= 2) segments += line.points.size() - 1;
        std::vector<LineVertex> vertices;
        vertices.reserve(segments * 6); // layers hold many thousands of segments: no regrowth per frame
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
        if (vertices.empty()) continue;
        tested ? glEnable(GL_DEPTH_TEST) : glDisable(GL_DEPTH_TEST);
        lines_.use();
        lines_.set("uViewProj", viewProjection);
        lines_.set("uViewport", vp);
        setCamera(lines_);
        lines_.set("uMetresPerPixel", static_cast<float>(metresPerPixel));
        glBindVertexArray(lineVao_);
        glBindBuffer(GL_ARRAY_BUFFER, lineVbo_);
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices.size() * sizeof(LineVertex)),
                     vertices.data(), GL_STREAM_DRAW);
        glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(vertices.size()));
        ++calls;
    }

    if (!list.markers.empty()) {
        std::vector<MarkerInstance> instances;
        instances.reserve(list.markers.size());
        for (const MarkerItem& m : list.markers)
            instances.push_back({glm::vec3(m.position - origin),
                                 glm::vec3(m.direction),
                                 m.color,
                                 m.ring,
                                 {m.sizePx, static_cast<float>(static_cast<int>(m.shape)), m.sideOffsetPx}});
        glEnable(GL_DEPTH_TEST);
        markers_.use();
        markers_.set("uViewProj", viewProjection);
        markers_.set("uViewport", vp);
        setCamera(markers_);
        glBindVertexArray(markerVao_);
        glBindBuffer(GL_ARRAY_BUFFER, instanceVbo_);
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(instances.size() * sizeof(MarkerInstance)),
                     instances.data(), GL_STREAM_DRAW);
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(instances.size()));
        ++calls;
    }
    if (!list.shapes.empty()) {
        std::vector<ScreenVertex> vertices;
        for (const ScreenShape& shape : list.shapes)
            for (glm::vec2 p : shape.triangles)
                vertices.push_back({p - tileOffset, shape.color});
        glDisable(GL_DEPTH_TEST);
        screen_.use();
        screen_.set("uViewport", vp);
        glBindVertexArray(screenVao_);
        glBindBuffer(GL_ARRAY_BUFFER, screenVbo_);
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices.size() * sizeof(ScreenVertex)),
                     vertices.data(), GL_STREAM_DRAW);
        glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(vertices.size()));
        ++calls;
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
