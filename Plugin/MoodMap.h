#pragma once

#include "MoodMapLayers.h"
#include "MoodMapModel.h"

#include "Matching/Playlist.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <functional>
#include <memory>
#include <optional>

namespace moodboard::plugin
{

/** The mood map: the valence (left to right) and energy (bottom to top) plane with every analysed
    track of the library as a dot, coloured by tempo or by key; the current target (a ring, or an
    arrow from start to end for a rising or falling mood); the playlist shown, its tracks ringed
    and joined in playlist order; and the session's live mood as a diamond.

    A click asks for a steady mood at that point, a drag for a mood that moves from where the drag
    began to where it ended. With the keyboard focus, the arrow keys move a cursor (Shift for small
    steps) and Return asks for a steady mood there; C switches the colouring. Hovering names the
    nearest track.

    The dots are drawn once into an image when the tracks, the size, the colouring or the display
    scale change; paint() only blits it and draws the few markers over it. Message thread.
*/
class MoodMap final : public juce::Component
{
public:
    MoodMap();
    ~MoodMap() override;

    /** Called with the mood the user chose on the map (steady, or rising or falling). */
    std::function<void (const mood::MoodTarget&)> onTargetChosen;

    /** Shows the library's tracks; a snapshot equal to the one shown changes nothing. Logs
        "map shows N tracks" when the dots change. Message thread. */
    void setTracks (std::shared_ptr<const std::vector<LibraryService::TrackPoint>> tracks);

    /** Shows a playlist's target and its tracks in order; null clears both. Message thread. */
    void setPlaylist (std::shared_ptr<const matching::Playlist> playlist);

    /** Shows the session's live mood (the analysis' own valence and energy); nothing hides it.
        Message thread. */
    void setLiveMood (std::optional<mood::MoodPoint> features);

    /** The target shown, if any (the last chosen or the playlist's). Message thread. */
    [[nodiscard]] const std::optional<mood::MoodTarget>& getTarget() const noexcept
    {
        return target;
    }

    /** A target from a drag on the map: steady when both ends are within 0.04 of each other,
        else rising or falling, named as the mood parser names arcs (by energy when it moves by
        0.1 or more, else by valence). Any thread. */
    [[nodiscard]] static mood::MoodTarget targetFor (mood::MoodPoint start, mood::MoodPoint end);

    /** "valence 72%, energy 35%", or for an arc "valence 20% to 80%, energy 30% to 75%".
        Any thread. */
    [[nodiscard]] static juce::String describe (const mood::MoodTarget&);

    void paint (juce::Graphics&) override;
    void resized() override;
    void mouseMove (const juce::MouseEvent&) override;
    void mouseExit (const juce::MouseEvent&) override;
    void mouseDown (const juce::MouseEvent&) override;
    void mouseDrag (const juce::MouseEvent&) override;
    void mouseUp (const juce::MouseEvent&) override;
    bool keyPressed (const juce::KeyPress&) override;
    void focusGained (FocusChangeType) override;
    void focusLost (FocusChangeType) override;

private:
    [[nodiscard]] juce::Point<float> toScreen (mood::MoodPoint) const;
    [[nodiscard]] mood::MoodPoint toMood (juce::Point<float>) const;
    void choose (const mood::MoodTarget&);
    void setColouring (mapdraw::Colouring);
    void updateHover (std::optional<std::size_t>);

    void paintRoute (juce::Graphics&) const;
    void paintTarget (juce::Graphics&) const;
    void paintMarkers (juce::Graphics&) const;
    void paintHover (juce::Graphics&) const;

    MoodMapModel model;
    mapdraw::Colouring colouring = mapdraw::Colouring::tempo;
    juce::TextButton colourButton;
    juce::Rectangle<int> plane, field, header;   // field: the plane less a margin, 0..1 both ways

    juce::Image dotImage;
    juce::Rectangle<int> dotImagePlane;
    float dotImageScale = 0.0f;
    bool dotsChanged = true;

    std::optional<mood::MoodTarget> target;
    std::vector<mood::MoodPoint> route;   // the playlist's tracks, analysis values, in order
    std::optional<mood::MoodPoint> live;  // analysis values
    std::optional<std::size_t> hovered;
    std::optional<mood::MoodPoint> dragStart, dragEnd;
    mood::MoodPoint cursor;
    bool showCursor = false;
    juce::Rectangle<int> loggedScreenPlane;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (MoodMap)
};

} // namespace moodboard::plugin
