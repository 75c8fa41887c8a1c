#include "MoodPresetFields.h"

#include "SettingsStyle.h"

#include <algorithm>

namespace moodboard::plugin
{
namespace
{
constexpr int rowHeight = 34;
constexpr int captionWidth = 110;

/** How far a new start is put from the end, in energy, so that the arc clearly moves. */
constexpr double startDistance = 0.4;

// Combo box ids are 1-based; the order is that of mood::Arc.
int idFor (mood::Arc arc) { return (int) arc + 1; }
mood::Arc arcFor (int id) { return (mood::Arc) std::clamp (id - 1, 0, 2); }
} // namespace

MoodPresetFields::MoodPresetFields()
{
    settings::styleCaption (nameCaption, "NAME");
    addAndMakeVisible (nameCaption);
    settings::styleField (name, "Preset name", "A short name, such as Calm");
    name.setInputRestrictions ((int) mood::maxMoodPresetNameLength);
    name.onTextChange = [this]
    {
        preset.name = name.getText().toStdString();
        changed();
    };
    addAndMakeVisible (name);

    settings::styleCaption (arcCaption, "ARC");
    addAndMakeVisible (arcCaption);
    arc.setTitle ("Arc");
    arc.addItem ("Steady: stays at the end point", idFor (mood::Arc::steady));
    arc.addItem ("Rising: energy goes up from the start", idFor (mood::Arc::rising));
    arc.addItem ("Falling: energy goes down from the start", idFor (mood::Arc::falling));
    arc.onChange = [this] { arcChosen(); };
    addAndMakeVisible (arc);

    setupSlider (endValence, "END VALENCE");
    setupSlider (endEnergy, "END ENERGY");
    setupSlider (startValence, "START VALENCE");
    setupSlider (startEnergy, "START ENERGY");
    show (preset);
}

void MoodPresetFields::setupSlider (Row& row, const juce::String& caption)
{
    settings::styleCaption (row.caption, caption);
    addAndMakeVisible (row.caption);
    row.slider.setRange (0.0, 1.0, 0.01);
    row.slider.setTextBoxStyle (juce::Slider::TextBoxRight, false, 56, 24);
    row.slider.setTitle (caption.toLowerCase());
    row.slider.onValueChange = [this, &row]
    {
        const auto value = row.slider.getValue();
        if (&row == &endValence)
            preset.end.valence = value;
        else if (&row == &endEnergy)
            preset.end.energy = value;
        else if (preset.start && &row == &startValence)
            preset.start->valence = value;
        else if (preset.start && &row == &startEnergy)
            preset.start->energy = value;
        changed();
    };
    addAndMakeVisible (row.slider);
}

void MoodPresetFields::show (const mood::MoodPreset& shown)
{
    preset = shown;
    name.setText (juce::String::fromUTF8 (preset.name.c_str()), juce::dontSendNotification);
    arc.setSelectedId (idFor (preset.arc), juce::dontSendNotification);
    endValence.slider.setValue (preset.end.valence, juce::dontSendNotification);
    endEnergy.slider.setValue (preset.end.energy, juce::dontSendNotification);
    const auto start = preset.start.value_or (preset.end);
    startValence.slider.setValue (start.valence, juce::dontSendNotification);
    startEnergy.slider.setValue (start.energy, juce::dontSendNotification);
    enableStart();
}

void MoodPresetFields::arcChosen()
{
    preset.arc = arcFor (arc.getSelectedId());
    if (preset.arc == mood::Arc::steady)
        preset.start.reset();
    else if (! preset.start)
    {
        const auto by = preset.arc == mood::Arc::rising ? -startDistance : startDistance;
        preset.start = mood::MoodPoint { preset.end.valence,
                                         std::clamp (preset.end.energy + by, 0.0, 1.0) };
    }
    show (preset);
    changed();
}

void MoodPresetFields::enableStart()
{
    const auto moving = preset.arc != mood::Arc::steady;
    for (auto* row : { &startValence, &startEnergy })
    {
        row->slider.setEnabled (moving);
        row->caption.setAlpha (moving ? 1.0f : 0.5f);
    }
}

void MoodPresetFields::changed()
{
    if (onChange)
        onChange (preset);
}

void MoodPresetFields::focusName() { name.grabKeyboardFocus(); }

void MoodPresetFields::resized()
{
    auto area = getLocalBounds();
    const auto layRow = [&area] (juce::Label& caption, juce::Component& field)
    {
        auto row = area.removeFromTop (rowHeight).reduced (0, 3);
        caption.setBounds (row.removeFromLeft (captionWidth));
        field.setBounds (row);
    };
    layRow (nameCaption, name);
    layRow (arcCaption, arc);
    for (auto* row : { &endValence, &endEnergy, &startValence, &startEnergy })
        layRow (row->caption, row->slider);
}

} // namespace moodboard::plugin
