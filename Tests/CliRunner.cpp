#include "CliRunner.h"

#include <array>
#include <cstdio>
#include <sys/wait.h>

namespace moodboard::testing
{
namespace
{
std::string quote (const std::string& text)
{
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string ("'\\''") : std::string (1, c);
    return out + "'";
}
} // namespace

CliResult runCli (const std::filesystem::path& home, std::initializer_list<std::string> args,
                  const CliOptions& options)
{
    std::string command;
    if (! options.input.empty())
        command += "printf '%s' " + quote (options.input) + " | ";
    command += "MOODBOARD_HOME=" + quote (home.string());
    for (const auto& [name, value] : options.environment)
        command += " " + name + "=" + quote (value);
    command += " " + quote (MOODBOARD_TEST_CLI);
    for (const auto& arg : args)
        command += " " + quote (arg);
    if (options.captureErrors)
        command += " 2>&1";

    CliResult result;
    FILE* pipe = ::popen (command.c_str(), "r");
    if (pipe == nullptr)
        return result;

    std::array<char, 4096> buffer {};
    for (std::size_t n; (n = std::fread (buffer.data(), 1, buffer.size(), pipe)) > 0;)
        result.output.append (buffer.data(), n);

    const int status = ::pclose (pipe);
    result.exitCode = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
    return result;
}

double meanOf (const nlohmann::json& tracks, const char* field)
{
    double sum = 0.0;
    int n = 0;
    for (const auto& t : tracks)
        if (t[field].is_number())
        {
            sum += t[field].get<double>();
            ++n;
        }
    return n > 0 ? sum / n : 0.0;
}

} // namespace moodboard::testing
