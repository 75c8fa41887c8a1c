#pragma once

#include <juce_gui_basics/juce_gui_basics.h>

namespace moodboard::plugin
{

/** What every modal page of the editor stands on: the editor dimmed, and a rounded card in its
    middle with the accent's outline. The save and Spotify confirmations and the settings page
    derive from it and lay out their controls inside getCardBounds(). Message thread.
*/
class OverlayCard : public juce::Component
{
public:
    /** The card's size where the editor has room; it shrinks with the editor, keeping 20 px of
        the dimmed editor around it. */
    OverlayCard (int cardWidth, int cardHeight);

    void paint (juce::Graphics&) override;

protected:
    [[nodiscard]] juce::Rectangle<int> getCardBounds() const;

private:
    const int preferredWidth;
    const int preferredHeight;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (OverlayCard)
};

} // namespace moodboard::plugin
