#pragma once

#include "Mood/MoodTokeniser.h"

#include <cstddef>
#include <optional>
#include <vector>

namespace moodboard::mood
{

/** A number read from tokens and how many tokens it took. */
struct NumberRead
{
    double value = 0.0;
    std::size_t length = 0;
};

/** Reads a number at tokens[index]: digits ("10", "1.5"), words ("ten", "twenty five",
    "a dozen", "half an", "one and a half"). When allowArticle is set, a lone "a" or "an" reads
    as one, as in "an hour". Any thread.
*/
[[nodiscard]] std::optional<NumberRead> readNumber (const std::vector<MoodToken>& tokens,
                                                    std::size_t index, bool allowArticle);

} // namespace moodboard::mood
