#pragma once

#include "Audio/MidiPresetMap.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <array>
#include <functional>
#include <memory>

namespace moodboard::plugin
{

/** Shows which MIDI note or controller selects each of the nine mood presets and lets the user
    learn a new one: a row per preset, "Preset N <name>", its trigger ("note C4, any channel",
    "CC 20, channel 1") and a Learn button. Learn arms the map; the next note-on or controller
    the audio thread hands to the map becomes that preset's trigger. The panel polls the map ten
    times a second while it is showing, so a learn appears without any callback from the audio
    thread. "Defaults" puts notes C4..G#4 on any channel back.

    The map belongs to the processor (PluginProcessor::getMidiPresetMap()) and must outlive the
    panel. All methods: message thread.
*/
class MidiPresetPanel final : public juce::Component,
                              private juce::Timer
{
public:
    static constexpr int rowHeight = 30;

    /** `presetName` gives the name of preset `index` (0-based: preset N is N - 1); it is asked
        again at every poll, so renamed presets show their new name. */
    MidiPresetPanel (audio::MidiPresetMap& map, std::function<juce::String (int)> presetName);
    ~MidiPresetPanel() override;

    /** The height that shows every row without squeezing. */
    [[nodiscard]] int getIdealHeight() const noexcept;

    /** Reads the map and the names again now instead of at the next poll. */
    void refresh();

    void resized() override;
    void paint (juce::Graphics&) override;

private:
    struct Row
    {
        juce::Label name;
        juce::Label trigger;
        juce::TextButton learn { "Learn" };
    };

    void timerCallback() override;
    void learnClicked (int slot);

    audio::MidiPresetMap& map;
    std::function<juce::String (int)> presetName;
    juce::Label heading;
    std::array<std::unique_ptr<Row>, audio::MidiPresetMap::numSlots> rows;
    juce::TextButton defaultsButton { "Defaults" };

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (MidiPresetPanel)
};

} // namespace moodboard::plugin
