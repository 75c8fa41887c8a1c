#pragma once

#include "TrackPlayer.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <functional>

namespace moodboard::plugin
{

/** The strip under the playlist that previews a local track: a play/pause button, the track
    playing, a position bar (click or drag to move in the track; arrow keys step when it has
    the keyboard focus) with the time, and a line that says why playback is not possible when
    it is not. It only shows the TrackPlayer it is given; the playlist view decides what plays.
*/
class PlaybackBar final : public juce::Component,
                          private juce::Timer
{
public:
    explicit PlaybackBar (TrackPlayer& player);
    ~PlaybackBar() override;

    /** Called when Play is pressed with no track loaded: the view plays the selected row. */
    std::function<void()> onPlayRequested;

    /** Shows what is playing now ("Title - Artist"). Message thread. */
    void showTrack (const juce::String& description);

    /** Shows why a track cannot be played, in words for the user. Message thread. */
    void showProblem (const juce::String& message);

    /** Play/pause as the button would. Message thread. */
    void togglePlay();

    void resized() override;

private:
    void timerCallback() override;
    void refresh();

    TrackPlayer& player;
    juce::TextButton playButton { "Play" };
    juce::Label nowPlaying;
    juce::Slider position;
    juce::Label timeLabel;
    bool dragging = false;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (PlaybackBar)
};

} // namespace moodboard::plugin
