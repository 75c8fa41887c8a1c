#pragma once

#include <juce_audio_processors/juce_audio_processors.h>

namespace moodboard::plugin
{

/** The plugin's automatable parameters, few on purpose: the plugin passes audio through and only
    listens, so they steer the live analysis and the mood preset.

    - `liveAnalysis` (0 = off, 1 = on, on): the analyser drains and estimates only while on.
    - `analysisWindow` (5..30 s, 20): how much of the latest audio an estimate looks at.
    - `moodPreset` (0..9, 0 = none): a change to N from the host selects preset N.
*/
namespace parameters
{
inline const juce::ParameterID liveAnalysis { "liveAnalysis", 1 };
inline const juce::ParameterID analysisWindow { "analysisWindow", 1 };
inline const juce::ParameterID moodPreset { "moodPreset", 1 };

/** The type of the parameters' tree inside the plugin state. */
inline const juce::Identifier stateType { "Parameters" };

/** The three parameters, in the order their values are saved. Message thread. */
[[nodiscard]] juce::AudioProcessorValueTreeState::ParameterLayout createLayout();

/** A parameters tree for `apvts` with every parameter, in layout order, each with the value
    `stored` gives it (limited to its range and steps), or its default when `stored` has none
    or is not a parameters tree; anything else in `stored` is left out. Equal values give equal
    trees, so the saved bytes do not depend on what an older state held. Not the audio thread. */
[[nodiscard]] juce::ValueTree makeState (juce::AudioProcessorValueTreeState& apvts,
                                         const juce::ValueTree& stored);
} // namespace parameters

} // namespace moodboard::plugin
