#pragma once

#include "Audio/Features.h"
#include "Mood/MoodTarget.h"

#include <array>
#include <optional>

namespace moodboard::matching
{

/** The space tracks are matched in. Every dimension is normalised to 0..1 and scaled by the
    square root of its weight, so that plain Euclidean distance (what the hnswlib index uses)
    is the weighted distance. docs/MATCHING.md explains the choice of features and weights.

    Bump `version` whenever a dimension, a normalisation or a weight changes: persisted indexes
    of another version are rebuilt.
*/
struct FeatureSpace
{
    static constexpr int version = 1;
    static constexpr int numDimensions = 7;

    enum Dimension
    {
        valence,
        energy,
        danceability,
        acousticness,
        tempo,
        loudness,
        brightness
    };

    using Vector = std::array<float, numDimensions>;

    /** Where a library's tracks lie on each normalised dimension (its 5th to 95th percentile).
        A target's valence and energy are placed in this range before matching; the values a mood
        implies for the open dimensions are placed the same way, so that "calm" pulls toward the
        quietest, slowest, most acoustic part of this library rather than toward absolute values
        that a library of orchestral game music or of club tracks may never reach. The default
        is the whole 0..1 scale.
    */
    struct Scale
    {
        std::array<double, numDimensions> low {};
        std::array<double, numDimensions> high { 1, 1, 1, 1, 1, 1, 1 };
    };

    /** The weighted vector of a matchable track, or nothing when its features are incomplete. */
    [[nodiscard]] static std::optional<Vector> embed (const audio::Features&);

    /** Normalised (unweighted) 0..1 values of one track, for reasons and re-ranking. */
    [[nodiscard]] static std::array<double, numDimensions> normalise (const audio::Features&);

    [[nodiscard]] static double normaliseTempo (double bpm);
    [[nodiscard]] static double normaliseLoudness (double lufs);

    /** Weight of a dimension when the mood constrains it. */
    [[nodiscard]] static double weightOf (Dimension);

    /** The query vector for one point of a target's arc. Dimensions the text left open take the
        values that usually go with the target's energy. */
    [[nodiscard]] static Vector query (const mood::MoodTarget&, const mood::MoodPoint&,
                                       const Scale&);
    [[nodiscard]] static Vector query (const mood::MoodTarget&, const mood::MoodPoint&);

    /** The distance used to rank candidates for one slot of the playlist: full weight on valence,
        energy and any feature the text constrained, a light pull toward the values implied by
        the target's energy on the others. Lower is closer.
    */
    [[nodiscard]] static double slotDistance (const audio::Features&, const mood::MoodTarget&,
                                              const mood::MoodPoint&, const Scale&);
    [[nodiscard]] static double slotDistance (const audio::Features&, const mood::MoodTarget&,
                                              const mood::MoodPoint&);
};

} // namespace moodboard::matching
