#include "ChatPanel.h"

#include "MoodboardLookAndFeel.h"

#include "Core/Log.h"

namespace moodboard::plugin
{
namespace
{
const juce::String placeholder = "Type how you feel...";
constexpr int chipHeight = 26;
constexpr int chipGap = 6;
} // namespace

ChatPanel::ChatPanel()
{
    title.setText ("How do you feel?", juce::dontSendNotification);
    title.setFont (juce::Font (MoodboardLookAndFeel::titleFontHeight, juce::Font::bold));
    addAndMakeVisible (title);

    viewport.setViewedComponent (&history, false);
    viewport.setScrollBarsShown (true, false);
    viewport.setScrollBarThickness (10);
    addAndMakeVisible (viewport);

    input.setMultiLine (false);
    input.setReturnKeyStartsNewLine (false);
    input.setFont (juce::Font (MoodboardLookAndFeel::bodyFontHeight));
    input.setIndents (10, 0);
    input.setJustification (juce::Justification::centredLeft);
    input.setTextToShowWhenEmpty (placeholder, palette::textDim);
    input.setTitle ("Mood");
    input.setDescription ("Type how you feel and press Return");
    input.onReturnKey = [this] { send(); };
    addAndMakeVisible (input);

    sendButton.setColour (juce::TextButton::buttonColourId, palette::accent);
    sendButton.setTooltip ("Send (Return)");
    sendButton.onClick = [this] { send(); };
    addAndMakeVisible (sendButton);
}

void ChatPanel::setChips (const juce::StringArray& labels)
{
    chips.clear();
    for (int i = 0; i < labels.size(); ++i)
    {
        auto* chip = chips.add (std::make_unique<juce::TextButton> (labels[i]));
        chip->setTooltip ("Ask for \"" + labels[i] + "\"");
        chip->setColour (juce::TextButton::buttonColourId, palette::background);
        chip->onClick = [this, i]
        {
            if (! busy && onChip != nullptr)
                onChip (i);
        };
        addAndMakeVisible (chip);
    }
    resized();
}

void ChatPanel::addMessage (ChatHistory::Author author, const juce::String& text)
{
    history.addMessage (author, text);
    layoutHistory();
    viewport.setViewPosition (0, juce::jmax (0, history.getHeight() - viewport.getHeight()));
}

void ChatPanel::setBusy (bool isBusy)
{
    busy = isBusy;
    sendButton.setEnabled (! busy);
    sendButton.setButtonText (busy ? "Working..." : "Send");
}

void ChatPanel::send()
{
    const auto text = input.getText().trim();

    if (busy)
        return;

    input.clear();

    if (text.isEmpty())
    {
        // As the command line does: say what is missing rather than send nothing silently.
        const juce::String hint ("Nothing typed. Tell me how you feel or what the music is for, "
                                 "or pick a mood above the box.");
        // Pressing Return again on an empty box should not stack the same bubble.
        if (history.getLastMessage() == hint)
        {
            log::info ("ui", "chat hint already shown");
            return;
        }
        addMessage (ChatHistory::Author::moodboard, hint);
        log::info ("ui", "chat hint shown: " + hint.toStdString());
        return;
    }

    if (onSend != nullptr)
        onSend (text);
}

void ChatPanel::layoutHistory()
{
    const auto width = viewport.getMaximumVisibleWidth();
    history.setSize (width, juce::jmax (viewport.getHeight(), history.getContentHeight (width)));
}

void ChatPanel::paint (juce::Graphics& g)
{
    g.setColour (palette::panel);
    g.fillRoundedRectangle (getLocalBounds().toFloat(), MoodboardLookAndFeel::cornerRadius);
}

void ChatPanel::resized()
{
    auto area = getLocalBounds().reduced (12);
    title.setBounds (area.removeFromTop (30));
    area.removeFromTop (6);

    auto inputRow = area.removeFromBottom (40);
    sendButton.setBounds (inputRow.removeFromRight (96));
    inputRow.removeFromRight (8);
    input.setBounds (inputRow);
    area.removeFromBottom (10);

    // Chips flow left to right in up to two rows above the text box; those that do not fit
    // are hidden rather than squeezed.
    if (! chips.isEmpty())
    {
        auto rows = area.removeFromBottom (2 * chipHeight + chipGap);
        area.removeFromBottom (8);
        auto row = rows.removeFromTop (chipHeight);
        int rowsUsed = 1;
        for (auto* chip : chips)
        {
            if (chip->getButtonText().isEmpty())
            {
                chip->setVisible (false);
                continue;
            }
            const auto width = juce::Font (MoodboardLookAndFeel::smallFontHeight)
                                   .getStringWidth (chip->getButtonText()) + 22;
            if (width > row.getWidth() && rowsUsed == 1)
            {
                rows.removeFromTop (chipGap);
                row = rows.removeFromTop (chipHeight);
                ++rowsUsed;
            }
            chip->setVisible (width <= row.getWidth());
            if (chip->isVisible())
            {
                chip->setBounds (row.removeFromLeft (width));
                row.removeFromLeft (chipGap);
            }
        }
    }

    viewport.setBounds (area);
    layoutHistory();
}

} // namespace moodboard::plugin
