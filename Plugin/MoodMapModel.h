#pragma once

#include "LibraryService.h"

#include "Mood/MoodTarget.h"

#include <memory>
#include <optional>
#include <vector>

namespace moodboard::plugin
{

/** The tracks of the mood map, placed on the plane the way suggestions see it.

    A target asks for valence and energy on a 0..1 scale, and the Suggester stretches that scale
    over the part of the plane the library covers (the 5th to 95th percentile of each axis). The
    map uses the same stretch, so a click among a group of dots asks for those tracks; a track
    outside that span sits on the map's edge. The span is worked out here again from the same
    rule, so a change to the Suggester's rule must be made here too.

    Nearest-track lookups use a coarse grid of the plane, so hovering stays cheap with 10,000
    tracks. Message thread.
*/
class MoodMapModel final
{
public:
    /** One dot: its place on the map (0..1 both ways) and what the hover label says. */
    struct Dot
    {
        mood::MoodPoint point;
        const LibraryService::TrackPoint* track = nullptr;   // owned by the model's snapshot
    };

    /** Takes a new snapshot of the library; null or empty clears the map. */
    void setTracks (std::shared_ptr<const std::vector<LibraryService::TrackPoint>> tracks);

    /** The snapshot last given, to tell whether a new one differs. */
    [[nodiscard]] const std::shared_ptr<const std::vector<LibraryService::TrackPoint>>&
    getSnapshot() const noexcept
    {
        return snapshot;
    }

    [[nodiscard]] const std::vector<Dot>& getDots() const noexcept { return dots; }

    /** Where features of the analysis (a track's, or the live session's) sit on the map. */
    [[nodiscard]] mood::MoodPoint toMap (double valence, double energy) const;

    /** The dot closest to `point` within `radius` (in map units), if any. */
    [[nodiscard]] std::optional<std::size_t> findNearest (mood::MoodPoint point,
                                                          double radius) const;

private:
    static constexpr int gridSize = 24;

    [[nodiscard]] static int cellOf (double x);

    std::shared_ptr<const std::vector<LibraryService::TrackPoint>> snapshot;
    std::vector<Dot> dots;
    std::vector<std::vector<std::size_t>> grid;   // gridSize * gridSize cells of dot indices
    double valenceLow = 0.0, valenceHigh = 1.0, energyLow = 0.0, energyHigh = 1.0;
};

} // namespace moodboard::plugin
