#include "qinba/render/gl_info.h"

#include "qinba/render/gl.h"

#include <dlfcn.h>
#include <link.h>

#include <cstring>

namespace qinba {

void keepGlDriversLoaded() {
    dl_iterate_phdr(
        [](dl_phdr_info* module, std::size_t, void*) {
            // RTLD_NOLOAD: only modules already loaded; RTLD_NODELETE: never unloaded. The handle is kept
            // on purpose (not closed), like the driver.
            if (module->dlpi_name && std::strstr(module->dlpi_name, "_dri.so"))
                dlopen(module->dlpi_name, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
            return 0;
        },
        nullptr);
}

GlInfo GlInfo::query() {
    keepGlDriversLoaded();
    GlInfo info;
    auto str = [](GLenum name) {
        const auto* s = reinterpret_cast<const char*>(glGetString(name));
        return std::string(s ? s : "");
    };
    info.version = str(GL_VERSION);
    info.renderer = str(GL_RENDERER);
    glGetIntegerv(GL_MAJOR_VERSION, &info.major);
    glGetIntegerv(GL_MINOR_VERSION, &info.minor);
    glGetIntegerv(GL_MAX_SAMPLES, &info.maxSamples);
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &info.maxRenderbufferSize);
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &info.maxTextureSize);
    GLint dims[2] = {0, 0};
    glGetIntegerv(GL_MAX_VIEWPORT_DIMS, dims);
    info.maxViewportWidth = dims[0];
    info.maxViewportHeight = dims[1];
    return info;
}

std::string GlInfo::summary() const {
    return "OpenGL " + version + " on " + renderer + ", up to " + std::to_string(maxSamples) +
           "x MSAA, framebuffers up to " + std::to_string(maxRenderbufferSize) + " px";
}

} // namespace qinba
