#pragma once

#include "Library/Track.h"
#include "Mood/MoodTarget.h"

#include <string>

namespace moodboard::matching
{

/** A few words for a point of the mood plane: "calm and gentle", "bright and upbeat". */
[[nodiscard]] std::string describeMood (const mood::MoodPoint&);

/** One line saying why a track sits at a place in the playlist, from its real features:
    "slow 68 BPM, quiet -19 LUFS, acoustic, A minor: fits the calm start". `position` is 0..1
    along the playlist. Any thread.
*/
[[nodiscard]] std::string explainPick (const library::Track&, const mood::MoodTarget&,
                                       const mood::MoodPoint& slotTarget, double position);

} // namespace moodboard::matching
