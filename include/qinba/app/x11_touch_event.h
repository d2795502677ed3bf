#pragma once
// The translation of one XInput 2.2 device event into a touch event: a pure function, apart from X11 so that
// only its users see Xlib's headers.

#include "qinba/core/touch_gestures.h"

#include <X11/extensions/XInput2.h>

#include <optional>

namespace qinba::app {

/// XI_TouchBegin, XI_TouchUpdate and XI_TouchEnd become Begin, Move and End of finger `detail` at
/// (event_x, event_y) × `pixelScale` (window-relative, to framebuffer pixels), at clock time `now` seconds
/// (not the server's millisecond time, which wraps after 49.7 days). Any other event: nullopt.
std::optional<TouchEvent> touchFromXiEvent(const XIDeviceEvent& event, double pixelScale, double now);

} // namespace qinba::app
