#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace moodboard::log
{

/** One log for the whole program, a file under the XDG state folder (moodboard.log), rotated at
    1 MiB. Each line carries a time, a level and a category (the subsystem: "scan", "ui", "net").

    Every line passes through redact() before it is written, so a token, code, verifier or key
    that slips into a message never reaches the file. Any thread except the audio thread (it
    locks and writes to disk).
*/
enum class Level
{
    debug,
    info,
    warning,
    error
};

void write (Level, std::string_view category, std::string_view message);

inline void info (std::string_view category, std::string_view message)
{
    write (Level::info, category, message);
}

inline void warning (std::string_view category, std::string_view message)
{
    write (Level::warning, category, message);
}

inline void error (std::string_view category, std::string_view message)
{
    write (Level::error, category, message);
}

/** Lines below this level are dropped; MOODBOARD_LOG_LEVEL (debug, info, warning, error) sets
    the starting value. */
void setMinimumLevel (Level);

/** The file lines go to; changes take effect for the next line. */
[[nodiscard]] std::filesystem::path getFile();

/** Masks secrets: Authorization headers, bearer tokens, and the values of parameters named like
    access_token, refresh_token, id_token, code, code_verifier, client_secret, api_key, password. */
[[nodiscard]] std::string redact (std::string_view text);

} // namespace moodboard::log
