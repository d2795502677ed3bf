// Translation of user-visible text through GNU gettext (text domain "qinba").
//
// Every string a person reads — menus, panels, dialogs, notifications, help, the command line's --help and
// error messages — is written in English in the source and wrapped in _() where it is used, or in N_() where
// it sits in a static table and is translated later with _(). `xgettext --keyword=_ --keyword=N_
// --keyword=C_:1c,2` extracts them into assets/locale/qinba.pot; assets/locale/<lang>.po holds each
// language's translations and CMake compiles them to .mo files with msgfmt.
#pragma once

#include <string>
#include <vector>

namespace qinba::i18n {

/// One language the interface ships in: its locale code ("zh_CN", "en") and its own name ("简体中文").
struct Language {
    std::string code;
    std::string nativeName;
};

/// The languages with a complete catalogue, Simplified Chinese first.
const std::vector<Language>& availableLanguages();

/// Binds the text domain to the folder holding <lang>/LC_MESSAGES/qinba.mo: $QINBA_LOCALEDIR, else the build
/// tree's catalogues, else the installed ones. Sets the C library's locale from the environment. Safe to call
/// more than once; tr() calls it on first use.
void init();

/// Switches the language of every later tr(), at once (live, between two frames): a code from
/// availableLanguages(), or "" to follow the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG). Sets
/// $LANGUAGE for this process; call it from the thread that draws the interface.
void setLanguage(const std::string& code);

/// The language the environment asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, first set wins): "zh_CN"
/// for any Chinese locale, else "en".
std::string environmentLanguage();

/// The language tr() translates into now: a code from availableLanguages() ("en" when the environment asks
/// for a language without a catalogue).
std::string currentLanguage();

/// The translation of msgid in the current language, or msgid itself when there is none. The pointer stays
/// valid for the life of the program.
const char* tr(const char* msgid);

/// printf-style formatting into a std::string, for translated format strings: format(_("Opened %s"), path).
std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

/// Every translated string (msgstr) of a language's compiled catalogue (<localedir>/<code>/LC_MESSAGES/
/// qinba.mo), for building the glyph ranges of a font; empty when there is no catalogue.
std::vector<std::string> catalogueTranslations(const std::string& code);

/// The folder the text domain is bound to (holding <lang>/LC_MESSAGES/qinba.mo).
std::string localeDirectory();

/// The translation of msgid in a disambiguating context (gettext's pgettext), for short words such as
/// "Open" that need different translations in different places.
const char* trContext(const char* context, const char* msgid);

} // namespace qinba::i18n

// `_` is gettext's own name, the keyword xgettext and translators know (.clang-tidy allows it).
#define _(msgid) ::qinba::i18n::tr(msgid)
#define N_(msgid) (msgid)
#define C_(context, msgid) ::qinba::i18n::trContext(context, msgid)
