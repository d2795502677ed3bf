#pragma once
// What the current OpenGL context offers.

#include <string>

namespace qinba {

/// Limits and identity of the current context, read once after it is made current.
struct GlInfo {
    std::string version;  ///< GL_VERSION string
    std::string renderer; ///< GL_RENDERER string, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"
    int major = 0;        ///< context version
    int minor = 0;
    int maxSamples = 0;          ///< most MSAA samples a renderbuffer may have
    int maxRenderbufferSize = 0; ///< pixels per side
    int maxTextureSize = 0;      ///< pixels per side
    int maxViewportWidth = 0;    ///< pixels
    int maxViewportHeight = 0;

    /// Reads the current context. Requires a current OpenGL context.
    static GlInfo query();
    /// One line for logs and the About box.
    std::string summary() const;
};

/// Keeps the OpenGL drivers loaded so far (Mesa's `*_dri.so`) in memory until the process ends. Mesa
/// unloads its driver with the last display (eglTerminate, glXDestroyContext) while memory the driver's
/// globals still point to stays allocated; once the module is gone, LeakSanitizer can neither see those
/// globals nor name the module, and reports the driver's caches as leaks of no known origin that no
/// suppression can match. With the driver kept, the leak check of our own code stays exact. Called by
/// GlInfo::query and HeadlessContext::create; any number of calls are fine.
void keepGlDriversLoaded();

} // namespace qinba
