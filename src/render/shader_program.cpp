#include "qinba/render/shader_program.h"

#include "qinba/core/atomic_file.h"
#include "qinba/render/gl.h"

#include <glm/gtc/type_ptr.hpp>
#include <utility>

namespace qinba {

namespace {

/// The compiler's or linker's log of a shader or program object, without trailing newlines.
template <typename GetIv, typename GetLog>
std::string infoLog(GLuint object, GetIv getIv, GetLog getLog) {
    GLint len = 0;
    getIv(object, GL_INFO_LOG_LENGTH, &len);
    std::string log(static_cast<std::size_t>(std::max(len, 1)), '\0');
    getLog(object, len, nullptr, log.data());
    while (!log.empty() && (log.back() == '\0' || log.back() == '\n'))
        log.pop_back();
    return log;
}

Result<GLuint> compile(GLenum stage, const std::filesystem::path& file) {
    auto source = readFile(file.string());
    if (!source) return source.error();
    const GLuint shader = glCreateShader(stage);
    const char* text = source->c_str();
    glShaderSource(shader, 1, &text, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        const std::string log = infoLog(shader, glGetShaderiv, glGetShaderInfoLog);
        glDeleteShader(shader);
        return Error{file.string(), "", "does not compile: " + log};
    }
    return shader;
}

std::filesystem::file_time_type mtime(const std::filesystem::path& p) {
    std::error_code ec;
    const auto t = std::filesystem::last_write_time(p, ec);
    return ec ? std::filesystem::file_time_type{} : t;
}

} // namespace

ShaderProgram::~ShaderProgram() {
    if (program_) glDeleteProgram(program_);
}

ShaderProgram::ShaderProgram(ShaderProgram&& o) noexcept {
    *this = std::move(o);
}

ShaderProgram& ShaderProgram::operator=(ShaderProgram&& o) noexcept {
    if (this != &o) {
        if (program_) glDeleteProgram(program_);
        program_ = std::exchange(o.program_, 0);
        dir_ = std::move(o.dir_);
        vertName_ = std::move(o.vertName_);
        fragName_ = std::move(o.fragName_);
        vertTime_ = o.vertTime_;
        fragTime_ = o.fragTime_;
        locations_ = std::move(o.locations_);
    }
    return *this;
}

Result<ShaderProgram> ShaderProgram::load(const std::filesystem::path& dir, const std::string& name) {
    return load(dir, name, name);
}

Result<ShaderProgram> ShaderProgram::load(const std::filesystem::path& dir, const std::string& vertName,
                                          const std::string& fragName) {
    const auto vertPath = dir / (vertName + ".vert");
    const auto fragPath = dir / (fragName + ".frag");
    auto vs = compile(GL_VERTEX_SHADER, vertPath);
    if (!vs) return vs.error();
    auto fs = compile(GL_FRAGMENT_SHADER, fragPath);
    if (!fs) {
        glDeleteShader(*vs);
        return fs.error();
    }
    const GLuint program = glCreateProgram();
    glAttachShader(program, *vs);
    glAttachShader(program, *fs);
    glLinkProgram(program);
    glDeleteShader(*vs);
    glDeleteShader(*fs);
    GLint ok = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (!ok) {
        const std::string log = infoLog(program, glGetProgramiv, glGetProgramInfoLog);
        glDeleteProgram(program);
        return Error{fragPath.string(), "",
                     "does not link with " + vertPath.filename().string() + ": " + log};
    }
    ShaderProgram p;
    p.program_ = program;
    p.dir_ = dir;
    p.vertName_ = vertName;
    p.fragName_ = fragName;
    p.vertTime_ = mtime(vertPath);
    p.fragTime_ = mtime(fragPath);
    return p;
}

Status ShaderProgram::reloadIfChanged(bool& reloaded) {
    reloaded = false;
    if (mtime(dir_ / (vertName_ + ".vert")) == vertTime_ && mtime(dir_ / (fragName_ + ".frag")) == fragTime_)
        return okStatus();
    auto fresh = load(dir_, vertName_, fragName_);
    if (!fresh) {
        // Do not retry the same broken files every frame.
        vertTime_ = mtime(dir_ / (vertName_ + ".vert"));
        fragTime_ = mtime(dir_ / (fragName_ + ".frag"));
        return fresh.error();
    }
    *this = std::move(*fresh);
    reloaded = true;
    return okStatus();
}

void ShaderProgram::use() const {
    glUseProgram(program_);
}

int ShaderProgram::location(const char* name) {
    const auto it = locations_.find(name);
    if (it != locations_.end()) return it->second;
    const int loc = glGetUniformLocation(program_, name);
    locations_.emplace(name, loc);
    return loc;
}

void ShaderProgram::set(const char* name, int v) {
    glUniform1i(location(name), v);
}
void ShaderProgram::set(const char* name, float v) {
    glUniform1f(location(name), v);
}
void ShaderProgram::set(const char* name, glm::vec2 v) {
    glUniform2fv(location(name), 1, glm::value_ptr(v));
}
void ShaderProgram::set(const char* name, glm::vec3 v) {
    glUniform3fv(location(name), 1, glm::value_ptr(v));
}
void ShaderProgram::set(const char* name, glm::vec4 v) {
    glUniform4fv(location(name), 1, glm::value_ptr(v));
}
void ShaderProgram::set(const char* name, const glm::mat4& m) {
    glUniformMatrix4fv(location(name), 1, GL_FALSE, glm::value_ptr(m));
}

} // namespace qinba
