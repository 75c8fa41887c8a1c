#pragma once

#include <optional>
#include <vector>

namespace moodboard::audio
{

/** What the onset envelope says about the beat. */
struct TempoEstimate
{
    std::optional<double> bpm;            // empty when there is no clear pulse
    std::optional<double> alternativeBpm; // half or double of bpm when the evidence is split
    double confidence = 0.0;              // 0..1
    double pulseStrength = 0.0;           // 0..1, periodicity of the onset envelope at the beat
    double regularity = 0.0;              // 0..1, how much onset energy falls on the beat grid
    double onsetRate = 0.0;               // distinct onsets per second
};

/** Finds the tempo of an onset envelope.

    The envelope is smoothed, its slow trend removed and half-wave rectified; its normalised
    autocorrelation is read at the first four multiples of each candidate beat period (a comb),
    weighted by a log-normal prior centred on 120 BPM with a 0.6-octave spread. The winner is
    then checked against its half and double: strong off-beats make the double a candidate,
    taken when their strength outweighs the prior's odds against it; without strong off-beats,
    a beat whose every other beat is much weaker is taken at half speed.
*/
class TempoEstimator final
{
public:
    /** Estimates from onset values sampled at frameRate Hz. Any thread. */
    [[nodiscard]] static TempoEstimate estimate (const std::vector<float>& onsets,
                                                 double frameRate);

    static constexpr double minBpm = 40.0;
    static constexpr double maxBpm = 240.0;
};

} // namespace moodboard::audio
