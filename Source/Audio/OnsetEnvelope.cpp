#include "Audio/OnsetEnvelope.h"

#include <algorithm>
#include <cmath>

namespace moodboard::audio
{

namespace
{
    constexpr int numBands = 40;
    constexpr double lowestHz = 30.0;
    constexpr double highestHz = 11000.0;
    constexpr float compression = 1.0e5f;  // the knee of the log lies near -50 dB

    double hzToMel (double hz) { return 2595.0 * std::log10 (1.0 + hz / 700.0); }
} // namespace

OnsetEnvelope::OnsetEnvelope (double sampleRate, int fftSize)
{
    const auto numBins = fftSize / 2 + 1;
    bandOfBin.assign ((size_t) numBins, -1);
    bandCounts.assign (numBands, 0.0f);

    const auto melLow = hzToMel (lowestHz);
    const auto melHigh = hzToMel (std::min (highestHz, 0.5 * sampleRate));

    for (int bin = 1; bin < numBins; ++bin)
    {
        const auto hz = bin * sampleRate / fftSize;
        const auto position = (hzToMel (hz) - melLow) / (melHigh - melLow);

        if (position < 0.0 || position >= 1.0)
            continue;

        const auto band = std::min ((int) (position * numBands), numBands - 1);
        bandOfBin[(size_t) bin] = band;
        bandCounts[(size_t) band] += 1.0f;
    }

    bands.assign (numBands, 0.0f);
    previous.assign (numBands, 0.0f);
}

void OnsetEnvelope::addFrame (const float* power)
{
    std::fill (bands.begin(), bands.end(), 0.0f);

    for (size_t bin = 0; bin < bandOfBin.size(); ++bin)
        if (const auto band = bandOfBin[bin]; band >= 0)
            bands[(size_t) band] += power[bin];

    float flux = 0.0f;
    int used = 0;

    for (size_t b = 0; b < bands.size(); ++b)
    {
        // Low bands at this resolution hold no bin at all; they are skipped, not counted.
        if (bandCounts[b] == 0.0f)
            continue;

        const auto level = std::log1p (compression * bands[b] / bandCounts[b]);
        if (hasPrevious)
            flux += std::max (0.0f, level - previous[b]);

        previous[b] = level;
        ++used;
    }

    values.push_back (hasPrevious && used > 0 ? flux / (float) used : 0.0f);
    hasPrevious = true;
}

} // namespace moodboard::audio
