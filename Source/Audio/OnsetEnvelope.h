#pragma once

#include <vector>

namespace moodboard::audio
{

/** The onset strength of a signal over time: log-compressed spectral flux summed over bands
    spaced evenly on the mel scale.

    Each STFT frame's power spectrum is pooled into bands between 30 Hz and 11 kHz, compressed
    with log(1 + gamma * power) so that loud and quiet recordings give similar shapes, and the
    positive band-wise increases from the previous frame are averaged into one value per frame.
    Powers must be finite and under about 1e30 (samples within +-1e8; FeatureExtractor reads
    anything larger as silence): the compression overflows single precision beyond. One
    instance per analysis; not thread-safe.
*/
class OnsetEnvelope final
{
public:
    /** Prepares for frames of fftSize points at sampleRate (so fftSize / 2 + 1 power bins).
        Any thread.
    */
    OnsetEnvelope (double sampleRate, int fftSize);

    /** Adds one frame's power spectrum, normalised so a full-scale sine peaks near 1.
        Called by the thread that owns this instance.
    */
    void addFrame (const float* power);

    /** One onset strength value per frame added so far. Called by the owning thread. */
    [[nodiscard]] const std::vector<float>& getValues() const noexcept { return values; }

private:
    std::vector<int> bandBegin, bandEnd;  // each band's bins: [begin, end), empty when none
    std::vector<float> bandCounts, inverseCounts;  // bins per band, and 1 / that (0 for none)
    int usedBands = 0;                              // bands with at least one bin
    std::vector<float> bands, previous;
    std::vector<float> values;
    bool hasPrevious = false;
};

} // namespace moodboard::audio
