#pragma once

#include "Mood/MoodTarget.h"
#include "Mood/MoodTokeniser.h"

#include <optional>
#include <vector>

namespace moodboard::mood
{

/** The hard requests found in a text: how many tracks, how long, which tempo, vocals or not.
    `consumed` marks the tokens they used so that mood reading skips them.
*/
struct MoodConstraints
{
    std::optional<int> count;
    std::optional<double> durationSeconds;
    std::optional<TempoRange> tempoBpm;
    std::optional<bool> instrumental;
    std::vector<bool> consumed;
};

/** Finds counts ("10 songs", "a dozen"), durations ("45 minutes", "half an hour"), tempi
    ("around 120 bpm", "between 90 and 110 bpm") and vocal wishes ("no lyrics", "with vocals").
    Out-of-range values are clamped to what a playlist can be. Any thread.
*/
[[nodiscard]] MoodConstraints extractConstraints (const std::vector<MoodToken>& tokens);

} // namespace moodboard::mood
