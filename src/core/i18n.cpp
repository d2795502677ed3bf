#include "qinba/core/i18n.h"

#include <libintl.h>

#include <clocale>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <string>

// glibc's catalogue generation counter: incrementing it makes gettext drop the translations it cached, so a
// new $LANGUAGE takes effect at the next lookup (what GNU gettext's own manual recommends for live
// switching).
extern "C" int _nl_msg_cat_cntr;

namespace qinba::i18n {
namespace {

constexpr const char* kDomain = "qinba";

std::once_flag initOnce;
std::mutex languageMutex;
std::string chosenLanguage;   // "" = follow the environment
std::string startLanguageEnv; // $LANGUAGE as the process started, for environmentLanguage()
bool hadLanguageEnv = false;

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

std::string languageOf(const std::string& value) {
    return value.rfind("zh", 0) == 0 ? "zh_CN" : "en";
}

/// Points gettext at `code` through $LANGUAGE and drops its cached translations.
void applyLanguage(const std::string& code) {
    ::setenv("LANGUAGE", code.c_str(), 1);
    ++_nl_msg_cat_cntr;
}

/// $LANGUAGE as the process found it (the program sets it later), then the locale variables.
std::string languageOfEnvironment() {
    if (hadLanguageEnv && !startLanguageEnv.empty()) return languageOf(startLanguageEnv);
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && *value != '\0') return languageOf(value);
    }
    return "en";
}

void doInit() {
    if (const char* env = std::getenv("LANGUAGE")) hadLanguageEnv = true, startLanguageEnv = env;
    std::setlocale(LC_ALL, "");
    // glibc ignores $LANGUAGE while LC_MESSAGES is the "C" locale (also what a locale that is not installed
    // falls back to); C.UTF-8 is always there and lets the catalogue be chosen by $LANGUAGE.
    const char* messages = std::setlocale(LC_MESSAGES, nullptr);
    if (messages == nullptr || std::strcmp(messages, "C") == 0 || std::strcmp(messages, "POSIX") == 0)
        std::setlocale(LC_MESSAGES, "C.UTF-8");
    // Numbers stay in the C locale so files written by the program do not depend on the user's decimal
    // separator.
    std::setlocale(LC_NUMERIC, "C");
    bindtextdomain(kDomain, localeDir().c_str());
    bind_textdomain_codeset(kDomain, "UTF-8");
    // The environment's language, resolved once to a catalogue we ship, so that LANG=zh_CN.UTF-8 selects
    // Chinese even where that locale is not installed.
    applyLanguage(languageOfEnvironment());
}

std::uint32_t read32(const std::string& data, std::size_t at, bool swap) {
    if (at + 4 > data.size()) return 0;
    std::uint32_t v = 0;
    std::memcpy(&v, data.data() + at, 4);
    return swap ? __builtin_bswap32(v) : v;
}

} // namespace

const std::vector<Language>& availableLanguages() {
    static const std::vector<Language> languages{{"zh_CN", "简体中文"}, {"en", "English"}};
    return languages;
}

void init() {
    std::call_once(initOnce, doInit);
}

std::string environmentLanguage() {
    init();
    return languageOfEnvironment();
}

void setLanguage(const std::string& code) {
    init();
    std::lock_guard lock(languageMutex);
    bool known = false;
    for (const Language& l : availableLanguages())
        known |= l.code == code;
    chosenLanguage = known ? code : std::string();
    applyLanguage(chosenLanguage.empty() ? environmentLanguage() : chosenLanguage);
}

std::string currentLanguage() {
    init();
    std::lock_guard lock(languageMutex);
    return chosenLanguage.empty() ? environmentLanguage() : chosenLanguage;
}

std::string localeDirectory() {
    return localeDir().string();
}

const char* tr(const char* msgid) {
    init();
    return dgettext(kDomain, msgid);
}

const char* trContext(const char* context, const char* msgid) {
    init();
    const std::string key = std::string(context) + '\004' + msgid;
    const char* translated = dgettext(kDomain, key.c_str());
    return translated == key.c_str() ? msgid : translated;
}

std::string format(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    va_list again;
    va_copy(again, args);
    const int n = std::vsnprintf(nullptr, 0, fmt, args);
    va_end(args);
    std::string out;
    if (n > 0) {
        out.resize(static_cast<std::size_t>(n) + 1);
        std::vsnprintf(out.data(), out.size(), fmt, again);
        out.resize(static_cast<std::size_t>(n));
    }
    va_end(again);
    return out;
}

std::vector<std::string> catalogueTranslations(const std::string& code) {
    // The GNU .mo layout: magic, revision, count, offset of the original table, offset of the translation
    // table; each table entry is (length, offset).
    const std::filesystem::path file = localeDir() / code / "LC_MESSAGES" / "qinba.mo";
    std::ifstream in(file, std::ios::binary);
    const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::string> out;
    if (data.size() < 20) return out;
    std::uint32_t magic = 0;
    std::memcpy(&magic, data.data(), 4);
    const bool swap = magic == 0xde120495u;
    if (!swap && magic != 0x950412deu) return out;
    const std::uint32_t count = read32(data, 8, swap), table = read32(data, 16, swap);
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::uint32_t length = read32(data, table + 8ull * i, swap);
        const std::uint32_t offset = read32(data, table + 8ull * i + 4, swap);
        if (static_cast<std::size_t>(offset) + length > data.size()) break;
        out.emplace_back(data.data() + offset, length);
    }
    return out;
}

} // namespace qinba::i18n
