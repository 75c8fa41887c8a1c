#include "AudioFiles.h"
#include "CliRunner.h"

#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <sstream>

using namespace moodboard;

namespace
{
/** The command names of the main help, from its "  moodboard NAME ..." lines. */
std::set<std::string> commandsListedIn (const std::string& help)
{
    std::set<std::string> names;
    const std::regex line (R"(^  moodboard ([a-z-]+))");
    std::istringstream in (help);
    for (std::string text; std::getline (in, text);)
        if (std::smatch match; std::regex_search (text, match, line))
            names.insert (match[1]);
    return names;
}
} // namespace

TEST_CASE ("every moodboard command prints its usage for --help and -h and exits 0", "[cli]")
{
    const auto home = testing::makeScratchFolder ("cli-help-home");

    const auto help = testing::runCli (home, { "help" });
    REQUIRE (help.exitCode == 0);
    const auto commands = commandsListedIn (help.output);
    CHECK (commands == std::set<std::string> { "analyze", "assistant", "chat", "llm-key", "login",
                                               "logout", "mood", "mood-key", "push", "scan",
                                               "spotify", "suggest", "whoami" });

    for (const auto& command : commands)
        for (const std::string flag : { "--help", "-h" })
        {
            INFO (command << " " << flag);
            const auto result = testing::runCli (home, { command, flag });
            CHECK (result.exitCode == 0);
            CHECK (result.output.starts_with ("usage:\n  moodboard " + command + " "));
            // Only this command's lines: the next command of the main help is not there.
            CHECK (commandsListedIn (result.output) == std::set<std::string> { command });
        }

    // Among other arguments too, and without doing the work: no scan, no suggestion.
    const auto suggest = testing::runCli (home, { "suggest", "calm evening", "--help" });
    CHECK (suggest.exitCode == 0);
    CHECK (suggest.output.starts_with ("usage:\n  moodboard suggest "));
    // Its options are explained there, with their defaults.
    CHECK (suggest.output.find ("--count N         how many tracks (default 12)")
           != std::string::npos);
    CHECK (suggest.output.find ("--variety 0..1    0 (default)") != std::string::npos);
    const auto scan = testing::runCli (home, { "scan", home.string(), "-h" });
    CHECK (scan.exitCode == 0);
    CHECK (scan.output.find ("audio files:") == std::string::npos);

    const auto analyse = testing::runCli (home, { "analyse", "--help" });
    CHECK (analyse.exitCode == 0);
    CHECK (analyse.output.starts_with ("usage:\n  moodboard analyze "));

    // An option a command does not know is still a usage error.
    CHECK (testing::runCli (home, { "suggest", "--helpme" }).exitCode == 2);
}
