#include "SpotifyPushOverlay.h"

#include "MoodboardLookAndFeel.h"

namespace moodboard::plugin
{
namespace
{
constexpr int cardWidth = 600;
constexpr int cardHeight = 440;
} // namespace

SpotifyPushOverlay::SpotifyPushOverlay (const spotify::PushPlan& plan)
    : OverlayCard (cardWidth, cardHeight)
{
    setTitle ("Send to Spotify");
    setWantsKeyboardFocus (true);
    setFocusContainerType (FocusContainerType::keyboardFocusContainer);

    heading.setText ("Send to Spotify?", juce::dontSendNotification);
    heading.setFont (juce::Font (MoodboardLookAndFeel::titleFontHeight, juce::Font::bold));
    addAndMakeVisible (heading);

    caption.setText ("THIS WILL BE WRITTEN TO YOUR SPOTIFY ACCOUNT", juce::dontSendNotification);
    caption.setFont (juce::Font (MoodboardLookAndFeel::smallFontHeight, juce::Font::bold));
    caption.setColour (juce::Label::textColourId, palette::textDim);
    addAndMakeVisible (caption);

    // The plan's own words, so the overlay and the terminal prompt say the same thing; a long
    // list of tracks left out scrolls inside the box.
    juce::StringArray lines;
    for (const auto& line : plan.describe())
        lines.add (juce::String::fromUTF8 (line.c_str()));

    details.setMultiLine (true, true);
    details.setReadOnly (true);
    details.setCaretVisible (false);
    details.setScrollbarsShown (true);
    details.setFont (juce::Font (MoodboardLookAndFeel::bodyFontHeight));
    details.setIndents (10, 8);
    details.setTitle ("What will be sent");
    details.setText (lines.joinIntoString ("\n"), false);
    details.setExplicitFocusOrder (1);
    addAndMakeVisible (details);

    sendButton.setColour (juce::TextButton::buttonColourId, palette::accent);
    sendButton.setExplicitFocusOrder (2);
    sendButton.onClick = [this] { send(); };
    addAndMakeVisible (sendButton);

    cancelButton.setExplicitFocusOrder (3);
    cancelButton.onClick = [this] { cancel(); };
    addAndMakeVisible (cancelButton);

    hintLabel.setText ("Return sends, Escape cancels, Tab moves", juce::dontSendNotification);
    hintLabel.setFont (juce::Font (MoodboardLookAndFeel::smallFontHeight));
    hintLabel.setColour (juce::Label::textColourId, palette::textDim);
    addAndMakeVisible (hintLabel);
}

SpotifyPushOverlay::~SpotifyPushOverlay() = default;

void SpotifyPushOverlay::focusDefaultButton()
{
    sendButton.grabKeyboardFocus();
}

void SpotifyPushOverlay::send()
{
    if (answered || onSend == nullptr)
        return;
    answered = true;
    onSend();
}

void SpotifyPushOverlay::cancel()
{
    if (answered || onCancel == nullptr)
        return;
    answered = true;
    onCancel();
}

bool SpotifyPushOverlay::keyPressed (const juce::KeyPress& key)
{
    if (key == juce::KeyPress::escapeKey)
    {
        cancel();
        return true;
    }

    if (key == juce::KeyPress::returnKey)
    {
        // Return on the focused Cancel button means Cancel; anywhere else it sends.
        if (cancelButton.hasKeyboardFocus (false))
            cancel();
        else
            send();
        return true;
    }

    // The description box scrolls with the arrow keys; nothing typed reaches the editor below.
    return true;
}

void SpotifyPushOverlay::mouseDown (const juce::MouseEvent&) {}

void SpotifyPushOverlay::resized()
{
    auto area = getCardBounds().reduced (24, 20);

    heading.setBounds (area.removeFromTop (30));
    area.removeFromTop (8);
    caption.setBounds (area.removeFromTop (18));
    area.removeFromTop (4);

    auto buttons = area.removeFromBottom (38);
    area.removeFromBottom (8);
    hintLabel.setBounds (area.removeFromBottom (20));
    area.removeFromBottom (6);
    details.setBounds (area);

    sendButton.setBounds (buttons.removeFromRight (160));
    buttons.removeFromRight (10);
    cancelButton.setBounds (buttons.removeFromRight (110));
}

} // namespace moodboard::plugin
