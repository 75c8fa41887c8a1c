#include "OverlayCard.h"

#include "MoodboardLookAndFeel.h"

namespace moodboard::plugin
{

OverlayCard::OverlayCard (int cardWidth, int cardHeight)
    : preferredWidth (cardWidth), preferredHeight (cardHeight)
{
}

juce::Rectangle<int> OverlayCard::getCardBounds() const
{
    return getLocalBounds().withSizeKeepingCentre (juce::jmin (preferredWidth, getWidth() - 40),
                                                   juce::jmin (preferredHeight, getHeight() - 40));
}

void OverlayCard::paint (juce::Graphics& g)
{
    g.fillAll (juce::Colours::black.withAlpha (0.62f));

    const auto card = getCardBounds().toFloat();
    g.setColour (palette::panel);
    g.fillRoundedRectangle (card, 12.0f);
    g.setColour (palette::accent);
    g.drawRoundedRectangle (card.reduced (0.5f), 12.0f, 1.5f);
}

} // namespace moodboard::plugin
