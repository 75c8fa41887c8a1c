#pragma once

#include "Audio/Features.h"
#include "Mood/MoodTarget.h"

#include <string>

namespace moodboard::matching
{

/** A steady mood target that asks for tracks like the audio these features describe: its
    valence and energy, its danceability and acousticness, and its tempo within 6 % (half and
    double time count, as everywhere). Used for "tracks that fit what the session plays".
    Any thread.
*/
[[nodiscard]] mood::MoodTarget targetLike (const audio::Features& features, int count = 12);

/** One line for the user: "122 BPM, A minor, energy 0.62, valence 0.41: bright, ...".
    Any thread. */
[[nodiscard]] std::string describeLive (const audio::Features& features);

} // namespace moodboard::matching
