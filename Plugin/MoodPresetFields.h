#pragma once

#include "Mood/MoodPresets.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <functional>

namespace moodboard::plugin
{

/** The fields of one mood preset: its name, its arc (steady, rising, falling), where it ends and,
    for a rising or falling arc, where it starts, as valence and energy sliders from 0 to 1.

    Choosing rising or falling for a preset without a start puts the start 0.4 of energy below or
    above the end, so the arc goes the way it says; choosing steady removes the start. The start
    sliders are off while the arc is steady. Message thread only.
*/
class MoodPresetFields final : public juce::Component
{
public:
    MoodPresetFields();

    /** Shows `preset` without calling onChange. Message thread. */
    void show (const mood::MoodPreset& preset);

    /** Called with the preset as the fields show it after each change. */
    std::function<void (const mood::MoodPreset&)> onChange;

    /** Puts the keyboard focus on the name. Message thread. */
    void focusName();

    /** The name's text box. Message thread. */
    [[nodiscard]] const juce::Component& getNameField() const noexcept { return name; }

    void resized() override;

    /** The height the fields need. */
    static constexpr int idealHeight = 6 * 34;

private:
    struct Row
    {
        juce::Label caption;
        juce::Slider slider { juce::Slider::LinearHorizontal, juce::Slider::TextBoxRight };
    };

    void setupSlider (Row& row, const juce::String& caption);
    void arcChosen();
    void changed();
    void enableStart();

    mood::MoodPreset preset;
    juce::Label nameCaption, arcCaption;
    juce::TextEditor name;
    juce::ComboBox arc;
    Row endValence, endEnergy, startValence, startEnergy;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (MoodPresetFields)
};

} // namespace moodboard::plugin
