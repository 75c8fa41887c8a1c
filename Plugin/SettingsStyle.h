#pragma once

#include "MoodboardLookAndFeel.h"

#include "Core/Log.h"

namespace moodboard::plugin::settings
{

/** A small bold caption above a field ("MUSIC FOLDERS"). Message thread. */
inline void styleCaption (juce::Label& label, const juce::String& text)
{
    label.setText (text, juce::dontSendNotification);
    label.setFont (juce::Font (MoodboardLookAndFeel::smallFontHeight, juce::Font::bold));
    label.setColour (juce::Label::textColourId, palette::textDim);
}

/** A line of explanation or outcome under the fields, wrapped to its box. Message thread. */
inline void styleNote (juce::Label& label)
{
    label.setFont (juce::Font (MoodboardLookAndFeel::smallFontHeight));
    label.setColour (juce::Label::textColourId, palette::textDim);
    label.setJustificationType (juce::Justification::topLeft);
    label.setMinimumHorizontalScale (1.0f);
}

/** Shows an outcome in a note: in the danger colour when it is a problem. Message thread. */
inline void showOutcome (juce::Label& label, const juce::String& text, bool isProblem)
{
    label.setText (text, juce::dontSendNotification);
    label.setColour (juce::Label::textColourId, isProblem ? palette::danger : palette::text);
}

/** A single-line text field in the editor's style. Message thread. */
inline void styleField (juce::TextEditor& field, const juce::String& title,
                        const juce::String& hint)
{
    field.setFont (juce::Font (MoodboardLookAndFeel::bodyFontHeight));
    field.setIndents (10, 0);
    field.setJustification (juce::Justification::centredLeft);
    field.setTitle (title);
    field.setTextToShowWhenEmpty (hint, palette::textDim);
}

/** One line in the log's "ui" category, which the GUI checks wait on. Never pass a secret. */
inline void logUi (const juce::String& message) { log::info ("ui", message.toStdString()); }

} // namespace moodboard::plugin::settings
