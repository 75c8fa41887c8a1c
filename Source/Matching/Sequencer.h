#pragma once

#include "Matching/FeatureSpace.h"
#include "Matching/Playlist.h"

#include <cstdint>
#include <vector>

namespace moodboard::matching
{

/** A track the user locked at a place of the playlist (0 = first). */
struct LockedTrack
{
    std::size_t slot = 0;
    const library::Track* track = nullptr;
};

/** How a playlist is put together beyond the mood target itself. */
struct SequenceOptions
{
    /** 0 = more of the same (always the closest fit), 1 = surprise me (a wider, shuffled choice
        among good fits). */
    double variety = 0.0;

    /** Seeds the random part of variety: the same seed gives the same playlist. */
    std::uint32_t seed = 1;

    /** Tracks that must open or close the playlist ("like this track", "from A to B"). */
    const library::Track* first = nullptr;
    const library::Track* last = nullptr;

    /** Tracks that keep their slot; the other slots are filled around them and never with the
        same file or recording. A locked slot past the playlist's end (it became shorter) puts its
        track at the end, so no locked track is lost. Meant for playlists without `first`/`last`:
        with them, a lock on a slot they take moves one slot on. */
    std::vector<LockedTrack> locked;

    /** Tracks the user removed: no slot takes the same file, nor the same recording of a track
        with a title. The playlist built lists them in `removed`, so the next refinement can leave
        them out again. A locked track is kept even when it is listed here too. */
    std::vector<const library::Track*> excluded;

    /** The library's scale the target was placed in (the Suggester sets it). */
    FeatureSpace::Scale scale;
};

/** Figures that say how well a playlist flows. */
struct SequenceQuality
{
    double meanTempoStep = 0.0;        // BPM between neighbours, half/double time folded
    double harmonicShare = 1.0;        // neighbours with known keys that mix well, 0..1
    double arcDeviation = 0.0;         // mean distance on the mood plane from the slot's target
};

/** Chooses and orders tracks from a pool of candidates along a target's arc.

    Each slot takes the candidate that best fits its point on the arc, its neighbour (tempo
    close, allowing half and double time; keys neighbours on the circle of fifths) and the rules:
    no file or recording twice, no artist twice in a row, no album more than twice. A rule is
    relaxed only when nothing else is left, and the playlist's notes say so. A final pass swaps
    tracks when that lowers the total cost of fit plus transitions; locked tracks keep their slot
    through it (their entries say `locked`). Pure; any thread.
*/
class Sequencer final
{
public:
    [[nodiscard]] static Playlist build (const std::vector<const library::Track*>& pool,
                                         const mood::MoodTarget& target,
                                         const SequenceOptions& options = {});

    [[nodiscard]] static SequenceQuality measure (const Playlist&);
};

} // namespace moodboard::matching
