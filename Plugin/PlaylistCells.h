#pragma once

#include <juce_gui_basics/juce_gui_basics.h>

#include <optional>

namespace moodboard::plugin::cells
{

/** A 0..1 level as a bar with its value beside it, or "-" when unknown. Message thread. */
void drawLevel (juce::Graphics&, const std::optional<double>& value, juce::Colour colour,
                int width, int height);

/** A padlock in the middle of a cell: closed and bright when locked, open and dim when not.
    Message thread. */
void drawLock (juce::Graphics&, bool locked, int width, int height);

} // namespace moodboard::plugin::cells
