#pragma once

#include <juce_audio_basics/juce_audio_basics.h>

namespace moodboard::bench
{

/** Stereo music-like audio: a chord pad with a kick on every beat and hats on the off-beats at
    `bpm`. Deterministic, so runs compare. Any thread.
*/
[[nodiscard]] juce::AudioBuffer<float> makeMusic (double rate, double seconds, double bpm);

} // namespace moodboard::bench
