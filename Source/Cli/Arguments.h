#pragma once

#include <optional>
#include <string>

namespace moodboard::cli
{

/** A whole argument read as a finite number ("12", "0.5"); nothing for "12x", "nan" or "".
    Any thread. */
[[nodiscard]] std::optional<double> parseNumber (const std::string& text);

} // namespace moodboard::cli
