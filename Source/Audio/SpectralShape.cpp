#include "Audio/SpectralShape.h"

#include <algorithm>
#include <cmath>

namespace moodboard::audio
{

namespace
{
    constexpr double silenceFloor = 1.0e-8;  // total normalised power of an audible frame
    constexpr double highFrequencyEdgeHz = 4000.0;
    constexpr double rolloffShare = 0.85;
} // namespace

SpectralShape::SpectralShape (double sampleRate, int fftSize)
    : binHz (sampleRate / fftSize), numBins (fftSize / 2 + 1)
{
    magnitudes.resize ((size_t) numBins);
    previousMagnitudes.resize ((size_t) numBins);
}

void SpectralShape::addFrame (const float* power)
{
    double total = 0.0, high = 0.0, magnitudeSum = 0.0, weightedHz = 0.0, logSum = 0.0;

    // The flatness needs the sum of the bins' logarithms. A logarithm per bin was the costliest
    // step of this function; the log of a product of eight bins is the same sum for an eighth of
    // the calls. Each factor lies in [1e-12, 1e30], so a product of eight stays within a double.
    double product = 1.0;
    int factors = 0;

    // Bin 0 (DC) says nothing about timbre and is left out.
    for (int bin = 1; bin < numBins; ++bin)
    {
        const double p = power[bin];
        const auto hz = bin * binHz;
        const auto magnitude = std::sqrt (p);

        total += p;
        magnitudeSum += magnitude;
        weightedHz += magnitude * hz;
        product *= std::min (p + 1.0e-12, 1.0e30);
        if (++factors == 8)
        {
            logSum += std::log (product);
            product = 1.0;
            factors = 0;
        }
        magnitudes[(size_t) bin] = (float) magnitude;

        if (hz >= highFrequencyEdgeHz)
            high += p;
    }

    logSum += std::log (product);

    if (total < silenceFloor)
    {
        hasPrevious = false;
        return;
    }

    const auto count = (double) (numBins - 1);
    sums.centroidHz += weightedHz / magnitudeSum;
    sums.flatness += std::clamp (std::exp (logSum / count) / (total / count + 1.0e-12), 0.0, 1.0);
    sums.highFrequencyShare += high / total;

    double cumulative = 0.0;
    for (int bin = 1; bin < numBins; ++bin)
    {
        cumulative += power[bin];
        if (cumulative >= rolloffShare * total)
        {
            sums.rolloffHz += bin * binHz;
            break;
        }
    }

    // Flux between unit-length magnitude spectra, so it measures change of shape, not level.
    const auto norm = std::sqrt (total);
    if (hasPrevious)
    {
        double distance = 0.0;
        for (int bin = 1; bin < numBins; ++bin)
        {
            const auto d = magnitudes[(size_t) bin] / norm - previousMagnitudes[(size_t) bin];
            distance += d * d;
        }
        sums.flux += std::sqrt (distance);
        ++fluxFrames;
    }

    for (int bin = 1; bin < numBins; ++bin)
        previousMagnitudes[(size_t) bin] = (float) (magnitudes[(size_t) bin] / norm);

    hasPrevious = true;
    ++sums.audibleFrames;
}

SpectralSummary SpectralShape::getSummary() const
{
    SpectralSummary mean;
    const auto n = sums.audibleFrames;

    if (n == 0)
        return mean;

    mean.audibleFrames = n;
    mean.centroidHz = sums.centroidHz / n;
    mean.flatness = sums.flatness / n;
    mean.rolloffHz = sums.rolloffHz / n;
    mean.highFrequencyShare = sums.highFrequencyShare / n;
    mean.flux = fluxFrames > 0 ? sums.flux / fluxFrames : 0.0;
    return mean;
}

} // namespace moodboard::audio
