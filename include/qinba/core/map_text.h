#pragma once
// The languages of the map's own words: place labels, legend lines, notes and credits.

#include <string>

namespace qinba {

/// Which names a label shows.
enum class LabelLanguage : int { Chinese = 0, English = 1, Both = 2 };

/// Map content named in both languages (legend lines, notes, credits): what the picture shows follows the
/// map labels' language, not the interface's.
struct MapText {
    std::string en; ///< English
    std::string zh; ///< Simplified Chinese; empty: the English serves
};

/// The text in `language`: Chinese, English, or both as "English 中文".
std::string mapText(const MapText& text, LabelLanguage language);

} // namespace qinba
