#include "qinba/core/map_text.h"

namespace qinba {

std::string mapText(const MapText& text, LabelLanguage language) {
    if (text.zh.empty() || language == LabelLanguage::English) return text.en;
    if (language == LabelLanguage::Chinese || text.en.empty()) return text.zh;
    return text.en + " " + text.zh;
}

} // namespace qinba
