// The command line in the interface language: CLI11's own words and its parse errors.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace qinba::app {

/// Puts CLI11's own words into the interface language: "Usage", "OPTIONS", "REQUIRED", the group titles
/// "Options" and "Subcommands", the -h/--help and --version descriptions and the parse error messages. Call
/// on the top-level app right after creating it: options and subcommands added later inherit these.
void localiseCommandLine(CLI::App& app);

/// Gives every subcommand's -h/--help the translated group: CLI11 creates a subcommand's help flag before the
/// subcommand takes the parent's defaults. Call once all subcommands are added.
void localiseSubcommandHelp(CLI::App& app);

/// A CLI11 parse error (missing option, value out of range, unexpected argument …) as a sentence in the
/// interface language; messages it does not recognise come back as CLI11 wrote them.
std::string translateParseError(const std::string& message);

} // namespace qinba::app
