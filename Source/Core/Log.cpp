#include "Core/Log.h"

#include "Core/Paths.h"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <mutex>
#include <regex>

namespace moodboard::log
{
namespace
{
constexpr std::uintmax_t rotateAtBytes = 1024 * 1024;

Level initialLevel()
{
    const char* env = std::getenv ("MOODBOARD_LOG_LEVEL");
    const std::string value = env != nullptr ? env : "";

    if (value == "debug") return Level::debug;
    if (value == "warning") return Level::warning;
    if (value == "error") return Level::error;
    return Level::info;
}

std::mutex& logMutex()
{
    static std::mutex m;
    return m;
}

Level& minimumLevel()
{
    static Level level = initialLevel();
    return level;
}

const char* levelName (Level level)
{
    switch (level)
    {
        case Level::debug: return "debug";
        case Level::info: return "info";
        case Level::warning: return "warning";
        case Level::error: return "error";
    }
    return "info";
}

std::string timestamp()
{
    const auto now = std::chrono::system_clock::to_time_t (std::chrono::system_clock::now());
    std::tm utc {};
    gmtime_r (&now, &utc);
    char buffer[32];
    std::strftime (buffer, sizeof (buffer), "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}
} // namespace

std::filesystem::path getFile() { return Paths::stateDir() / "moodboard.log"; }

void setMinimumLevel (Level level)
{
    std::lock_guard lock (logMutex());
    minimumLevel() = level;
}

std::string redact (std::string_view text)
{
    static const std::regex header (R"((authorization\s*:\s*)[^\r\n]*)", std::regex::icase);
    static const std::regex bearer (R"((bearer\s+)[A-Za-z0-9._~+/=-]+)", std::regex::icase);
    static const std::regex param (
        R"(((?:access_token|refresh_token|id_token|code|code_verifier|client_secret|)"
        R"(api_key|apikey|password|token)"
        R"(["']?\s*[=:]\s*["']?))[^"'&\s,}]+)",
        std::regex::icase);

    std::string out (text);
    out = std::regex_replace (out, header, "$1[redacted]");
    out = std::regex_replace (out, bearer, "$1[redacted]");
    out = std::regex_replace (out, param, "$1[redacted]");
    return out;
}

void write (Level level, std::string_view category, std::string_view message)
{
    std::lock_guard lock (logMutex());

    if (level < minimumLevel())
        return;

    const auto file = getFile();
    std::error_code ec;

    if (std::filesystem::file_size (file, ec) > rotateAtBytes && ! ec)
        std::filesystem::rename (file, file.string() + ".1", ec);

    std::ofstream out (file, std::ios::app);
    out << timestamp() << ' ' << levelName (level) << " [" << category << "] "
        << redact (message) << '\n';
}

} // namespace moodboard::log
