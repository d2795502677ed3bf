#pragma once
// An OpenGL 3.3+ core context without any window or display server, through EGL.

#include "qinba/core/result.h"

#include <memory>

namespace qinba {

/// Owns an EGL display and context and keeps the context current on the creating thread. Tries, in order:
/// Mesa's surfaceless platform (CI, servers without X), the first EGL device (NVIDIA without X), then the
/// default display with a 1×1 pbuffer. Rendering goes into framebuffer objects (see RenderTarget).
class HeadlessContext {
  public:
    static Result<std::unique_ptr<HeadlessContext>> create();
    ~HeadlessContext();
    HeadlessContext(const HeadlessContext&) = delete;
    HeadlessContext& operator=(const HeadlessContext&) = delete;

    /// Which EGL platform was used, for logs.
    const char* platform() const { return platform_; }

  private:
    HeadlessContext() = default;
    void* display_ = nullptr;
    void* context_ = nullptr;
    void* surface_ = nullptr;
    const char* platform_ = "";
};

} // namespace qinba
