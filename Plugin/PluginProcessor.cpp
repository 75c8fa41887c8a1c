#include "PluginProcessor.h"

#include "PluginEditor.h"

#include "Core/Log.h"

namespace moodboard::plugin
{
namespace
{
const juce::Identifier stateType { "MusicMoodboardState" };
const juce::Identifier versionProperty { "version" };
const juce::Identifier moodTextProperty { "moodText" };
} // namespace

PluginProcessor::PluginProcessor()
    : juce::AudioProcessor (BusesProperties()
                                .withInput ("Input", juce::AudioChannelSet::stereo(), true)
                                .withOutput ("Output", juce::AudioChannelSet::stereo(), true))
{
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

void PluginProcessor::processBlock (juce::AudioBuffer<float>& buffer, juce::MidiBuffer&)
{
    // Audio passes through in place; only outputs without a matching input hold garbage.
    const auto numInputs = getTotalNumInputChannels();
    const auto numOutputs = getTotalNumOutputChannels();

    for (auto channel = numInputs; channel < numOutputs; ++channel)
        buffer.clear (channel, 0, buffer.getNumSamples());

    liveTap.push (buffer.getArrayOfReadPointers(), juce::jmin (numInputs, buffer.getNumChannels()),
                  buffer.getNumSamples());
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

    juce::MemoryOutputStream stream (destData, false);
    state.writeToStream (stream);
}

void PluginProcessor::setStateInformation (const void* data, int sizeInBytes)
{
    if (data == nullptr || sizeInBytes <= 0)
        return;

    const auto state = juce::ValueTree::readFromData (data, (size_t) sizeInBytes);

    if (! state.hasType (stateType))
        return;

    // Version 1 is the first; a later migration step goes here, keyed on the stored version.
    const int version = state.getProperty (versionProperty, 0);

    if (version > stateVersion)
        moodboard::log::warning ("ui", "plugin state from a newer version; reading what is known");

    setLastMoodText (state.getProperty (moodTextProperty).toString());
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
