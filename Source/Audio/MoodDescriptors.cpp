#include "Audio/MoodDescriptors.h"

#include <algorithm>
#include <cmath>

namespace moodboard::audio
{

namespace
{
    double unit (double x) { return std::isfinite (x) ? std::clamp (x, 0.0, 1.0) : 0.0; }

    /** 0 at `low`, 1 at `high`, linear between. */
    double ramp (double x, double low, double high) { return unit ((x - low) / (high - low)); }

    /** 1 inside [low, high] BPM, falling off by half per half octave outside. */
    double tempoFit (double bpm, double low, double high)
    {
        if (bpm <= 0.0)
            return 0.0;
        const auto outside = bpm < low ? std::log2 (low / bpm)
                                       : std::max (0.0, std::log2 (bpm / high));
        return std::exp (-outside * outside / (2.0 * 0.35 * 0.35));
    }
} // namespace

double MoodDescriptors::brightnessFromCentroid (double centroidHz)
{
    if (! (centroidHz > 0.0))
        return 0.0;
    return unit (std::log2 (centroidHz / 300.0) / std::log2 (5000.0 / 300.0));
}

MoodValues MoodDescriptors::derive (const MoodInputs& in)
{
    MoodValues out;

    if (! in.loudnessLufs)
    {
        out.energy = 0.0;
        out.danceability = 0.0;
        return out;
    }

    const auto& tempo = in.tempo;
    const auto bpm = tempo.bpm.value_or (0.0);
    const auto loud = ramp (*in.loudnessLufs, -40.0, -6.0);
    const auto density = ramp (tempo.onsetRate, 0.5, 6.0);
    const auto pace = tempo.bpm ? ramp (bpm, 70.0, 170.0) : 0.0;
    const auto noisiness = ramp (in.spectrum.flatness, 0.05, 0.5);
    const auto activity = 0.35 * density + 0.25 * in.brightness + 0.2 * pace + 0.2 * noisiness;

    // Loudness gates everything: a quiet recording is not energetic however busy it is.
    out.energy = unit (std::pow (loud, 0.8) * (0.55 + 0.45 * activity));

    const auto pulse = tempo.bpm ? unit (tempo.pulseStrength) : 0.0;
    const auto regular = tempo.bpm ? unit (tempo.regularity) : 0.0;
    const auto fit = tempo.bpm ? tempoFit (bpm, 90.0, 130.0) : 0.0;
    out.danceability = unit (0.4 * pulse + 0.25 * regular + 0.2 * fit
                             + 0.15 * unit (tempo.confidence) * ramp (loud, 0.1, 0.5));

    // Peak-to-loudness ratio: heavily limited masters sit near 8 dB, untouched recordings at 18+.
    const auto peakToLoudness = in.samplePeakDbfs ? *in.samplePeakDbfs - *in.loudnessLufs : 12.0;
    const auto dynamics = 0.6 * ramp (peakToLoudness, 8.0, 20.0)
                          + 0.4 * ramp (in.loudnessRangeLu.value_or (5.0), 3.0, 15.0);
    out.acousticness = unit (0.4 * (1.0 - ramp (in.spectrum.flatness, 0.02, 0.35))
                             + 0.35 * (1.0 - ramp (in.spectrum.highFrequencyShare, 0.01, 0.15))
                             + 0.25 * dynamics);

    const auto modeTerm = in.mode ? (*in.mode == 1 ? 1.0 : -1.0) * unit (in.keyConfidence + 0.3)
                                  : 0.0;
    out.valence = unit (0.45 + 0.18 * modeTerm + 0.12 * (pace - 0.5) + 0.12 * (in.brightness - 0.5)
                        + 0.18 * (*out.energy - 0.5));
    return out;
}

} // namespace moodboard::audio
