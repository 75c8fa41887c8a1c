#include "PluginProcessor.h"

#include "PluginEditor.h"
#include "PluginParameters.h"

#include "Core/Log.h"

namespace moodboard::plugin
{
namespace
{
const juce::Identifier stateType { "MusicMoodboardState" };
const juce::Identifier versionProperty { "version" };
const juce::Identifier moodTextProperty { "moodText" };
const juce::Identifier midiPresetsType { "MidiPresets" };
const juce::Identifier triggersProperty { "triggers" };

std::atomic<float>& rawValue (juce::AudioProcessorValueTreeState& apvts,
                              const juce::ParameterID& id)
{
    auto* value = apvts.getRawParameterValue (id.getParamID());
    jassert (value != nullptr);
    return *value;
}
} // namespace

PluginProcessor::PluginProcessor()
    : juce::AudioProcessor (BusesProperties()
                                .withInput ("Input", juce::AudioChannelSet::stereo(), true)
                                .withOutput ("Output", juce::AudioChannelSet::stereo(), true)),
      apvts (*this, nullptr, parameters::stateType, parameters::createLayout()),
      liveAnalysisValue (rawValue (apvts, parameters::liveAnalysis)),
      analysisWindowValue (rawValue (apvts, parameters::analysisWindow)),
      moodPresetValue (rawValue (apvts, parameters::moodPreset))
{
    // The same tree a loaded state would give, so the first saved bytes equal every later save.
    apvts.replaceState (parameters::makeState (apvts, {}));
    applyAnalysisParameters();

    // The standalone app is the user's library manager: it picks up files added to the
    // remembered folder since the last run. Inside a host, scanning waits for the user.
    if (wrapperType == wrapperType_Standalone)
        services->library.rescanRememberedFolder();
}

PluginProcessor::~PluginProcessor() { liveAnalyser.stop(); }

void PluginProcessor::prepareToPlay (double sampleRate, int)
{
    // The host does not process while it prepares: the tap can be resized safely once its reader
    // has stopped. Four seconds of room; the analyser drains it ten times a second.
    liveAnalyser.stop();
    liveTap.prepare (sampleRate > 0.0 ? sampleRate : 44100.0, 4.0);
    applyAnalysisParameters();
    liveAnalyser.start (liveTap);
}

void PluginProcessor::releaseResources() { liveAnalyser.stop(); }

bool PluginProcessor::isBusesLayoutSupported (const BusesLayout& layouts) const
{
    const auto& out = layouts.getMainOutputChannelSet();

    if (out != juce::AudioChannelSet::mono() && out != juce::AudioChannelSet::stereo())
        return false;

    return layouts.getMainInputChannelSet() == out;
}

void PluginProcessor::processBlock (juce::AudioBuffer<float>& buffer, juce::MidiBuffer& midi)
{
    // Audio passes through in place; only outputs without a matching input hold garbage.
    const auto numInputs = getTotalNumInputChannels();
    const auto numOutputs = getTotalNumOutputChannels();

    for (auto channel = numInputs; channel < numOutputs; ++channel)
        buffer.clear (channel, 0, buffer.getNumSamples());

    applyAnalysisParameters();
    if (liveAnalyser.isActive())
        liveTap.push (buffer.getArrayOfReadPointers(),
                      juce::jmin (numInputs, buffer.getNumChannels()), buffer.getNumSamples());

    notePresetParameter();

    // The newest mapped message in the block wins; the MIDI itself passes through.
    for (const auto metadata : midi)
        if (const auto slot = midiPresets.handle (metadata.data, metadata.numBytes); slot >= 0)
            requestedPreset.store (slot);
}

void PluginProcessor::applyAnalysisParameters() noexcept
{
    liveAnalyser.setActive (liveAnalysisValue.load() >= 0.5f);
    liveAnalyser.setWindowSeconds ((double) analysisWindowValue.load());
}

void PluginProcessor::notePresetParameter() noexcept
{
    // Whichever thread sees a change first passes it on, once.
    const auto value = juce::roundToInt (moodPresetValue.load());
    if (seenPresetValue.exchange (value) != value && value > 0)
        requestedPreset.store (value - 1);
}

std::optional<int> PluginProcessor::takeRequestedMoodPreset()
{
    // A host may change the parameter while it does not process.
    notePresetParameter();

    if (const auto index = requestedPreset.exchange (-1); index >= 0)
        return index;
    return std::nullopt;
}

juce::AudioProcessorEditor* PluginProcessor::createEditor()
{
    return new PluginEditor (*this);
}

void PluginProcessor::getStateInformation (juce::MemoryBlock& destData)
{
    juce::ValueTree state (stateType);
    state.setProperty (versionProperty, stateVersion, nullptr);
    state.setProperty (moodTextProperty, getLastMoodText(), nullptr);
    state.appendChild (parameters::makeState (apvts, apvts.copyState()), nullptr);

    juce::ValueTree midiState (midiPresetsType);
    midiState.setProperty (triggersProperty, juce::String (midiPresets.serialise()), nullptr);
    state.appendChild (midiState, nullptr);

    juce::MemoryOutputStream stream (destData, false);
    state.writeToStream (stream);
}

void PluginProcessor::setStateInformation (const void* data, int sizeInBytes)
{
    if (data == nullptr || sizeInBytes <= 0)
        return;

    const auto state = juce::ValueTree::readFromData (data, (size_t) sizeInBytes);

    if (! state.hasType (stateType))
    {
        moodboard::log::warning ("ui", "plugin state not recognised; the current settings stay");
        return;
    }

    // Version 1 held only the mood text: its parameters and MIDI map are the defaults, which is
    // what the missing children below give. A newer version is read as far as it is known.
    const int version = state.getProperty (versionProperty, 0);

    if (version > stateVersion)
        moodboard::log::warning ("ui", "plugin state from a newer version; reading what is known");

    setLastMoodText (state.getProperty (moodTextProperty).toString());

    apvts.replaceState (
        parameters::makeState (apvts, state.getChildWithName (parameters::stateType)));
    seenPresetValue.store (juce::roundToInt (moodPresetValue.load()));
    applyAnalysisParameters();

    const auto midiState = state.getChildWithName (midiPresetsType);
    midiPresets.deserialise (midiState.getProperty (triggersProperty).toString().toStdString());
}

juce::String PluginProcessor::getLastMoodText() const
{
    std::lock_guard lock (stateMutex);
    return lastMoodText;
}

void PluginProcessor::setLastMoodText (const juce::String& text)
{
    std::lock_guard lock (stateMutex);
    lastMoodText = text;
}

} // namespace moodboard::plugin

juce::AudioProcessor* JUCE_CALLTYPE createPluginFilter()
{
    return new moodboard::plugin::PluginProcessor();
}
