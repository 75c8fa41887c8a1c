#include "MoodMapLayers.h"

#include "MoodboardLookAndFeel.h"

#include <array>
#include <cmath>
#include <vector>

namespace moodboard::plugin::mapdraw
{
namespace
{
constexpr double slowBpm = 70.0;
constexpr double fastBpm = 170.0;

const juce::Colour slowColour { 0xff4f9dff };
const juce::Colour middleColour { 0xffb68cff };
const juce::Colour fastColour { 0xffff8a4f };
const juce::Colour unknownColour { 0xff7d8493 };

juce::Colour tempoColourAt (double position)
{
    position = juce::jlimit (0.0, 1.0, position);
    return position < 0.5 ? slowColour.interpolatedWith (middleColour, (float) (position * 2.0))
                          : middleColour.interpolatedWith (fastColour,
                                                           (float) (position * 2.0 - 1.0));
}

juce::Colour keyColour (int key, int mode)
{
    // Neighbours on the circle of fifths share most notes, so they get neighbouring hues.
    const auto fifths = (key * 7) % 12;
    const auto hue = (float) fifths / 12.0f;
    return mode == 1 ? juce::Colour::fromHSV (hue, 0.55f, 0.98f, 1.0f)
                     : juce::Colour::fromHSV (hue, 0.70f, 0.66f, 1.0f);
}

struct Quadrant
{
    const char* word;
    juce::Rectangle<float> area;
    juce::Colour tint;
    juce::Justification corner;
};

std::array<Quadrant, 4> quadrantsOf (juce::Rectangle<float> plane)
{
    const auto centre = plane.getCentre();
    const auto halfWidth = plane.getWidth() * 0.5f, halfHeight = plane.getHeight() * 0.5f;
    return { {
        { "tense", { plane.getX(), plane.getY(), halfWidth, halfHeight }, juce::Colour (0xffef7b84),
          juce::Justification::topLeft },
        { "happy", { centre.x, plane.getY(), halfWidth, halfHeight }, juce::Colour (0xfff2b36b),
          juce::Justification::topRight },
        { "sad", { plane.getX(), centre.y, halfWidth, halfHeight }, juce::Colour (0xff6f8cff),
          juce::Justification::bottomLeft },
        { "calm", { centre.x, centre.y, halfWidth, halfHeight }, juce::Colour (0xff62d0a8),
          juce::Justification::bottomRight },
    } };
}

float dotRadius (std::size_t count)
{
    return count <= 300 ? 4.5f : count <= 3000 ? 3.0f : 2.0f;
}
} // namespace

juce::Colour dotColour (const LibraryService::TrackPoint& track, Colouring colouring)
{
    if (colouring == Colouring::key)
        return track.key >= 0 && track.key < 12 ? keyColour (track.key, track.mode)
                                                : unknownColour;

    return track.tempoBpm ? tempoColourAt ((*track.tempoBpm - slowBpm) / (fastBpm - slowBpm))
                          : unknownColour;
}

void drawPlane (juce::Graphics& g, juce::Rectangle<float> plane)
{
    g.setColour (palette::background);
    g.fillRoundedRectangle (plane, 6.0f);

    const auto centre = plane.getCentre();

    for (const auto& q : quadrantsOf (plane))
    {
        g.setColour (q.tint.withAlpha (0.05f));
        g.fillRect (q.area.reduced (1.0f));
    }

    g.setColour (palette::outline);
    g.drawHorizontalLine ((int) centre.y, plane.getX(), plane.getRight());
    g.drawVerticalLine ((int) centre.x, plane.getY(), plane.getBottom());
    g.drawRoundedRectangle (plane, 6.0f, 1.0f);
}

void drawPlaneWords (juce::Graphics& g, juce::Rectangle<float> plane)
{
    const auto wordHeight = juce::jlimit (13.0f, 22.0f, plane.getHeight() * 0.08f);
    const auto halfWidth = plane.getWidth() * 0.5f;
    g.setFont (juce::Font (wordHeight, juce::Font::bold));

    for (const auto& q : quadrantsOf (plane))
    {
        g.setColour (palette::background.withAlpha (0.7f));
        const auto box = q.area.reduced (8.0f, 5.0f);
        const auto textWidth = g.getCurrentFont().getStringWidthFloat (q.word) + 8.0f;
        const auto onLeft = q.corner.testFlags (juce::Justification::left);
        const auto onTop = q.corner.testFlags (juce::Justification::top);
        const auto x = onLeft ? box.getX() - 4.0f : box.getRight() - textWidth + 4.0f;
        const auto y = onTop ? box.getY() : box.getBottom() - wordHeight;
        g.fillRoundedRectangle ({ x, y, textWidth, wordHeight }, 3.0f);
        g.setColour (q.tint.withAlpha (0.8f));
        g.drawText (q.word, box, q.corner, false);
    }

    // The axes are named in the middle of their edges, away from the quadrant words.
    g.setColour (palette::textDim);
    g.setFont (juce::Font (MoodboardLookAndFeel::smallFontHeight));
    g.drawText (juce::String::fromUTF8 ("valence \xe2\x86\x92"),
                plane.withTop (plane.getBottom() - 18.0f).withTrimmedLeft (halfWidth + 6.0f)
                    .withWidth (90.0f),
                juce::Justification::centredLeft, false);
    g.drawText (juce::String::fromUTF8 ("energy \xe2\x86\x91"),
                plane.withHeight (18.0f).withTrimmedLeft (halfWidth + 6.0f).withWidth (90.0f),
                juce::Justification::centredLeft, false);
}

juce::Image renderDots (const MoodMapModel& model, juce::Rectangle<int> plane,
                        juce::Rectangle<int> field, float scale, Colouring colouring)
{
    const auto width = juce::jmax (1, juce::roundToInt ((float) plane.getWidth() * scale));
    const auto height = juce::jmax (1, juce::roundToInt ((float) plane.getHeight() * scale));
    juce::Image image (juce::Image::ARGB, width, height, true);

    const auto& dots = model.getDots();
    const auto radius = dotRadius (dots.size()) * scale;
    const auto alpha = dots.size() <= 3000 ? 0.9f : 0.65f;
    const auto left = (float) (field.getX() - plane.getX()) * scale;
    const auto top = (float) (field.getY() - plane.getY()) * scale;
    const auto fieldWidth = (float) field.getWidth() * scale;
    const auto fieldHeight = (float) field.getHeight() * scale;

    // One anti-aliased disc as a coverage mask, blended pixel by pixel: with 10,000 tracks this
    // is many times faster than filling 10,000 ellipses through the renderer.
    const auto size = (int) std::ceil (radius * 2.0f) + 2;
    const auto centre = (float) size * 0.5f;
    std::vector<juce::uint32> mask ((std::size_t) (size * size));
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
        {
            const auto distance = std::hypot ((float) x + 0.5f - centre, (float) y + 0.5f - centre);
            const auto coverage = juce::jlimit (0.0f, 1.0f, radius + 0.5f - distance);
            mask[(std::size_t) (y * size + x)] = (juce::uint32) juce::roundToInt (coverage * alpha
                                                                                   * 255.0f);
        }

    juce::Image::BitmapData pixels (image, juce::Image::BitmapData::readWrite);

    for (const auto& dot : dots)
    {
        const auto colour = dotColour (*dot.track, colouring).getPixelARGB();
        const auto x0 = juce::roundToInt (left + (float) dot.point.valence * fieldWidth - centre);
        const auto y0 = juce::roundToInt (top + (1.0f - (float) dot.point.energy) * fieldHeight
                                          - centre);

        for (int y = juce::jmax (0, -y0); y < size && y0 + y < height; ++y)
            for (int x = juce::jmax (0, -x0); x < size && x0 + x < width; ++x)
                if (const auto cover = mask[(std::size_t) (y * size + x)]; cover > 0)
                    reinterpret_cast<juce::PixelARGB*> (pixels.getPixelPointer (x0 + x, y0 + y))
                        ->blend (colour, cover);
    }

    return image;
}

void drawLegend (juce::Graphics& g, juce::Rectangle<float> area, Colouring colouring)
{
    g.setFont (juce::Font (MoodboardLookAndFeel::smallFontHeight));
    g.setColour (palette::textDim);

    if (colouring == Colouring::tempo)
    {
        const auto bar = area.withSizeKeepingCentre (juce::jmin (110.0f, area.getWidth() * 0.4f),
                                                     8.0f)
                             .withX (area.getX() + 38.0f);
        g.drawText ("slow", area.withWidth (34.0f), juce::Justification::centredRight, false);
        juce::ColourGradient gradient (slowColour, bar.getX(), 0.0f, fastColour, bar.getRight(),
                                       0.0f, false);
        gradient.addColour (0.5, middleColour);
        g.setGradientFill (gradient);
        g.fillRoundedRectangle (bar, 4.0f);
        g.setColour (palette::textDim);
        g.drawText ("fast (70-170 BPM)", area.withTrimmedLeft (bar.getRight() - area.getX() + 4.0f),
                    juce::Justification::centredLeft, true);
        return;
    }

    static constexpr const char* names[] { "C", "G", "D", "A", "E", "B",
                                           "F#", "Db", "Ab", "Eb", "Bb", "F" };
    const auto swatch = juce::jlimit (10.0f, 18.0f, (area.getWidth() - 90.0f) / 12.0f);
    auto x = area.getX();

    g.setFont (juce::Font (10.0f, juce::Font::bold));
    for (int i = 0; i < 12; ++i, x += swatch)
    {
        const auto key = (i * 7) % 12;
        const auto box = juce::Rectangle<float> (x, area.getCentreY() - 8.0f, swatch - 1.0f, 16.0f);
        g.setColour (keyColour (key, 1));
        g.fillRect (box.withHeight (10.0f));
        g.setColour (keyColour (key, 0));
        g.fillRect (box.withTrimmedTop (10.0f));
        if (swatch >= 14.0f)
        {
            g.setColour (juce::Colours::black.withAlpha (0.75f));
            g.drawText (names[i], box.withHeight (10.0f), juce::Justification::centred, false);
        }
    }

    g.setFont (juce::Font (MoodboardLookAndFeel::smallFontHeight));
    g.setColour (palette::textDim);
    g.drawText ("light major, dark minor", area.withLeft (x + 6.0f),
                juce::Justification::centredLeft, true);
}

} // namespace moodboard::plugin::mapdraw
