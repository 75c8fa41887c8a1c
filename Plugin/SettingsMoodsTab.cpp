#include "SettingsMoodsTab.h"

#include "MoodPresetService.h"
#include "MoodboardLookAndFeel.h"

namespace moodboard::plugin
{

SettingsMoodsTab::SettingsMoodsTab (MoodPresetService& presets, audio::MidiPresetMap* midiMap)
{
    setFocusContainerType (FocusContainerType::focusContainer);

    if (midiMap == nullptr)
    {
        ownedEditor = std::make_unique<MoodPresetEditor> (presets);
        presetEditor = ownedEditor.get();
        addAndMakeVisible (*presetEditor);
        return;
    }

    // In a host the MIDI panel needs room of its own, so the two share the space as inner tabs.
    inner = std::make_unique<juce::TabbedComponent> (juce::TabbedButtonBar::TabsAtTop);
    inner->setTabBarDepth (30);
    inner->setOutline (0);
    inner->setColour (juce::TabbedComponent::backgroundColourId, palette::panel);
    presetEditor = new MoodPresetEditor (presets);
    inner->addTab ("Presets and keys", palette::panel, presetEditor, true);
    auto name = [&presets] (int index)
    {
        const auto& list = presets.getPresets();
        return juce::isPositiveAndBelow (index, (int) list.size())
                   ? juce::String::fromUTF8 (list[(size_t) index].name.c_str())
                   : juce::String();
    };
    inner->addTab ("MIDI learn", palette::panel, new MidiPresetPanel (*midiMap, name), true);
    addAndMakeVisible (*inner);
}

SettingsMoodsTab::~SettingsMoodsTab() = default;

void SettingsMoodsTab::focusFirstField()
{
    if (inner != nullptr && inner->getCurrentTabIndex() != 0)
        inner->setCurrentTabIndex (0);
    presetEditor->focusFirstField();
}

bool SettingsMoodsTab::hasUnsavedChanges() const noexcept
{
    return presetEditor->hasUnsavedChanges();
}

void SettingsMoodsTab::resized()
{
    if (inner != nullptr)
        inner->setBounds (getLocalBounds());
    else
        presetEditor->setBounds (getLocalBounds());
}

} // namespace moodboard::plugin
