// The interface's translations: the compiled catalogues load, the language switches live both ways, the
// environment's language is followed, and preferences keep the choice.

#include "test_support.h"

#include "qinba/core/i18n.h"
#include "qinba/core/preferences.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string>

namespace qinba {
namespace {

/// Restores following the environment after a test that chose a language.
struct FollowEnvironmentAfterwards {
    ~FollowEnvironmentAfterwards() { i18n::setLanguage(""); }
};

TEST(I18n, ChineseCatalogueLoadsAndTheLanguageSwitchesLiveBothWays) {
    FollowEnvironmentAfterwards restore;
    i18n::setLanguage("zh_CN");
    EXPECT_EQ(i18n::currentLanguage(), "zh_CN");
    EXPECT_STREQ(_("File"), "文件");
    EXPECT_STREQ(_("Ecological core (green heart)"), "生态核心区（绿心）");
    EXPECT_EQ(i18n::format(_("Undo %s"), "x"), "撤销 x");
    // Positional arguments reorder where Chinese needs it.
    EXPECT_EQ(i18n::format(_("Add keyframe %zu to %s"), std::size_t{3}, "tour"), "向 tour 添加关键帧 3");
    i18n::setLanguage("en");
    EXPECT_EQ(i18n::currentLanguage(), "en");
    EXPECT_STREQ(_("File"), "File");
    i18n::setLanguage("zh_CN");
    EXPECT_STREQ(_("File"), "文件");
    // A string without a translation comes back as it is; so does an unknown language's choice.
    EXPECT_STREQ(_("no such message in any catalogue"), "no such message in any catalogue");
    i18n::setLanguage("tlh");
    EXPECT_EQ(i18n::currentLanguage(), i18n::environmentLanguage());
}

TEST(I18n, LanguagesAreListedWithTheirOwnNames) {
    const auto& languages = i18n::availableLanguages();
    ASSERT_EQ(languages.size(), 2u);
    EXPECT_EQ(languages[0].code, "zh_CN");
    EXPECT_EQ(languages[0].nativeName, "简体中文");
    EXPECT_EQ(languages[1].code, "en");
}

TEST(I18n, CatalogueTranslationsCoverTheInterfaceForTheFont) {
    const std::vector<std::string> zh = i18n::catalogueTranslations("zh_CN");
    EXPECT_GT(zh.size(), 300u);
    EXPECT_NE(std::find(zh.begin(), zh.end(), "文件"), zh.end());
    EXPECT_TRUE(i18n::catalogueTranslations("xx").empty());
}

// Run by ctest with LANGUAGE=zh_CN and LC_ALL=C (see tests/CMakeLists.txt): the environment's language is
// followed even under the "C" locale, where glibc would otherwise ignore $LANGUAGE.
TEST(I18nEnvironment, FollowsLanguageEvenUnderTheCLocale) {
    const char* language = std::getenv("LANGUAGE");
    if (language == nullptr || std::string(language) != "zh_CN") GTEST_SKIP() << "run with LANGUAGE=zh_CN";
    EXPECT_EQ(i18n::environmentLanguage(), "zh_CN");
    EXPECT_EQ(i18n::currentLanguage(), "zh_CN");
    EXPECT_STREQ(_("View"), "视图");
    i18n::setLanguage("en");
    EXPECT_STREQ(_("View"), "View");
    i18n::setLanguage("");
    EXPECT_STREQ(_("View"), "视图");
}

TEST(Preferences, KeepTheLanguageAndReadOlderFilesWithout) {
    test::TempDir dir;
    const auto path = dir.path() / "preferences.json";
    Preferences p;
    EXPECT_EQ(p.language, "");
    p.language = "zh_CN";
    ASSERT_TRUE(savePreferences(path, p));
    auto back = loadPreferences(path);
    ASSERT_TRUE(back) << back.error().toString();
    EXPECT_EQ(back->language, "zh_CN");

    // A file from before the setting: the locale is followed.
    std::ofstream(dir.path() / "old.json") << R"({"uiScale": 1.5, "showViewPanel": false})";
    auto old = loadPreferences(dir.path() / "old.json");
    ASSERT_TRUE(old) << old.error().toString();
    EXPECT_EQ(old->language, "");
    EXPECT_DOUBLE_EQ(old->uiScale, 1.5);

    std::ofstream(dir.path() / "bad.json") << R"({"language": "klingon"})";
    auto bad = loadPreferences(dir.path() / "bad.json");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().field, "language");
    EXPECT_NE(bad.error().message.find("zh_CN"), std::string::npos) << bad.error().message;
}

} // namespace
} // namespace qinba
