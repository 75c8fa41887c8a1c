#pragma once

#include "MoodboardServices.h"

#include "Audio/LiveAudioTap.h"
#include "Audio/LiveMoodAnalyser.h"
#include "Audio/MidiPresetMap.h"

#include <juce_audio_processors/juce_audio_processors.h>

#include <atomic>
#include <mutex>
#include <optional>

namespace moodboard::plugin
{

/** The audio side of Music Moodboard: it passes audio and MIDI through untouched, so the plugin
    can sit on any track while its editor builds playlists from the user's library. While the
    `liveAnalysis` parameter is on, a mono copy of the audio goes into a lock-free tap, and an
    analyser thread of this instance estimates the session's mood from the last `analysisWindow`
    seconds (getLiveMood()).

    Mood presets are asked for in two ways: a note or controller from the MIDI input, through the
    learnable MidiPresetMap (getMidiPresetMap()), or a host change of the `moodPreset` parameter.
    Either way the audio thread only stores the preset's index in an atomic, and the message
    thread takes it with takeRequestedMoodPreset().

    The audio thread reads the parameters through APVTS's atomics and the map through its atomic
    slots; it never allocates, locks, logs or calls the system.

    State is one ValueTree, `MusicMoodboardState`, with `version` 2: the parameters (APVTS) and
    the MIDI map as children, and the last mood text as a property. Version 1 (the mood text
    only) is migrated; unknown data is ignored. It is written in JUCE's binary ValueTree format
    and rebuilt from known values every time, so equal states give equal bytes. No credentials go
    into it. The processor keeps the process-wide services alive while it exists, so a scan goes
    on when the editor is closed.
*/
class PluginProcessor final : public juce::AudioProcessor
{
public:
    /** The version written into saved states; setStateInformation() migrates older ones. */
    static constexpr int stateVersion = 2;

    PluginProcessor();
    ~PluginProcessor() override;

    void prepareToPlay (double sampleRate, int maximumExpectedSamplesPerBlock) override;
    void releaseResources() override;
    bool isBusesLayoutSupported (const BusesLayout& layouts) const override;

    /** Leaves the buffer as it came, clears outputs that have no input, copies the input into
        the live tap while live analysis is on, and turns mapped MIDI and a changed `moodPreset`
        into a requested preset (no allocation, lock or system call). Audio thread. */
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

    /** Reads a state written by this or an earlier version (what a newer one adds is skipped);
        parts it lacks get their defaults. Restoring `moodPreset` requests no preset. Any thread
        but the audio thread. */
    void setStateInformation (const void* data, int sizeInBytes) override;

    /** The text of the last mood the user asked for, restored with the host's session.
        Any thread but the audio thread. */
    [[nodiscard]] juce::String getLastMoodText() const;

    /** Remembers the mood text for the next saved state. Any thread but the audio thread. */
    void setLastMoodText (const juce::String& text);

    /** The preset (0-based: preset N is N - 1) that MIDI or the `moodPreset` parameter asked for
        since the last call, the newest if several; nothing otherwise. Message thread. */
    [[nodiscard]] std::optional<int> takeRequestedMoodPreset();

    /** Which notes or controllers select which preset; the editor arms learns on it and shows
        it. Its own methods say which thread may call them. */
    [[nodiscard]] audio::MidiPresetMap& getMidiPresetMap() noexcept { return midiPresets; }

    /** The automatable parameters' tree and attachments (see PluginParameters.h); the
        parameters themselves are also in AudioProcessor::getParameters(). Message thread. */
    [[nodiscard]] juce::AudioProcessorValueTreeState& getParameterState() noexcept { return apvts; }

    /** What the host has played lately; nothing until enough audio was heard. Any thread but
        the audio thread. */
    [[nodiscard]] std::optional<audio::LiveMood> getLiveMood() const
    {
        return liveAnalyser.latest();
    }

    /** How many live estimates were made since playback was prepared. Any thread. */
    [[nodiscard]] int getNumLiveEstimates() const noexcept
    {
        return liveAnalyser.getNumEstimates();
    }

    /** Whether the analyser is draining and estimating (the `liveAnalysis` parameter as the
        audio thread last passed it on). Any thread. */
    [[nodiscard]] bool isLiveAnalysisActive() const noexcept { return liveAnalyser.isActive(); }

    /** The services shared by every instance in this process. Message thread. */
    [[nodiscard]] MoodboardServices& getServices() { return *services; }

private:
    void applyAnalysisParameters() noexcept;
    void notePresetParameter() noexcept;

    juce::SharedResourcePointer<MoodboardServices> services;

    juce::AudioProcessorValueTreeState apvts;
    std::atomic<float>& liveAnalysisValue;
    std::atomic<float>& analysisWindowValue;
    std::atomic<float>& moodPresetValue;

    // Each instance has its own tap, analyser and map: instances share nothing mutable.
    audio::LiveAudioTap liveTap;
    audio::LiveMoodAnalyser liveAnalyser;
    audio::MidiPresetMap midiPresets;

    std::atomic<int> requestedPreset { -1 };   // 0-based; -1 when nothing is waiting
    std::atomic<int> seenPresetValue { 0 };    // `moodPreset` as last noticed

    mutable std::mutex stateMutex;
    juce::String lastMoodText;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (PluginProcessor)
};

} // namespace moodboard::plugin
