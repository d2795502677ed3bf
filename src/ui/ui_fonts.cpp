#include "qinba/ui/ui_fonts.h"

#include "qinba/core/data_paths.h"
#include "qinba/core/i18n.h"

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

namespace qinba {

std::string rebuildFonts(float scale, const std::vector<std::string>& texts) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const float size = 16.0f * scale;
    std::string warning;
    const std::string cjk = findCjkFontFile();
    // The ranges must outlive the atlas build, which happens when the backend creates the texture.
    static ImVector<ImWchar> ranges;
    ranges.clear();
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    static const ImWchar extra[] = {0x00B0, 0x00B1, 0x00D7, 0x00D7, 0x2013, 0x2014,
                                    0x2026, 0x2026, 0x2190, 0x2193, 0};
    builder.AddRanges(extra);
    for (const std::string& t : texts)
        builder.AddText(t.c_str());
    // Every character of every catalogue, so that switching the language needs no new atlas.
    for (const i18n::Language& l : i18n::availableLanguages()) {
        builder.AddText(l.nativeName.c_str());
        for (const std::string& t : i18n::catalogueTranslations(l.code))
            builder.AddText(t.c_str());
    }
    builder.BuildRanges(&ranges);
    ImFont* font = nullptr;
    if (!cjk.empty()) {
        ImFontConfig cfg;
        cfg.FontNo = 2; // Simplified Chinese face of the collection
        cfg.OversampleH = 2;
        font = io.Fonts->AddFontFromFileTTF(cjk.c_str(), size, &cfg, ranges.Data);
    }
    if (!font) {
        ImFontConfig cfg;
        cfg.SizePixels = size;
        io.Fonts->AddFontDefault(&cfg);
        warning = _("Chinese font not found: install the Debian package fonts-noto-cjk (or set QINBA_FONT); "
                    "Chinese names cannot be shown.");
    }
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();

    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 6.0f;
    style.FrameRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.WindowBorderSize = 0.0f;
    style.ScaleAllSizes(scale);
    return warning;
}

} // namespace qinba
