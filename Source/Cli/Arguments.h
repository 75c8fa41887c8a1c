#pragma once

#include <optional>
#include <string>

namespace moodboard::cli
{

/** A whole argument read as a finite number ("12", "0.5"); nothing for "12x", "nan" or "".
    Any thread. */
[[nodiscard]] std::optional<double> parseNumber (const std::string& text);

/** The playlist's length options: `--count N` (a whole number from 1 to 1000) and
    `--minutes M` (above 0, up to 1440). Returns an error message for a bad value; nothing when
    the value was taken. Any thread. */
[[nodiscard]] std::optional<std::string> parseCount (const std::optional<std::string>& value,
                                                     std::optional<int>& count);
[[nodiscard]] std::optional<std::string> parseMinutes (const std::optional<std::string>& value,
                                                       std::optional<double>& minutes);

} // namespace moodboard::cli
