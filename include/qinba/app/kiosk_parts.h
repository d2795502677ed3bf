#pragma once
// Pieces the kiosk's runs share: the exhibition screen and the soak run (kiosk_command.cpp), the headless
// real-time run that rehearses a video wall (kiosk_headless.cpp).

#include "qinba/app/kiosk_command.h"
#include "qinba/app/kiosk_wall.h"
#include "qinba/app/viewer_session.h"
#include "qinba/core/result.h"
#include "qinba/render/render_target.h"
#include "qinba/render/scene_renderer.h"

#include <memory>
#include <string>
#include <vector>

namespace qinba::app {

/// The renderer with the document's terrain on the GPU (a GL context must be current).
Result<std::unique_ptr<SceneRenderer>> openKioskRenderer(const AppContext& ctx);
/// The texts whose glyphs the kiosk's fonts need: the document's and the kiosk UI's.
std::vector<std::string> kioskFontTexts(const Document& doc);

/// The headless real-time run (KioskOptions::headlessSeconds), on `wall` when there is one.
int runHeadlessKiosk(const KioskOptions& options, KioskWall* wall);

/// Draws into an offscreen target; the scripted visitor's input comes from `nav`.
class HeadlessHost final : public ViewerHost {
  public:
    HeadlessHost(Viewport size, RenderTarget target) : size_(size), target_(std::move(target)) {}
    Viewport viewport() const override { return size_; }
    NavigationInput navigation() override { return nav; }
    void bindTarget() override { target_.bind(); }
    void close() override {}
    NavigationInput nav;

  private:
    Viewport size_;
    RenderTarget target_;
};

} // namespace qinba::app
