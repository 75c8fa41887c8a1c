#include "MoodMap.h"

#include "MoodboardLookAndFeel.h"

#include "Core/Log.h"
#include "Mood/MoodExplanation.h"

#include <cmath>

namespace moodboard::plugin
{
namespace
{
constexpr int headerHeight = 26;
constexpr int fieldInset = 9;          // keeps the dots at the plane's edges whole
constexpr float hoverReach = 12.0f;    // pixels from the pointer to a dot it names
constexpr float dragThreshold = 8.0f;  // pixels a drag must cover to ask for a moving mood
constexpr double keyStep = 0.05, fineKeyStep = 0.01;

const juce::Colour targetColour { 0xffffffff };
const juce::Colour routeColour { 0xffb0a4ff };
const juce::Colour liveColour { 0xff62d0a8 };

juce::String percent (double x) { return juce::String (juce::roundToInt (x * 100.0)) + "%"; }

} // namespace

MoodMap::MoodMap()
{
    setTitle ("Mood map");
    setDescription ("Every analysed track by valence and energy. Click to ask for a mood, drag "
                    "for a mood that moves, or use the arrow keys and Return; C colours the "
                    "dots by tempo or by key.");
    setWantsKeyboardFocus (true);
    setMouseCursor (juce::MouseCursor::CrosshairCursor);

    colourButton.setTooltip ("Colour the dots by tempo or by key");
    colourButton.onClick = [this]
    {
        setColouring (colouring == mapdraw::Colouring::tempo ? mapdraw::Colouring::key
                                                              : mapdraw::Colouring::tempo);
        log::info ("ui", std::string ("map colours dots by ")
                             + (colouring == mapdraw::Colouring::tempo ? "tempo" : "key"));
    };
    colourButton.setWantsKeyboardFocus (true);
    addAndMakeVisible (colourButton);
    setColouring (mapdraw::Colouring::tempo);
}

MoodMap::~MoodMap() = default;

void MoodMap::setTracks (std::shared_ptr<const std::vector<LibraryService::TrackPoint>> tracks)
{
    if (tracks == model.getSnapshot())
        return;

    model.setTracks (std::move (tracks));
    hovered.reset();
    dotsChanged = true;
    repaint();
    log::info ("ui", "map shows " + std::to_string (model.getDots().size()) + " tracks");
}

void MoodMap::setPlaylist (std::shared_ptr<const matching::Playlist> playlist)
{
    route.clear();

    if (playlist == nullptr)
    {
        target.reset();
        repaint();
        return;
    }

    target = playlist->mood;
    cursor = target->end;

    for (const auto& entry : playlist->entries)
        if (const auto& f = entry.track.features; f.valence && f.energy)
            route.push_back ({ *f.valence, *f.energy });

    repaint();
}

void MoodMap::setLiveMood (std::optional<mood::MoodPoint> features)
{
    const auto same = live.has_value() == features.has_value()
                      && (! live || (live->valence == features->valence
                                     && live->energy == features->energy));
    if (same)
        return;

    live = features;
    repaint();
}

mood::MoodTarget MoodMap::targetFor (mood::MoodPoint start, mood::MoodPoint end)
{
    auto clampPoint = [] (mood::MoodPoint p)
    {
        return mood::MoodPoint { std::clamp (p.valence, 0.0, 1.0),
                                 std::clamp (p.energy, 0.0, 1.0) };
    };
    start = clampPoint (start);
    end = clampPoint (end);

    mood::MoodTarget target;
    target.end = end;
    target.confidence = 1.0;

    const auto energyMove = end.energy - start.energy;
    const auto valenceMove = end.valence - start.valence;

    if (std::hypot (energyMove, valenceMove) < 0.04)
    {
        target.explanation = "From the map: " + mood::describeMoodPoint (end) + ", steady.";
        return target;
    }

    target.start = start;
    const auto move = std::abs (energyMove) >= 0.1 ? energyMove : valenceMove;
    target.arc = move >= 0.0 ? mood::Arc::rising : mood::Arc::falling;
    target.explanation = "From the map: from " + mood::describeMoodPoint (start) + " to "
                         + mood::describeMoodPoint (end) + ".";
    return target;
}

juce::String MoodMap::describe (const mood::MoodTarget& t)
{
    if (! t.start || t.arc == mood::Arc::steady)
        return "valence " + percent (t.end.valence) + ", energy " + percent (t.end.energy);

    return "valence " + percent (t.start->valence) + " to " + percent (t.end.valence)
           + ", energy " + percent (t.start->energy) + " to " + percent (t.end.energy);
}

void MoodMap::setColouring (mapdraw::Colouring newColouring)
{
    colouring = newColouring;
    colourButton.setButtonText (colouring == mapdraw::Colouring::tempo ? "Colour: tempo"
                                                                        : "Colour: key");
    dotsChanged = true;
    repaint();
}

void MoodMap::resized()
{
    auto area = getLocalBounds().reduced (8);
    header = area.removeFromTop (headerHeight);
    colourButton.setBounds (header.removeFromRight (116).reduced (0, 1));
    header.removeFromRight (6);
    area.removeFromTop (6);
    plane = area;
    field = plane.reduced (fieldInset);
    dotsChanged = true;
}

juce::Point<float> MoodMap::toScreen (mood::MoodPoint p) const
{
    return { (float) field.getX() + (float) p.valence * (float) field.getWidth(),
             (float) field.getBottom() - (float) p.energy * (float) field.getHeight() };
}

mood::MoodPoint MoodMap::toMood (juce::Point<float> position) const
{
    const auto width = (double) juce::jmax (1, field.getWidth());
    const auto height = (double) juce::jmax (1, field.getHeight());
    return { std::clamp ((position.x - field.getX()) / width, 0.0, 1.0),
             std::clamp ((field.getBottom() - position.y) / height, 0.0, 1.0) };
}

void MoodMap::choose (const mood::MoodTarget& chosen)
{
    target = chosen;
    cursor = chosen.end;
    route.clear();
    repaint();

    if (onTargetChosen)
        onTargetChosen (chosen);
}

void MoodMap::updateHover (std::optional<std::size_t> index)
{
    if (index == hovered)
        return;

    hovered = index;
    repaint();

    if (hovered)
        log::info ("ui", "map hover shows: "
                             + model.getDots()[*hovered].track->title.toStdString());
}

void MoodMap::mouseMove (const juce::MouseEvent& e)
{
    const auto side = juce::jmax (1, juce::jmin (field.getWidth(), field.getHeight()));
    const auto reach = (double) hoverReach / (double) side;
    updateHover (plane.contains (e.getPosition()) ? model.findNearest (toMood (e.position), reach)
                                                   : std::nullopt);
}

void MoodMap::mouseExit (const juce::MouseEvent&) { updateHover (std::nullopt); }

void MoodMap::mouseDown (const juce::MouseEvent& e)
{
    if (! plane.contains (e.getPosition()))
        return;

    dragStart = toMood (e.position);
    dragEnd = dragStart;
}

void MoodMap::mouseDrag (const juce::MouseEvent& e)
{
    if (! dragStart)
        return;

    dragEnd = toMood (e.position);
    updateHover (std::nullopt);
    repaint();
}

void MoodMap::mouseUp (const juce::MouseEvent& e)
{
    if (! dragStart)
        return;

    const auto start = *dragStart;
    const auto end = toMood (e.position);
    dragStart.reset();
    dragEnd.reset();

    choose ((float) e.getDistanceFromDragStart() < dragThreshold ? targetFor (start, start)
                                                                 : targetFor (start, end));
}

bool MoodMap::keyPressed (const juce::KeyPress& key)
{
    const auto step = key.getModifiers().isShiftDown() ? fineKeyStep : keyStep;
    auto moveBy = [&] (double valence, double energy)
    {
        cursor = { std::clamp (cursor.valence + valence, 0.0, 1.0),
                   std::clamp (cursor.energy + energy, 0.0, 1.0) };
        showCursor = true;
        repaint();
        return true;
    };

    if (key.isKeyCode (juce::KeyPress::leftKey))
        return moveBy (-step, 0.0);
    if (key.isKeyCode (juce::KeyPress::rightKey))
        return moveBy (step, 0.0);
    if (key.isKeyCode (juce::KeyPress::upKey))
        return moveBy (0.0, step);
    if (key.isKeyCode (juce::KeyPress::downKey))
        return moveBy (0.0, -step);

    if (key.getTextCharacter() == 'c' || key.getTextCharacter() == 'C')
    {
        colourButton.triggerClick();
        return true;
    }

    if (key.isKeyCode (juce::KeyPress::returnKey))
    {
        choose (targetFor (cursor, cursor));
        return true;
    }

    return false;
}

void MoodMap::focusGained (FocusChangeType)
{
    showCursor = true;
    repaint();
}

void MoodMap::focusLost (FocusChangeType)
{
    showCursor = false;
    repaint();
}

void MoodMap::paint (juce::Graphics& g)
{
    g.setColour (palette::panel);
    g.fillRoundedRectangle (getLocalBounds().toFloat(), MoodboardLookAndFeel::cornerRadius);

    auto top = header;
    g.setColour (palette::text);
    g.setFont (juce::Font (MoodboardLookAndFeel::bodyFontHeight, juce::Font::bold));
    g.drawText ("Mood map", top.removeFromLeft (82), juce::Justification::centredLeft, false);
    mapdraw::drawLegend (g, top.toFloat(), colouring);

    mapdraw::drawPlane (g, plane.toFloat());

    const auto scale = (float) g.getInternalContext().getPhysicalPixelScaleFactor();
    if (dotsChanged || dotImagePlane != plane || dotImageScale != scale)
    {
        const auto started = juce::Time::getMillisecondCounterHiRes();
        dotImage = mapdraw::renderDots (model, plane, field, scale, colouring);
        dotImagePlane = plane;
        dotImageScale = scale;
        dotsChanged = false;
        log::info ("ui", "map dots drawn: " + std::to_string (model.getDots().size()) + " in "
                             + juce::String (juce::Time::getMillisecondCounterHiRes() - started, 1)
                                   .toStdString()
                             + " ms");
    }
    g.drawImage (dotImage, plane.toFloat());
    mapdraw::drawPlaneWords (g, plane.toFloat());

    if (model.getDots().empty())
    {
        g.setColour (palette::textDim);
        g.setFont (juce::Font (MoodboardLookAndFeel::bodyFontHeight));
        g.drawFittedText ("No analysed tracks yet: choose a library folder above, and every "
                          "track appears here once it is analysed.",
                          plane.reduced (40, 20), juce::Justification::centred, 3);
    }

    paintRoute (g);
    paintTarget (g);
    paintMarkers (g);
    paintHover (g);

    // Where valence and energy 0..1 span on screen, once per change: GUI checks aim with it.
    if (const auto onScreen = localAreaToGlobal (field); onScreen != loggedScreenPlane)
    {
        loggedScreenPlane = onScreen;
        log::info ("ui", "map plane on screen: " + onScreen.toString().toStdString());
    }

    if (hasKeyboardFocus (false))
    {
        g.setColour (palette::accentBright);
        g.drawRoundedRectangle (plane.toFloat().expanded (2.0f), 7.0f, 2.0f);
    }
}

void MoodMap::paintRoute (juce::Graphics& g) const
{
    if (route.empty())
        return;

    juce::Path path;
    for (std::size_t i = 0; i < route.size(); ++i)
    {
        const auto p = toScreen (model.toMap (route[i].valence, route[i].energy));
        if (i == 0)
            path.startNewSubPath (p);
        else
            path.lineTo (p);
    }

    g.setColour (routeColour.withAlpha (0.75f));
    g.strokePath (path, juce::PathStrokeType (1.6f, juce::PathStrokeType::curved));

    for (std::size_t i = 0; i < route.size(); ++i)
    {
        const auto p = toScreen (model.toMap (route[i].valence, route[i].energy));
        g.setColour (routeColour);
        g.drawEllipse (juce::Rectangle<float> (12.0f, 12.0f).withCentre (p), 2.0f);

        if (i == 0 || i + 1 == route.size())
        {
            g.setFont (juce::Font (MoodboardLookAndFeel::smallFontHeight, juce::Font::bold));
            g.setColour (palette::text);
            g.drawText (juce::String ((int) i + 1), juce::Rectangle<float> (24.0f, 14.0f)
                                                        .withPosition (p.x + 6.0f, p.y - 18.0f),
                        juce::Justification::centredLeft, false);
        }
    }
}

void MoodMap::paintTarget (juce::Graphics& g) const
{
    auto drawArrow = [&g] (juce::Point<float> from, juce::Point<float> to, juce::Colour colour)
    {
        juce::Path arrow;
        arrow.addArrow ({ from, to }, 3.0f, 14.0f, 14.0f);
        g.setColour (juce::Colours::black.withAlpha (0.5f));
        g.strokePath (arrow, juce::PathStrokeType (2.0f));
        g.setColour (colour);
        g.fillPath (arrow);
        g.fillEllipse (juce::Rectangle<float> (9.0f, 9.0f).withCentre (from));
    };

    if (dragStart && dragEnd)
    {
        drawArrow (toScreen (*dragStart), toScreen (*dragEnd), palette::accentBright);
        return;
    }

    if (! target)
        return;

    if (target->start && target->arc != mood::Arc::steady)
    {
        drawArrow (toScreen (target->pointAt (0.0)), toScreen (target->pointAt (1.0)),
                   targetColour);
        return;
    }

    const auto centre = toScreen (target->end);
    g.setColour (juce::Colours::black.withAlpha (0.5f));
    g.drawEllipse (juce::Rectangle<float> (22.0f, 22.0f).withCentre (centre), 4.0f);
    g.setColour (targetColour);
    g.drawEllipse (juce::Rectangle<float> (22.0f, 22.0f).withCentre (centre), 2.5f);
    g.fillEllipse (juce::Rectangle<float> (5.0f, 5.0f).withCentre (centre));
}

void MoodMap::paintMarkers (juce::Graphics& g) const
{
    if (live)
    {
        const auto p = toScreen (model.toMap (live->valence, live->energy));
        juce::Path diamond;
        diamond.addStar (p, 2, 5.0f, 10.0f, juce::MathConstants<float>::pi * 0.25f);
        g.setColour (juce::Colours::black.withAlpha (0.5f));
        g.strokePath (diamond, juce::PathStrokeType (3.0f));
        g.setColour (liveColour);
        g.fillPath (diamond);
        g.setFont (juce::Font (MoodboardLookAndFeel::smallFontHeight, juce::Font::bold));
        g.drawText ("session", juce::Rectangle<float> (70.0f, 16.0f).withPosition (p.x + 11.0f,
                                                                                   p.y - 8.0f),
                    juce::Justification::centredLeft, false);
    }

    const auto onTarget = target && std::abs (target->end.valence - cursor.valence) < 1e-9
                          && std::abs (target->end.energy - cursor.energy) < 1e-9;
    if (showCursor && ! onTarget && hasKeyboardFocus (false))
    {
        const auto p = toScreen (cursor);
        g.setColour (palette::accentBright);
        juce::Path ring;
        ring.addEllipse (juce::Rectangle<float> (26.0f, 26.0f).withCentre (p));
        const float dashes[] { 4.0f, 3.0f };
        juce::PathStrokeType (2.0f).createDashedStroke (ring, ring, dashes, 2);
        g.fillPath (ring);
    }
}

void MoodMap::paintHover (juce::Graphics& g) const
{
    if (! hovered || *hovered >= model.getDots().size())
        return;

    const auto& dot = model.getDots()[*hovered];
    const auto& track = *dot.track;
    const auto p = toScreen (dot.point);

    g.setColour (palette::text);
    g.drawEllipse (juce::Rectangle<float> (12.0f, 12.0f).withCentre (p), 2.0f);

    juce::String details;
    details << (track.tempoBpm ? juce::String (juce::roundToInt (*track.tempoBpm)) + " BPM"
                               : juce::String ("tempo unknown"))
            << ", " << (track.keyName.isNotEmpty() ? track.keyName : juce::String ("key unknown"));
    const auto title = track.artist.isNotEmpty() ? track.title + " - " + track.artist
                                                 : track.title;

    const juce::Font titleFont (MoodboardLookAndFeel::bodyFontHeight, juce::Font::bold);
    const juce::Font detailFont (MoodboardLookAndFeel::smallFontHeight);
    const auto width = juce::jmin ((float) plane.getWidth() - 8.0f,
                                   juce::jmax (titleFont.getStringWidthFloat (title),
                                               detailFont.getStringWidthFloat (details))
                                       + 16.0f);
    auto box = juce::Rectangle<float> (width, 40.0f).withPosition (p.x + 10.0f, p.y - 46.0f);
    box = box.constrainedWithin (plane.toFloat().reduced (2.0f));

    g.setColour (palette::raised.withAlpha (0.96f));
    g.fillRoundedRectangle (box, 5.0f);
    g.setColour (palette::outline);
    g.drawRoundedRectangle (box, 5.0f, 1.0f);

    auto text = box.reduced (8.0f, 3.0f);
    g.setColour (palette::text);
    g.setFont (titleFont);
    g.drawText (title, text.removeFromTop (18.0f), juce::Justification::centredLeft, true);
    g.setColour (palette::textDim);
    g.setFont (detailFont);
    g.drawText (details, text, juce::Justification::centredLeft, true);
}

} // namespace moodboard::plugin
