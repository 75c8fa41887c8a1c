#include "PlaylistCells.h"

#include "MoodboardLookAndFeel.h"

namespace moodboard::plugin::cells
{

void drawLevel (juce::Graphics& g, const std::optional<double>& value, juce::Colour colour,
                int width, int height)
{
    if (! value)
    {
        g.setColour (palette::textDim);
        g.drawText ("-", 8, 0, width - 8, height, juce::Justification::centredLeft);
        return;
    }

    const auto level = (float) juce::jlimit (0.0, 1.0, *value);
    const auto track = juce::Rectangle<float> (8.0f, (float) height * 0.5f - 3.0f,
                                               juce::jmax (10.0f, (float) width - 50.0f), 6.0f);
    g.setColour (palette::outline);
    g.fillRoundedRectangle (track, 3.0f);
    g.setColour (colour);
    g.fillRoundedRectangle (track.withWidth (juce::jmax (6.0f, track.getWidth() * level)), 3.0f);

    g.setColour (palette::text);
    g.drawText (juce::String (*value, 2), (int) track.getRight() + 4, 0,
                width - (int) track.getRight() - 4, height, juce::Justification::centredLeft);
}

// A padlock: closed and bright when locked, open and dim when not.
void drawLock (juce::Graphics& g, bool locked, int width, int height)
{
    const auto body = juce::Rectangle<float> (11.0f, 13.0f).withCentre (
        { (float) width * 0.5f, (float) height * 0.5f + 3.0f });
    juce::Path shackle;
    const auto left = body.getX() + 2.5f, right = body.getRight() - 2.5f;
    const auto top = body.getY() - 7.0f;
    shackle.startNewSubPath (left, body.getY());
    shackle.lineTo (left, top + 3.0f);
    shackle.quadraticTo (left, top, (left + right) * 0.5f, top);
    shackle.quadraticTo (right, top, right, top + 3.0f);
    shackle.lineTo (right, locked ? body.getY() : top + 5.0f);

    g.setColour (locked ? palette::accentBright : palette::textDim.withAlpha (0.5f));
    g.strokePath (shackle, juce::PathStrokeType (1.8f));
    if (locked)
        g.fillRoundedRectangle (body, 2.0f);
    else
        g.drawRoundedRectangle (body, 2.0f, 1.4f);
}

} // namespace moodboard::plugin::cells
