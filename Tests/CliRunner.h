#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

/** Runs the `moodboard` program built with the tests, as a user would from a shell. */
namespace moodboard::testing
{

struct CliResult
{
    int exitCode = -1;
    std::string output;   // standard output only; standard error goes to the test log
};

/** More of the environment a run sees, and what it reads on standard input. */
struct CliOptions
{
    std::vector<std::pair<std::string, std::string>> environment;
    std::string input;   // empty: standard input is the test's own
    bool captureErrors = false;   // true: standard error is part of `output`
};

/** Runs `moodboard ARGS` with MOODBOARD_HOME set to `home`. Arguments are shell-quoted. */
[[nodiscard]] CliResult runCli (const std::filesystem::path& home,
                                std::initializer_list<std::string> args,
                                const CliOptions& options = {});

/** The mean of a numeric field over the tracks of `moodboard suggest --json`, skipping nulls. */
[[nodiscard]] double meanOf (const nlohmann::json& tracks, const char* field);

} // namespace moodboard::testing
