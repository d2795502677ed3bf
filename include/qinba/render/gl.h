#pragma once
// OpenGL entry points, resolved at run time by libepoxy for GLX (windows) and EGL (headless) contexts alike.

#include <epoxy/gl.h>
