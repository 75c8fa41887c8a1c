#pragma once

#include <vector>

namespace moodboard::audio
{

/** Averages of the spectral shape over the audible frames of a recording. */
struct SpectralSummary
{
    double centroidHz = 0.0;         // magnitude-weighted mean frequency
    double flatness = 0.0;           // 0 for a pure tone .. 1 for white noise
    double rolloffHz = 0.0;          // below which 85 % of the power lies
    double flux = 0.0;               // 0..~1.4, distance between successive normalised spectra
    double highFrequencyShare = 0.0; // share of the power above 4 kHz
    int audibleFrames = 0;           // frames that passed the silence floor
};

/** Accumulates centroid, flatness, roll-off, flux and high-frequency share frame by frame.
    Frames quieter than about -80 dB are left out so that silences do not dilute the averages.
    Powers must be finite and under about 1e30 (samples within +-1e8; FeatureExtractor reads
    anything larger as silence): the sums run partly in single precision. One instance per
    analysis; not thread-safe.
*/
class SpectralShape final
{
public:
    /** Prepares for frames of fftSize points at sampleRate. Any thread. */
    SpectralShape (double sampleRate, int fftSize);

    /** Adds one frame's power spectrum, normalised so a full-scale sine peaks near 1.
        Called by the thread that owns this instance.
    */
    void addFrame (const float* power);

    /** The averages so far; all zero when no frame was audible. Called by the owning
        thread.
    */
    [[nodiscard]] SpectralSummary getSummary() const;

private:
    double binHz = 0.0;
    int numBins = 0;
    int firstHighBin = 0;  // the first bin at or above the high-frequency edge
    std::vector<float> magnitudes, previousMagnitudes;
    bool hasPrevious = false;
    SpectralSummary sums;
    int fluxFrames = 0;
};

} // namespace moodboard::audio
