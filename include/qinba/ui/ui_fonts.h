#pragma once
// Fonts and sizes of the user interface: Noto Sans CJK (Simplified Chinese face) so Chinese place names
// render, with the glyph atlas limited to the characters actually shown. The font file is found by
// findCjkFontFile() (core/data_paths.h), shared with the map labels.

#include <string>
#include <vector>

namespace qinba {

/// Rebuilds the ImGui font atlas and style for `scale` (1 = 16 px text). `texts` are strings whose CJK
/// characters must be in the atlas. Returns a message for the user when the CJK font is missing (the
/// default font is used then), else an empty string. Call between frames, after the renderer backend is
/// initialised.
std::string rebuildFonts(float scale, const std::vector<std::string>& texts);

} // namespace qinba
