#pragma once
// Multi-touch gestures on the map, without GL or a window system: touch points in (from X11 XInput 2.2, or a
// recorded sequence in a test), camera changes and discrete gestures out. The camera moves through the same
// operations and limits as the mouse (camera_controller.h): one finger pans, two fingers pinch to zoom about
// their centroid, turn to rotate about it, or drag up and down together to tilt; a tap picks, a double tap
// zooms in, a long press asks for the detail card. A released pan glides on (inertia) and slows down.

#include "qinba/core/camera_controller.h"

#include <glm/glm.hpp>
#include <vector>

namespace qinba {

/// What happened to one finger.
enum class TouchPhase { Begin, Move, End, Cancel };

/// One touch event: a finger `id` (unique while it is down) at `position` (pixels from the top-left of the
/// framebuffer) at clock time `time` (seconds).
struct TouchEvent {
    TouchPhase phase = TouchPhase::Begin;
    long id = 0;
    glm::dvec2 position{0.0};
    double time = 0.0;
};

/// A gesture that is not a camera move: the application picks, zooms or opens the detail card.
enum class GestureKind { Tap, DoubleTap, LongPress };
struct Gesture {
    GestureKind kind = GestureKind::Tap;
    glm::dvec2 position{0.0}; ///< pixels
};

/// Thresholds, in pixels, seconds and degrees.
struct GestureSettings {
    double tapSlopPx = 12.0;       ///< a finger that moves less than this is still a tap or a press
    double tapMaxSeconds = 0.35;   ///< longest touch that is a tap
    double doubleTapSeconds = 0.4; ///< most time between the two taps of a double tap
    double doubleTapSlopPx = 48.0; ///< most distance between them
    double doubleTapZoom = 0.5;    ///< distance factor of a double tap (< 1 zooms in)
    double longPressSeconds = 0.7; ///< a still finger held this long is a long press
    double tiltDegreesPerPx = 0.2; ///< pitch change per pixel of a two-finger vertical drag (down = steeper)
    double tiltMinVerticalShare = 0.8; ///< a drag is a tilt when both fingers move at least this vertically
    double inertiaHalfLifeSeconds = 0.25; ///< a released pan's speed halves in this time
    double inertiaMinSpeedPx = 20.0;      ///< a glide stops below this speed (pixels per second)
};

/// The map's geometry for one touch event or frame.
struct TouchView {
    Viewport viewport;
    const TerrainSurface* surface = nullptr;
    CameraLimits limits;
};

class TouchGestures {
  public:
    explicit TouchGestures(const GestureSettings& settings = {}) : settings_(settings) {}

    /// Feeds one event (in time order) and moves `camera` for it; limits are applied.
    void handle(const TouchEvent& event, OrbitCamera& camera, const TouchView& view);
    /// Once a frame at clock time `now`: the long press fires, a released pan glides on.
    void update(double now, OrbitCamera& camera, const TouchView& view);
    /// The taps, double taps and long presses recognised since the last call.
    std::vector<Gesture> takeGestures();

    /// Fingers on the screen.
    int fingers() const { return static_cast<int>(down_.size()); }
    /// Whether touch is moving the camera: fingers down, or a glide.
    bool active() const { return !down_.empty() || gliding_; }
    /// Stops a glide (an automatic flight or the tour takes the camera).
    void stopInertia() { gliding_ = false; }

  private:
    struct Finger {
        long id;
        glm::dvec2 start, last;
        double startTime;
    };
    enum class Mode { None, Pan, Undecided, Transform, Tilt };

    Finger* find(long id);
    void rebase();
    void twoFingerMove(const Finger& a, const Finger& b, glm::dvec2 a0, glm::dvec2 b0, OrbitCamera& camera,
                       const TouchView& view);

    GestureSettings settings_;
    std::vector<Finger> down_; ///< in the order they touched; the first two steer
    Mode mode_ = Mode::None;
    bool moved_ = false;   ///< the current touch went beyond the tap slop or had a second finger
    bool pressed_ = false; ///< the long press of the current touch fired
    glm::dvec2 twoStartA_{0.0}, twoStartB_{0.0};
    glm::dvec2 velocity_{0.0}; ///< of a one-finger pan, pixels per second (smoothed)
    double lastMoveTime_ = 0.0;
    bool gliding_ = false;
    double glideTime_ = 0.0;
    glm::dvec2 glideAt_{0.0};
    double lastTapTime_ = -1e300;
    glm::dvec2 lastTapAt_{0.0};
    std::vector<Gesture> gestures_;
};

} // namespace qinba
