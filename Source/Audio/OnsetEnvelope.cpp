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

    bands.assign (numBands, 0.0f);
    previous.assign (numBands, 0.0f);
}

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

    float flux = 0.0f;
    int used = 0;

    for (size_t b = 0; b < bands.size(); ++b)
    {
        // Low bands at this resolution hold no bin at all; they are skipped, not counted.
        if (bandCounts[b] == 0.0f)
            continue;

        // log (1 + x) rather than log1p: several times cheaper, and it differs only where x
        // is far below the knee and the level is near zero anyway.
        const auto level = std::log (1.0f + compression * bands[b] / bandCounts[b]);
        if (hasPrevious)
            flux += std::max (0.0f, level - previous[b]);

        previous[b] = level;
        ++used;
    }

    values.push_back (hasPrevious && used > 0 ? flux / (float) used : 0.0f);
    hasPrevious = true;
}

} // namespace moodboard::audio
