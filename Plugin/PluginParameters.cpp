#include "PluginParameters.h"

#include "Audio/LiveMoodAnalyser.h"

namespace moodboard::plugin::parameters
{
namespace
{
// APVTS's own names for a parameter's child tree and its properties.
const juce::Identifier parameterType { "PARAM" };
const juce::Identifier idProperty { "id" };
const juce::Identifier valueProperty { "value" };

const std::array<const juce::ParameterID*, 3> order { &liveAnalysis, &analysisWindow, &moodPreset };
} // namespace

juce::AudioProcessorValueTreeState::ParameterLayout createLayout()
{
    using Analyser = audio::LiveMoodAnalyser;
    const auto seconds = juce::AudioParameterFloatAttributes().withLabel ("s");

    juce::AudioProcessorValueTreeState::ParameterLayout layout;
    // An on/off switch made as an integer 0..1: JUCE 7.0.5 describes a bool (or choice) parameter
    // to LV2 with port properties, which the LV2 vocabulary allows only on ports, so lv2_validate
    // rejects the bundle. Hosts still show "Off" and "On", and the audio thread reads >= 0.5 as on.
    const auto toText = [] (int value, int) { return juce::String (value != 0 ? "On" : "Off"); };
    const auto fromText = [] (const juce::String& text)
    {
        const auto word = text.trim().toLowerCase();
        return word == "on" || word == "true" || word.getIntValue() != 0 ? 1 : 0;
    };
    const auto onOff = juce::AudioParameterIntAttributes()
                           .withStringFromValueFunction (toText)
                           .withValueFromStringFunction (fromText);
    layout.add (std::make_unique<juce::AudioParameterInt> (liveAnalysis, "Live analysis", 0, 1, 1,
                                                           onOff));
    layout.add (std::make_unique<juce::AudioParameterFloat> (
        analysisWindow, "Analysis window",
        juce::NormalisableRange<float> ((float) Analyser::shortestWindowSeconds,
                                        (float) Analyser::longestWindowSeconds, 0.5f),
        (float) Analyser::windowSeconds, seconds));
    layout.add (std::make_unique<juce::AudioParameterInt> (moodPreset, "Mood preset", 0, 9, 0));
    return layout;
}

juce::ValueTree makeState (juce::AudioProcessorValueTreeState& apvts, const juce::ValueTree& stored)
{
    juce::ValueTree state (stateType);
    const auto known = stored.hasType (stateType);

    for (const auto* id : order)
    {
        auto* parameter = apvts.getParameter (id->getParamID());
        jassert (parameter != nullptr);
        if (parameter == nullptr)
            continue;

        auto value = (double) parameter->convertFrom0to1 (parameter->getDefaultValue());
        const auto child = known ? stored.getChildWithProperty (idProperty, id->getParamID())
                                 : juce::ValueTree();
        if (const auto* given = child.getPropertyPointer (valueProperty);
            given != nullptr && (given->isDouble() || given->isInt() || given->isInt64()
                                 || given->isBool()) && std::isfinite ((double) *given))
        {
            // Through the parameter's own range, so the saved value is the one it will hold.
            const auto normalised = parameter->convertTo0to1 ((float) (double) *given);
            value = (double) parameter->convertFrom0to1 (normalised);
        }

        juce::ValueTree entry (parameterType);
        entry.setProperty (idProperty, id->getParamID(), nullptr);
        entry.setProperty (valueProperty, value, nullptr);
        state.appendChild (entry, nullptr);
    }
    return state;
}

} // namespace moodboard::plugin::parameters
