#include "qinba/render/headless_context.h"

#include "qinba/render/gl_info.h"

#include <epoxy/egl.h>

#include <string>
#include <vector>

namespace qinba {

namespace {

bool hasExtension(const char* list, const char* name) {
    if (!list) return false;
    const std::string all(list), want(name);
    std::size_t pos = 0;
    while ((pos = all.find(want, pos)) != std::string::npos) {
        const std::size_t end = pos + want.size();
        if ((pos == 0 || all[pos - 1] == ' ') && (end == all.size() || all[end] == ' ')) return true;
        pos = end;
    }
    return false;
}

struct Attempt {
    EGLDisplay display = EGL_NO_DISPLAY;
    const char* platform = "";
};

std::vector<Attempt> candidateDisplays() {
    std::vector<Attempt> out;
    const char* clientExts = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
    const bool platformBase = hasExtension(clientExts, "EGL_EXT_platform_base");
    if (platformBase && hasExtension(clientExts, "EGL_MESA_platform_surfaceless")) {
        out.push_back({eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr),
                       "EGL surfaceless"});
    }
    if (platformBase && hasExtension(clientExts, "EGL_EXT_platform_device") &&
        hasExtension(clientExts, "EGL_EXT_device_enumeration")) {
        EGLDeviceEXT devices[8];
        EGLint count = 0;
        if (eglQueryDevicesEXT(8, devices, &count) && count > 0)
            out.push_back(
                {eglGetPlatformDisplayEXT(EGL_PLATFORM_DEVICE_EXT, devices[0], nullptr), "EGL device"});
    }
    out.push_back({eglGetDisplay(EGL_DEFAULT_DISPLAY), "EGL default display"});
    return out;
}

} // namespace

Result<std::unique_ptr<HeadlessContext>> HeadlessContext::create() {
    std::string tried;
    for (const Attempt& a : candidateDisplays()) {
        if (a.display == EGL_NO_DISPLAY) continue;
        EGLint major = 0, minor = 0;
        if (!eglInitialize(a.display, &major, &minor)) {
            tried += std::string(tried.empty() ? "" : "; ") + a.platform + ": cannot initialise";
            continue;
        }
        keepGlDriversLoaded(); // eglInitialize loaded the driver; eglTerminate below must not unload it
        if (!eglBindAPI(EGL_OPENGL_API)) {
            tried += std::string(tried.empty() ? "" : "; ") + a.platform + ": no desktop OpenGL";
            eglTerminate(a.display);
            continue;
        }
        const char* exts = eglQueryString(a.display, EGL_EXTENSIONS);
        const bool noConfig = hasExtension(exts, "EGL_KHR_no_config_context");
        const bool surfaceless = hasExtension(exts, "EGL_KHR_surfaceless_context");
        EGLConfig config = EGL_NO_CONFIG_KHR;
        if (!noConfig || !surfaceless) {
            const EGLint attrs[] = {EGL_SURFACE_TYPE,
                                    EGL_PBUFFER_BIT,
                                    EGL_RENDERABLE_TYPE,
                                    EGL_OPENGL_BIT,
                                    EGL_RED_SIZE,
                                    8,
                                    EGL_GREEN_SIZE,
                                    8,
                                    EGL_BLUE_SIZE,
                                    8,
                                    EGL_NONE};
            EGLint n = 0;
            if (!eglChooseConfig(a.display, attrs, &config, 1, &n) || n < 1) {
                tried += std::string(tried.empty() ? "" : "; ") + a.platform + ": no usable config";
                eglTerminate(a.display);
                continue;
            }
        }
        const EGLint ctxAttrs[] = {EGL_CONTEXT_MAJOR_VERSION,
                                   3,
                                   EGL_CONTEXT_MINOR_VERSION,
                                   3,
                                   EGL_CONTEXT_OPENGL_PROFILE_MASK,
                                   EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                                   EGL_NONE};
        EGLContext ctx = eglCreateContext(a.display, config, EGL_NO_CONTEXT, ctxAttrs);
        if (ctx == EGL_NO_CONTEXT) {
            tried += std::string(tried.empty() ? "" : "; ") + a.platform + ": no OpenGL 3.3 core context";
            eglTerminate(a.display);
            continue;
        }
        EGLSurface surface = EGL_NO_SURFACE;
        if (!surfaceless) {
            const EGLint pbAttrs[] = {EGL_WIDTH, 1, EGL_HEIGHT, 1, EGL_NONE};
            surface = eglCreatePbufferSurface(a.display, config, pbAttrs);
        }
        if (!eglMakeCurrent(a.display, surface, surface, ctx)) {
            tried +=
                std::string(tried.empty() ? "" : "; ") + a.platform + ": cannot make the context current";
            if (surface != EGL_NO_SURFACE) eglDestroySurface(a.display, surface);
            eglDestroyContext(a.display, ctx);
            eglTerminate(a.display);
            continue;
        }
        std::unique_ptr<HeadlessContext> out(new HeadlessContext());
        out->display_ = a.display;
        out->context_ = ctx;
        out->surface_ = surface;
        out->platform_ = a.platform;
        return out;
    }
    return Error{"", "OpenGL",
                 "no headless OpenGL 3.3 context could be created (" +
                     (tried.empty() ? std::string("no EGL display") : tried) +
                     "); install libegl1 and libgl1-mesa-dri"};
}

HeadlessContext::~HeadlessContext() {
    auto* dpy = static_cast<EGLDisplay>(display_);
    eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    if (surface_) eglDestroySurface(dpy, static_cast<EGLSurface>(surface_));
    eglDestroyContext(dpy, static_cast<EGLContext>(context_));
    eglTerminate(dpy);
}

} // namespace qinba
