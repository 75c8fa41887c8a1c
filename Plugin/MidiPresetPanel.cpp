#include "MidiPresetPanel.h"

#include "MoodboardLookAndFeel.h"

namespace moodboard::plugin
{

MidiPresetPanel::MidiPresetPanel (audio::MidiPresetMap& m, std::function<juce::String (int)> name)
    : map (m), presetName (std::move (name))
{
    heading.setText ("MIDI preset keys", juce::dontSendNotification);
    heading.setFont (juce::Font (MoodboardLookAndFeel::bodyFontHeight, juce::Font::bold));
    addAndMakeVisible (heading);

    for (int slot = 0; slot < audio::MidiPresetMap::numSlots; ++slot)
    {
        auto& row = rows[(std::size_t) slot];
        row = std::make_unique<Row>();
        row->trigger.setColour (juce::Label::textColourId, palette::textDim);
        row->learn.setTooltip ("Play a note or move a controller to select preset "
                               + juce::String (slot + 1) + " with it");
        row->learn.onClick = [this, slot] { learnClicked (slot); };
        addAndMakeVisible (row->name);
        addAndMakeVisible (row->trigger);
        addAndMakeVisible (row->learn);
    }

    defaultsButton.setTooltip ("Notes C4 to G#4 on any channel select presets 1 to 9");
    defaultsButton.onClick = [this]
    {
        map.armLearn (-1);
        map.resetToDefaults();
        refresh();
    };
    addAndMakeVisible (defaultsButton);
    refresh();
    startTimerHz (10);
}

MidiPresetPanel::~MidiPresetPanel()
{
    // A learn nobody can see any more would take the user's next note by surprise.
    stopTimer();
    if (map.getLearningSlot() >= 0)
        map.armLearn (-1);
}

int MidiPresetPanel::getIdealHeight() const noexcept
{
    return rowHeight * (audio::MidiPresetMap::numSlots + 2) + 8;
}

void MidiPresetPanel::refresh()
{
    const auto learningSlot = map.getLearningSlot();

    for (int slot = 0; slot < audio::MidiPresetMap::numSlots; ++slot)
    {
        auto& row = *rows[(std::size_t) slot];
        const auto name = presetName != nullptr ? presetName (slot) : juce::String();
        row.name.setText ("Preset " + juce::String (slot + 1) + (name.isEmpty() ? "" : "  " + name),
                          juce::dontSendNotification);

        const auto learning = learningSlot == slot;
        const auto trigger = map.getTrigger (slot);
        row.trigger.setText (learning ? juce::String ("Play a note or move a controller...")
                                      : juce::String (audio::MidiPresetMap::describe (trigger)),
                             juce::dontSendNotification);
        row.learn.setButtonText (learning ? "Cancel" : "Learn");
        row.learn.setToggleState (learning, juce::dontSendNotification);
    }
}

void MidiPresetPanel::learnClicked (int slot)
{
    map.armLearn (map.getLearningSlot() == slot ? -1 : slot);
    refresh();
}

void MidiPresetPanel::timerCallback()
{
    // Names can change without the map changing, so they are read again at every poll; a label
    // given its current text does not repaint.
    if (isShowing())
        refresh();
}

void MidiPresetPanel::paint (juce::Graphics& g)
{
    g.setColour (palette::panel);
    g.fillRoundedRectangle (getLocalBounds().toFloat(), MoodboardLookAndFeel::cornerRadius);
}

void MidiPresetPanel::resized()
{
    auto area = getLocalBounds().reduced (8, 4);
    auto top = area.removeFromTop (rowHeight);
    defaultsButton.setBounds (top.removeFromRight (90).reduced (0, 3));
    heading.setBounds (top);

    for (auto& row : rows)
    {
        auto line = area.removeFromTop (rowHeight);
        row->learn.setBounds (line.removeFromRight (90).reduced (0, 3));
        const auto nameWidth = juce::jmax (120, line.getWidth() / 2);
        row->name.setBounds (line.removeFromLeft (nameWidth));
        row->trigger.setBounds (line);
    }
}

} // namespace moodboard::plugin
