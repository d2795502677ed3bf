#include "qinba/app/cli_language.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <regex>
#include <vector>

namespace qinba::app {

namespace {

/// One of CLI11's message shapes and its translation; the captures fill the pattern's placeholders in order.
struct ErrorShape {
    std::regex shape;
    const char* pattern; ///< N_() text, translated when used
};

/// Whether a CLI11 range bound is one of the extremes it uses for "positive" and "non-negative".
bool unbounded(const std::string& bound) {
    return bound.size() > 20;
}

std::string translateOne(const std::string& message);

const std::vector<ErrorShape>& shapes() {
    static const std::vector<ErrorShape> list{
        {std::regex("^(.+) is required$"), N_("{} is required")},
        {std::regex("^A subcommand$"), N_("a subcommand is required")},
        {std::regex("^The following arguments? (?:was|were) not expected: (.*)$"),
         N_("unexpected arguments: {}")},
        {std::regex("^Could not convert: (.+) = (.*)$"), N_("{}: '{}' is not a valid value")},
        {std::regex("^The value (.*) is not an allowed value for (.+)$"), N_("{1}: '{0}' is not allowed")},
        {std::regex("^Expected exactly (\\d+) arguments to (.+), got (\\d+)$"),
         N_("{1} takes exactly {0} values, got {2}")},
        {std::regex("^Expected at least (\\d+) arguments to (.+), got (\\d+)$"),
         N_("{1} takes at least {0} values, got {2}")},
        {std::regex("^(.+) requires (.+)$"), N_("{} requires {}")},
        {std::regex("^(.+) excludes (.+)$"), N_("{} cannot be used with {}")},
        {std::regex("^(.+): too many inputs for a flag$"), N_("{}: a switch takes no value")},
        {std::regex("^(.+): Should be true/false or a number$"), N_("{}: expected true, false or a number")},
        {std::regex("^File does not exist: (.*)$"), N_("file not found: {}")},
        {std::regex("^File is actually a directory: (.*)$"), N_("{} is a folder, not a file")},
        {std::regex("^Directory does not exist: (.*)$"), N_("folder not found: {}")},
        {std::regex("^Failed parsing (.*) as a (.+)$"), N_("'{}' is not a {}")},
        {std::regex("^Value (.*) could not be converted(?: to .*)?$"), N_("'{}' is not a valid value")},
    };
    return list;
}

std::string translateOne(const std::string& message) {
    std::smatch m;
    // "--name: detail": the option, then what CLI11's validator said about its value.
    static const std::regex validation("^(-[^:\\s]*|[A-Za-z][A-Za-z0-9_-]*): (.+)$");
    static const std::regex range("^Value (.*) not in range (\\S+) to (\\S+)$");
    static const std::regex member("^(.*) not in (\\{.*\\})$");
    if (std::regex_match(message, m, validation)) {
        const std::string option = m[1], said = m[2];
        const std::string detail = translateOne(said);
        if (detail != said) return option + ": " + detail;
    }
    if (std::regex_match(message, m, range)) {
        const std::string value = m[1], low = m[2], high = m[3];
        if (unbounded(high) && std::stod(low) > 0.0)
            return formatText(_("'{}' is not a positive number"), value);
        if (unbounded(high)) return formatText(_("'{}' is not a number of 0 or more"), value);
        return formatText(_("'{}' is not in the range {} to {}"), value, textOf(std::stod(low)),
                          textOf(std::stod(high)));
    }
    if (std::regex_match(message, m, member))
        return formatText(_("'{}' is not one of {}"), std::string(m[1]), std::string(m[2]));
    for (const ErrorShape& s : shapes()) {
        if (!std::regex_match(message, m, s.shape)) continue;
        std::vector<std::string> captures;
        for (std::size_t i = 1; i < m.size(); ++i)
            captures.push_back(m[i]);
        return formatTextList(_(s.pattern), captures);
    }
    return message;
}

} // namespace

std::string translateParseError(const std::string& message) {
    return translateOne(message);
}

void localiseCommandLine(CLI::App& app) {
    const auto formatter = app.get_formatter();
    for (const char* key : {N_("Usage"), N_("OPTIONS"), N_("SUBCOMMAND"), N_("SUBCOMMANDS"), N_("REQUIRED"),
                            N_("Positionals"), N_("Env"), N_("Needs"), N_("Excludes")})
        formatter->label(key, _(key));
    // The group first: the help flag is re-created below and takes the default group then.
    app.option_defaults()->group(_("Options"));
    app.group(_("Subcommands"));
    app.set_help_flag("-h,--help", _("print this help and exit"));
    app.failure_message([](const CLI::App* failed, const CLI::Error& e) {
        std::string text = translateParseError(e.what()) + "\n";
        if (failed->get_help_ptr() != nullptr)
            text +=
                formatText(_("Run with {} for more information."), failed->get_help_ptr()->get_name()) + "\n";
        return text;
    });
}

void localiseSubcommandHelp(CLI::App& app) {
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        if (CLI::Option* help = sub->get_help_ptr(); help != nullptr) help->group(_("Options"));
        localiseSubcommandHelp(*sub);
    }
}

} // namespace qinba::app
