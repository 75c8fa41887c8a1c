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

} // namespace moodboard::cli
