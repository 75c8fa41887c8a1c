#include "Audio/OnsetEnvelope.h"

#include "Audio/Vectors.h"

#include <algorithm>
#include <cmath>

namespace moodboard::audio
{

namespace
{
    constexpr int numBands = 40;
    static_assert (numBands % 8 == 0, "bands are taken eight at a time");
    constexpr double lowestHz = 30.0;
    constexpr double highestHz = 11000.0;
    constexpr float compression = 1.0e5f;  // the knee of the log lies near -50 dB

    double hzToMel (double hz) { return 2595.0 * std::log10 (1.0 + hz / 700.0); }
} // namespace

OnsetEnvelope::OnsetEnvelope (double sampleRate, int fftSize)
{
    const auto numBins = fftSize / 2 + 1;
    std::vector<int> bandOfBin ((size_t) numBins, -1);
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

    bandBegin.assign (numBands, 0);
    bandEnd.assign (numBands, 0);
    for (int bin = numBins - 1; bin >= 1; --bin)
        if (const auto band = bandOfBin[(size_t) bin]; band >= 0)
        {
            bandBegin[(size_t) band] = bin;
            if (bandEnd[(size_t) band] == 0)
                bandEnd[(size_t) band] = bin + 1;
        }

    inverseCounts.assign (numBands, 0.0f);
    for (int band = 0; band < numBands; ++band)
        if (bandCounts[(size_t) band] > 0.0f)
        {
            inverseCounts[(size_t) band] = 1.0f / bandCounts[(size_t) band];
            ++usedBands;
        }

    bands.assign (numBands, 0.0f);
    previous.assign (numBands, 0.0f);
}

MOODBOARD_VECTOR_CLONES
void OnsetEnvelope::addFrame (const float* power)
{
    // A band's bins are neighbours (the mel scale only rises), so each band is one run of
    // bins, summed into four partial sums: adding bin after bin into the same band waited for
    // every addition before it.
    for (size_t b = 0; b < bands.size(); ++b)
    {
        float sum[4] {};
        auto bin = bandBegin[b];
        for (; bin + 4 <= bandEnd[b]; bin += 4)
            for (int k = 0; k < 4; ++k)
                sum[k] += power[bin + k];
        for (; bin < bandEnd[b]; ++bin)
            sum[0] += power[bin];
        bands[b] = (sum[0] + sum[1]) + (sum[2] + sum[3]);
    }

    // Each band's level, eight bands at a time. Low bands at this resolution hold no bin at
    // all: their level stays log 1 = 0, so they add nothing to the flux, and they are not
    // counted. log (1 + x) rather than log1p: it differs only where x is far below the knee
    // and the level is near zero anyway.
    Float8 flux {};
    for (int b = 0; b < numBands; b += 8)
    {
        Float8 band, inverse, before, level;
        load (band, bands.data() + b);
        load (inverse, inverseCounts.data() + b);
        load (before, previous.data() + b);
        logarithm (1.0f + compression * band * inverse, level);
        const auto rise = level - before;
        flux += rise > 0.0f ? rise : Float8 {};
        store (previous.data() + b, level);
    }
    float total = 0.0f;
    for (int k = 0; k < 8; ++k)
        total += flux[k];

    values.push_back (hasPrevious && usedBands > 0 ? total / (float) usedBands : 0.0f);
    hasPrevious = true;
}

} // namespace moodboard::audio
