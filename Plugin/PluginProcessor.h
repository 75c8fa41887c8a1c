#pragma once

#include "MoodboardServices.h"

#include "Audio/LiveAudioTap.h"
#include "Audio/LiveMoodAnalyser.h"

#include <juce_audio_processors/juce_audio_processors.h>

#include <mutex>

namespace moodboard::plugin
{

/** The audio side of Music Moodboard: it passes audio and MIDI through untouched, so the plugin
    can sit on any track while its editor builds playlists from the user's library. A mono copy
    of the audio goes into a lock-free tap, and an analyser thread of this instance estimates the
    session's mood from the last seconds (getLiveMood()).

    State is one ValueTree with a `version` property and the last mood text; it is written as
    JUCE's binary ValueTree format, so equal states give equal bytes. The processor keeps the
    process-wide services alive while it exists, so a scan goes on when the editor is closed.
*/
class PluginProcessor final : public juce::AudioProcessor
{
public:
    /** The version written into saved states; setStateInformation() migrates older ones. */
    static constexpr int stateVersion = 1;

    PluginProcessor();
    ~PluginProcessor() override;

    void prepareToPlay (double sampleRate, int maximumExpectedSamplesPerBlock) override;
    void releaseResources() override;
    bool isBusesLayoutSupported (const BusesLayout& layouts) const override;

    /** Leaves the buffer as it came, clears outputs that have no input, and copies the input into
        the live tap (no allocation, lock or system call). Audio thread. */
    void processBlock (juce::AudioBuffer<float>& buffer, juce::MidiBuffer& midi) override;

    juce::AudioProcessorEditor* createEditor() override;
    bool hasEditor() const override { return true; }

    const juce::String getName() const override { return JucePlugin_Name; }
    bool acceptsMidi() const override { return true; }
    bool producesMidi() const override { return false; }
    bool isMidiEffect() const override { return false; }
    double getTailLengthSeconds() const override { return 0.0; }

    int getNumPrograms() override { return 1; }
    int getCurrentProgram() override { return 0; }
    void setCurrentProgram (int) override {}
    const juce::String getProgramName (int) override { return {}; }
    void changeProgramName (int, const juce::String&) override {}

    /** Writes the state tree; deterministic bytes. Any thread but the audio thread. */
    void getStateInformation (juce::MemoryBlock& destData) override;

    /** Reads a state written by this or an earlier version; ignores data it does not recognise.
        Any thread but the audio thread. */
    void setStateInformation (const void* data, int sizeInBytes) override;

    /** The text of the last mood the user asked for, restored with the host's session.
        Any thread but the audio thread. */
    [[nodiscard]] juce::String getLastMoodText() const;

    /** Remembers the mood text for the next saved state. Any thread but the audio thread. */
    void setLastMoodText (const juce::String& text);

    /** What the host has played lately; nothing until enough audio was heard. Any thread but
        the audio thread. */
    [[nodiscard]] std::optional<audio::LiveMood> getLiveMood() const { return liveAnalyser.latest(); }

    /** How many live estimates were made since playback was prepared. Any thread. */
    [[nodiscard]] int getNumLiveEstimates() const noexcept { return liveAnalyser.getNumEstimates(); }

    /** The services shared by every instance in this process. Message thread. */
    [[nodiscard]] MoodboardServices& getServices() { return *services; }

private:
    juce::SharedResourcePointer<MoodboardServices> services;

    // Each instance has its own tap and analyser: instances share nothing mutable.
    audio::LiveAudioTap liveTap;
    audio::LiveMoodAnalyser liveAnalyser;

    mutable std::mutex stateMutex;
    juce::String lastMoodText;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (PluginProcessor)
};

} // namespace moodboard::plugin
