#pragma once

#include "OverlayCard.h"

#include "Spotify/PushPlan.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <functional>

namespace moodboard::plugin
{

/** Asks the user before anything is written to their Spotify account: it covers the whole
    editor, dims it, and shows the plan's own description (the account, the playlist's name,
    the track count and length, the tracks left out, whether a cover is uploaded) in a
    scrollable box, with "Send to Spotify" and "Cancel".

    Keyboard: Return sends (or presses the focused Cancel), Escape cancels, Tab moves between
    the description and the two buttons. Nothing is sent here: onSend and onCancel hand the
    answer to the editor, which passes it to the push service.
*/
class SpotifyPushOverlay final : public OverlayCard
{
public:
    explicit SpotifyPushOverlay (const spotify::PushPlan& plan);
    ~SpotifyPushOverlay() override;

    std::function<void()> onSend;
    std::function<void()> onCancel;

    /** Puts the keyboard focus on the "Send to Spotify" button. Message thread. */
    void focusDefaultButton();

    /** The lines shown, as the plan described itself. Message thread. */
    [[nodiscard]] juce::String getDetailsText() const { return details.getText(); }

    void resized() override;
    bool keyPressed (const juce::KeyPress&) override;
    void mouseDown (const juce::MouseEvent&) override;

private:
    void send();
    void cancel();

    bool answered = false;   // one answer per overlay, however many keys arrive

    juce::Label heading;
    juce::Label caption;
    juce::TextEditor details;
    juce::TextButton sendButton { "Send to Spotify" };
    juce::TextButton cancelButton { "Cancel" };
    juce::Label hintLabel;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (SpotifyPushOverlay)
};

} // namespace moodboard::plugin
