#include "Cli/Arguments.h"

#include <charconv>
#include <cmath>

namespace moodboard::cli
{

std::optional<double> parseNumber (const std::string& text)
{
    double value = 0.0;
    const auto [end, ec] = std::from_chars (text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || ! std::isfinite (value))
        return std::nullopt;
    return value;
}

std::optional<std::string> parseCount (const std::optional<std::string>& value,
                                       std::optional<int>& count)
{
    const auto n = value.and_then (parseNumber);
    if (! n || *n < 1 || *n > 1000 || std::floor (*n) != *n)
        return "--count takes a whole number from 1 to 1000";
    count = static_cast<int> (*n);
    return std::nullopt;
}

std::optional<std::string> parseMinutes (const std::optional<std::string>& value,
                                         std::optional<double>& minutes)
{
    const auto m = value.and_then (parseNumber);
    if (! m || *m <= 0 || *m > 24 * 60)
        return "--minutes takes a number of minutes above 0 and up to 1440";
    minutes = *m;
    return std::nullopt;
}

} // namespace moodboard::cli
