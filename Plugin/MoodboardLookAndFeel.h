#pragma once

#include <juce_gui_basics/juce_gui_basics.h>

namespace moodboard::plugin
{

/** The colours of Music Moodboard: a dark night-blue palette with a violet accent. Body text on
    `panel` and white text on `accent` both keep a contrast ratio above 4.5:1. */
namespace palette
{
inline const juce::Colour background { 0xff12141a };
inline const juce::Colour panel { 0xff1b1e26 };
inline const juce::Colour raised { 0xff252a35 };
inline const juce::Colour outline { 0xff363c4a };
inline const juce::Colour text { 0xffeceef4 };
inline const juce::Colour textDim { 0xffa3abbb };
inline const juce::Colour accent { 0xff6a56e0 };
inline const juce::Colour accentBright { 0xffb0a4ff };
inline const juce::Colour warm { 0xfff2b36b };
inline const juce::Colour danger { 0xffef7b84 };
} // namespace palette

/** The look of the editor: rounded buttons and fields, a violet accent, a visible keyboard focus
    ring, and fonts large enough to read at 100% scale. Message thread.
*/
class MoodboardLookAndFeel final : public juce::LookAndFeel_V4
{
public:
    /** Text sizes used across the editor, in logical pixels. */
    static constexpr float bodyFontHeight = 15.0f;
    static constexpr float smallFontHeight = 13.0f;
    static constexpr float titleFontHeight = 20.0f;
    static constexpr float cornerRadius = 7.0f;

    MoodboardLookAndFeel();

    juce::Font getTextButtonFont (juce::TextButton&, int buttonHeight) override;
    juce::Font getLabelFont (juce::Label&) override;

    void drawButtonBackground (juce::Graphics&, juce::Button&, const juce::Colour& background,
                               bool isHighlighted, bool isDown) override;

    void fillTextEditorBackground (juce::Graphics&, int width, int height,
                                   juce::TextEditor&) override;
    void drawTextEditorOutline (juce::Graphics&, int width, int height, juce::TextEditor&) override;

    void drawProgressBar (juce::Graphics&, juce::ProgressBar&, int width, int height,
                          double progress, const juce::String& textToShow) override;

    void drawTableHeaderBackground (juce::Graphics&, juce::TableHeaderComponent&) override;
    void drawTableHeaderColumn (juce::Graphics&, juce::TableHeaderComponent&,
                                const juce::String& columnName, int columnId, int width,
                                int height, bool isMouseOver, bool isMouseDown,
                                int columnFlags) override;

    void drawScrollbar (juce::Graphics&, juce::ScrollBar&, int x, int y, int width, int height,
                        bool isScrollbarVertical, int thumbStartPosition, int thumbSize,
                        bool isMouseOver, bool isMouseDown) override;

private:
    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (MoodboardLookAndFeel)
};

} // namespace moodboard::plugin
