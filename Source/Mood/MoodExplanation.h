#pragma once

#include "Mood/MoodMentions.h"
#include "Mood/MoodTarget.h"

#include <string>
#include <vector>

namespace moodboard::mood
{

/** Writes the one-sentence explanation of a parsed target: what the person feels, what they
    want, and what the music will be like ("You feel sleepy and want something relaxing: calm,
    low-energy music, steady."). With no mood found, it says so and suggests words to try.
    Any thread.
*/
[[nodiscard]] std::string explainMood (const std::vector<const MoodMention*>& state,
                                       const std::vector<const MoodMention*>& wish,
                                       const MoodTarget& target);

/** A short description of a point on the mood plane, e.g. "bright, high-energy". Any thread. */
[[nodiscard]] std::string describeMoodPoint (const MoodPoint& point);

} // namespace moodboard::mood
