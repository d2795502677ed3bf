#include "qinba/core/color_ramp.h"

#include "qinba/core/i18n.h"

#include <algorithm>

namespace qinba {

glm::vec3 ColorRamp::colorAt(double elevationMetres) const {
    if (stops.empty()) return glm::vec3(1.0f);
    if (elevationMetres <= stops.front().elevation) return stops.front().color;
    if (elevationMetres >= stops.back().elevation) return stops.back().color;
    const auto upper = std::upper_bound(stops.begin(), stops.end(), elevationMetres,
                                        [](double e, const ColorStop& s) { return e < s.elevation; });
    const auto lower = upper - 1;
    const double t = (elevationMetres - lower->elevation) / (upper->elevation - lower->elevation);
    return glm::mix(lower->color, upper->color, static_cast<float>(t));
}

const std::vector<ColorRamp>& builtinRamps() {
    auto rgb = [](float r, float g, float b) { return glm::vec3(r / 255.0f, g / 255.0f, b / 255.0f); };
    // Atlas tints: greens in the basins and plains, ochres on the Loess Plateau and the middle mountains,
    // browns and greys on the high ridges, white above 4500 m.
    static const std::vector<ColorRamp> ramps = {
        {"atlas",
         N_("Atlas tints"),
         {{-50, rgb(150, 190, 210)},
          {0, rgb(96, 150, 92)},
          {200, rgb(126, 172, 100)},
          {500, rgb(170, 196, 120)},
          {900, rgb(214, 208, 142)},
          {1300, rgb(214, 184, 128)},
          {1800, rgb(190, 150, 108)},
          {2500, rgb(160, 128, 104)},
          {3200, rgb(160, 150, 144)},
          {4000, rgb(214, 212, 210)},
          {5000, rgb(250, 250, 250)}},
         false},
        {"vegetation",
         N_("Green lowlands to rock"),
         {{0, rgb(60, 120, 70)},
          {400, rgb(100, 150, 80)},
          {1000, rgb(150, 170, 100)},
          {1800, rgb(150, 140, 100)},
          {2800, rgb(130, 120, 110)},
          {4000, rgb(230, 230, 230)}},
         false},
        {"greys", N_("Grey by elevation"), {{0, rgb(70, 70, 70)}, {4000, rgb(245, 245, 245)}}, false},
        {"shade", N_("Hillshade only"), {{0, rgb(255, 255, 255)}, {1, rgb(255, 255, 255)}}, true},
    };
    return ramps;
}

const ColorRamp* findRamp(const std::string& id) {
    for (const auto& r : builtinRamps())
        if (r.id == id) return &r;
    return nullptr;
}

} // namespace qinba
