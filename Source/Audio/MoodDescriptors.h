#pragma once

#include "Audio/SpectralShape.h"
#include "Audio/TempoEstimator.h"

#include <optional>

namespace moodboard::audio
{

/** The measurements the mood descriptors are derived from. */
struct MoodInputs
{
    std::optional<double> loudnessLufs;
    std::optional<double> loudnessRangeLu;
    std::optional<double> samplePeakDbfs;
    TempoEstimate tempo;
    SpectralSummary spectrum;
    std::optional<int> mode;
    double keyConfidence = 0.0;
    double brightness = 0.0;  // 0..1
};

/** Spotify-style mood values, each 0..1; empty where the inputs cannot support a value. */
struct MoodValues
{
    std::optional<double> energy;
    std::optional<double> danceability;
    std::optional<double> acousticness;
    std::optional<double> valence;
};

/** Heuristic mappings from measurements to mood values; docs/FEATURES.md gives the formulas
    and their reasoning. Pure functions of their inputs; any thread.
*/
struct MoodDescriptors final
{
    /** Maps a spectral centroid to 0..1 on a log scale: 300 Hz or less is 0, 5 kHz or more
        is 1. Any thread.
    */
    [[nodiscard]] static double brightnessFromCentroid (double centroidHz);

    /** All four values. Silent audio (no loudness) gets energy and danceability 0, and no
        acousticness or valence. Any thread.
    */
    [[nodiscard]] static MoodValues derive (const MoodInputs& inputs);
};

} // namespace moodboard::audio
