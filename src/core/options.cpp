#include "qinba/core/options.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <cstdio>

namespace qinba {

namespace {

std::string number(double v, bool integer) {
    char buf[64];
    std::snprintf(buf, sizeof buf, integer ? "%.0f" : "%g", v);
    return buf;
}

const NumberOption* const kAll[] = {
    &options::exaggeration,     &options::sunAzimuth,     &options::sunAltitude,  &options::haze,
    &options::ambient,          &options::textScale,      &options::uiScale,      &options::msaaSamples,
    &options::terrainTriangles, &options::windowWidth,    &options::windowHeight, &options::maxScreenErrorPx,
    &options::tileCacheMb,      &options::gpuTileCacheMb, &options::loaderThreads};

} // namespace

std::string NumberOption::rangeText() const {
    std::string text = formatText(_("from {} to {}"), number(min, integer), number(max, integer));
    if (*unit) text += std::string(" ") + _(unit);
    return text;
}

std::string NumberOption::helpText() const {
    // TRANSLATORS: {0} what the option does, {1} its range ("from 1 to 20 x"), {2} its default.
    return formatText(_("{} ({}; default {})"), _(help), rangeText(), number(def, integer));
}

const NumberOption* const* allNumberOptions(std::size_t& count) {
    count = sizeof kAll / sizeof kAll[0];
    return kAll;
}

} // namespace qinba
