#pragma once

#include "MidiPresetPanel.h"
#include "MoodPresetEditor.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <memory>

namespace moodboard::plugin
{

class MoodPresetService;

/** The Moods & keys tab of the settings: the preset and key mapping editor (MoodPresetEditor)
    and, in a host, the MIDI learn panel (MidiPresetPanel) on a second inner tab. Both panels keep
    their own rules for saving; this tab only places them. Message thread only.
*/
class SettingsMoodsTab final : public juce::Component
{
public:
    /** `midiMap` is the processor's map in a host, nullptr in the standalone app (no MIDI panel).
        The service and the map must outlive the tab. */
    SettingsMoodsTab (MoodPresetService& presets, audio::MidiPresetMap* midiMap);
    ~SettingsMoodsTab() override;

    /** Puts the keyboard focus on the preset list. Message thread. */
    void focusFirstField();

    /** Whether preset edits wait for Save. Message thread. */
    [[nodiscard]] bool hasUnsavedChanges() const noexcept;

    void resized() override;

private:
    MoodPresetEditor* presetEditor = nullptr;   // owned by `inner` or by this tab
    std::unique_ptr<MoodPresetEditor> ownedEditor;
    std::unique_ptr<juce::TabbedComponent> inner;   // only with the MIDI panel

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (SettingsMoodsTab)
};

} // namespace moodboard::plugin
