#include "qinba/core/options.h"

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
    std::string text = "from " + number(min, integer) + " to " + number(max, integer);
    if (*unit) text += std::string(" ") + unit;
    return text;
}

std::string NumberOption::helpText() const {
    return std::string(help) + " (" + rangeText() + "; default " + number(def, integer) + ")";
}

const NumberOption* const* allNumberOptions(std::size_t& count) {
    count = sizeof kAll / sizeof kAll[0];
    return kAll;
}

} // namespace qinba
