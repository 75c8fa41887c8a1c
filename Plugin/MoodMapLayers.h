#pragma once

#include "MoodMapModel.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace moodboard::plugin::mapdraw
{

/** What the colour of a dot says. */
enum class Colouring
{
    tempo,   // cool blue for slow, violet around 120 BPM, warm orange for fast
    key      // hue by the key's place on the circle of fifths, bright major, darker minor
};

/** The colour of a track's dot. Message thread. */
[[nodiscard]] juce::Colour dotColour (const LibraryService::TrackPoint&, Colouring);

/** The plane's background: quadrant tints and the centre lines. Message thread. */
void drawPlane (juce::Graphics&, juce::Rectangle<float> plane);

/** The quadrant words (happy, tense, sad, calm) and the names of the axes, drawn over the dots.
    Message thread. */
void drawPlaneWords (juce::Graphics&, juce::Rectangle<float> plane);

/** Every dot of `model` drawn into a transparent image of `plane`'s size times `scale` (the
    display's physical pixels per logical pixel), so paint() only blits it; valence and energy
    0..1 span `field`, a part of `plane`. Message thread. */
[[nodiscard]] juce::Image renderDots (const MoodMapModel& model, juce::Rectangle<int> plane,
                                      juce::Rectangle<int> field, float scale,
                                      Colouring colouring);

/** The legend for `colouring`, fitted into `area` (a strip about 18 px high). Message thread. */
void drawLegend (juce::Graphics&, juce::Rectangle<float> area, Colouring colouring);

} // namespace moodboard::plugin::mapdraw
