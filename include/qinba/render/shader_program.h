#pragma once
// A GLSL program built from `<name>.vert` and `<name>.frag` files under the shader folder, with reloading.

#include "qinba/core/result.h"

#include <filesystem>
#include <glm/glm.hpp>
#include <string>
#include <unordered_map>

namespace qinba {

/// Owns a linked GL program. Requires a current OpenGL context for every call.
class ShaderProgram {
  public:
    ShaderProgram() = default;
    ~ShaderProgram();
    ShaderProgram(ShaderProgram&& other) noexcept;
    ShaderProgram& operator=(ShaderProgram&& other) noexcept;
    ShaderProgram(const ShaderProgram&) = delete;
    ShaderProgram& operator=(const ShaderProgram&) = delete;

    /// Compiles and links `dir/name.vert` and `dir/name.frag`. Errors name the file and carry the
    /// compiler's log.
    static Result<ShaderProgram> load(const std::filesystem::path& dir, const std::string& name);
    /// Compiles and links `dir/vertName.vert` with `dir/fragName.frag` (stages that share a shader file).
    static Result<ShaderProgram> load(const std::filesystem::path& dir, const std::string& vertName,
                                      const std::string& fragName);

    /// When either file changed on disk since it was loaded, rebuilds; on failure keeps the working
    /// program and returns the error. Returns true in `reloaded` when a new program is in use.
    Status reloadIfChanged(bool& reloaded);

    void use() const;
    unsigned id() const { return program_; }

    void set(const char* name, int v);
    void set(const char* name, float v);
    void set(const char* name, glm::vec2 v);
    void set(const char* name, glm::vec3 v);
    void set(const char* name, glm::vec4 v);
    void set(const char* name, const glm::mat4& m);

  private:
    int location(const char* name);
    unsigned program_ = 0;
    std::filesystem::path dir_;
    std::string vertName_, fragName_;
    std::filesystem::file_time_type vertTime_{}, fragTime_{};
    std::unordered_map<std::string, int> locations_;
};

} // namespace qinba
