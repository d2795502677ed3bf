#include "qinba/core/i18n.h"

#include <libintl.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>

namespace qinba::i18n {
namespace {

constexpr const char* kDomain = "qinba";

std::once_flag initOnce;
std::mutex languageMutex;
std::string chosenLanguage; // "" = follow the environment

std::filesystem::path localeDir() {
    if (const char* env = std::getenv("QINBA_LOCALEDIR"); env != nullptr && *env != '\0') return env;
#ifdef QINBA_BUILD_LOCALEDIR
    if (std::filesystem::exists(QINBA_BUILD_LOCALEDIR)) return QINBA_BUILD_LOCALEDIR;
#endif
#ifdef QINBA_INSTALL_LOCALEDIR
    return QINBA_INSTALL_LOCALEDIR;
#else
    return "/usr/share/locale";
#endif
}

void doInit() {
    std::setlocale(LC_ALL, "");
    // Messages need a UTF-8 codeset whatever the environment's; numbers stay in the C locale so files written
    // by the program do not depend on the user's decimal separator.
    std::setlocale(LC_NUMERIC, "C");
    bindtextdomain(kDomain, localeDir().c_str());
    bind_textdomain_codeset(kDomain, "UTF-8");
}

} // namespace

const std::vector<Language>& availableLanguages() {
    static const std::vector<Language> languages{{"zh_CN", "简体中文"}, {"en", "English"}};
    return languages;
}

void init() {
    std::call_once(initOnce, doInit);
}

void setLanguage(const std::string& code) {
    init();
    std::lock_guard lock(languageMutex);
    chosenLanguage = code;
}

std::string currentLanguage() {
    init();
    {
        std::lock_guard lock(languageMutex);
        if (!chosenLanguage.empty()) return chosenLanguage;
    }
    for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value == nullptr || *value == '\0') continue;
        const std::string v = value;
        if (v.rfind("zh", 0) == 0) return "zh_CN";
        return "en";
    }
    return "en";
}

const char* tr(const char* msgid) {
    init();
    // A chosen language overrides the environment through the domain's catalogue lookup, not setlocale, so it
    // can change while other threads translate.
    return dgettext(kDomain, msgid);
}

const char* trContext(const char* context, const char* msgid) {
    init();
    const std::string key = std::string(context) + '\004' + msgid;
    const char* translated = dgettext(kDomain, key.c_str());
    return translated == key.c_str() ? msgid : translated;
}

} // namespace qinba::i18n
