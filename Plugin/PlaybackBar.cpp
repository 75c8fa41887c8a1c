#include "PlaybackBar.h"

#include "MoodboardLookAndFeel.h"
#include "TextFormat.h"

#include "Core/Log.h"

namespace moodboard::plugin
{
namespace
{
constexpr int refreshHz = 10;
constexpr int buttonWidth = 84;
constexpr int timeWidth = 96;

juce::String clock (double seconds)
{
    return seconds >= 0.5 ? format::trackDuration (seconds) : juce::String ("0:00");
}
} // namespace

PlaybackBar::PlaybackBar (TrackPlayer& playerToShow) : player (playerToShow)
{
    playButton.setTooltip ("Play the selected track on this computer (Space); double-click a "
                           "row to play it");
    playButton.onClick = [this] { togglePlay(); };
    playButton.setExplicitFocusOrder (2);
    addAndMakeVisible (playButton);

    nowPlaying.setFont (juce::Font (MoodboardLookAndFeel::smallFontHeight));
    nowPlaying.setColour (juce::Label::textColourId, palette::textDim);
    nowPlaying.setText ("Select a track and press Space to hear it.", juce::dontSendNotification);
    nowPlaying.setMinimumHorizontalScale (1.0f);
    addAndMakeVisible (nowPlaying);

    position.setSliderStyle (juce::Slider::LinearBar);
    position.setTextBoxStyle (juce::Slider::NoTextBox, true, 0, 0);
    position.setRange (0.0, 1.0, 0.0);
    position.setTitle ("Position in the track");
    position.setColour (juce::Slider::trackColourId, palette::accent.withAlpha (0.7f));
    position.setColour (juce::Slider::backgroundColourId, palette::outline);
    position.setSliderSnapsToMousePosition (true);
    position.setExplicitFocusOrder (3);
    position.setEnabled (false);
    position.setVisible (false);
    position.onDragStart = [this] { dragging = true; };
    position.onDragEnd = [this]
    {
        dragging = false;
        player.seek (position.getValue());
    };
    // Clicks and arrow keys move at once; a drag moves when it ends.
    position.onValueChange = [this]
    {
        if (! dragging)
            player.seek (position.getValue());
        refresh();
    };
    addChildComponent (position);

    timeLabel.setFont (juce::Font (MoodboardLookAndFeel::smallFontHeight));
    timeLabel.setJustificationType (juce::Justification::centredRight);
    timeLabel.setColour (juce::Label::textColourId, palette::textDim);
    addAndMakeVisible (timeLabel);

    refresh();
}

PlaybackBar::~PlaybackBar() { stopTimer(); }

void PlaybackBar::showTrack (const juce::String& description)
{
    nowPlaying.setColour (juce::Label::textColourId, palette::text);
    nowPlaying.setText ("Playing: " + description, juce::dontSendNotification);
    nowPlaying.setTooltip (player.getFile().getFullPathName());
    startTimerHz (refreshHz);
    refresh();
}

void PlaybackBar::showProblem (const juce::String& message)
{
    nowPlaying.setColour (juce::Label::textColourId, palette::warm);
    nowPlaying.setText (message, juce::dontSendNotification);
    nowPlaying.setTooltip (message);
    refresh();
}

void PlaybackBar::togglePlay()
{
    if (! player.hasTrack())
    {
        if (onPlayRequested != nullptr)
            onPlayRequested();
        return;
    }

    const bool pause = player.isPlaying();
    player.setPaused (pause);
    log::info ("ui", pause ? "playback paused" : "playback resumed");
    startTimerHz (refreshHz);
    refresh();
}

void PlaybackBar::timerCallback()
{
    refresh();
    if (! player.isPlaying())
        stopTimer();
}

void PlaybackBar::refresh()
{
    const bool loaded = player.hasTrack();
    const auto length = loaded ? player.getLength() : 0.0;
    const auto now = loaded ? player.getPosition() : 0.0;

    playButton.setButtonText (player.isPlaying() ? "Pause" : "Play");
    position.setEnabled (loaded && length > 0.0);
    if (position.isVisible() != loaded)
    {
        // Without a track the message gets the whole strip, so a problem reads in full.
        position.setVisible (loaded);
        resized();
    }
    if (! dragging)
    {
        position.setRange (0.0, juce::jmax (1.0, length), 0.0);
        position.setValue (now, juce::dontSendNotification);
    }

    const auto shown = dragging ? position.getValue() : now;
    timeLabel.setText (loaded ? clock (shown) + " / " + clock (length)
                              : juce::String(),
                       juce::dontSendNotification);
}

void PlaybackBar::resized()
{
    auto area = getLocalBounds();
    playButton.setBounds (area.removeFromLeft (buttonWidth).reduced (0, 2));
    area.removeFromLeft (10);

    if (! position.isVisible())
    {
        timeLabel.setBounds ({});
        nowPlaying.setBounds (area);
        return;
    }

    auto top = area.removeFromTop (area.getHeight() / 2);
    timeLabel.setBounds (top.removeFromRight (timeWidth));
    nowPlaying.setBounds (top);
    position.setBounds (area.reduced (0, 3));
}

} // namespace moodboard::plugin
