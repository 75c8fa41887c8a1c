#include "Audio/SpectralShape.h"

#include "Audio/Vectors.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>

namespace moodboard::audio
{

namespace
{
    constexpr double silenceFloor = 1.0e-8;  // total normalised power of an audible frame
    constexpr double highFrequencyEdgeHz = 4000.0;
    constexpr double rolloffShare = 0.85;
} // namespace

SpectralShape::SpectralShape (double sampleRate, int fftSize)
    : binHz (sampleRate / fftSize), numBins (fftSize / 2 + 1),
      firstHighBin ((int) std::ceil (highFrequencyEdgeHz / binHz))
{
    magnitudes.resize ((size_t) numBins);
    previousMagnitudes.resize ((size_t) numBins);
}

namespace
{
    /** The low and high four floats of v, widened to double. */
    inline void widen (const Float8& v, Double4& low, Double4& high) noexcept
    {
        low = __builtin_convertvector (__builtin_shufflevector (v, v, 0, 1, 2, 3), Double4);
        high = __builtin_convertvector (__builtin_shufflevector (v, v, 4, 5, 6, 7), Double4);
    }

    struct FrameSums
    {
        double total = 0.0, high = 0.0, magnitudeSum = 0.0, weightedBins = 0.0, logSum = 0.0;
    };

    /** The sums over bins 1 .. numBins - 1 that the descriptors need (bin 0, DC, says nothing
        about timbre), eight bins at a time; writes each bin's magnitude. The sum of logs for
        the flatness comes from the float exponents (added as integers) and the product of the
        mantissas (in [1, 2), so 64 of them stay within double's range), which needs eight
        logarithms per frame.
    */
    MOODBOARD_VECTOR_CLONES
    FrameSums sumFrame (const float* power, float* magnitudes, int numBins, int firstHighBin)
    {
        for (int bin = 1; bin < numBins; ++bin)
            magnitudes[bin] = std::sqrt (power[bin]);

        // Power sums in float: cleaning keeps samples within +-1e8, so a bin's power stays
        // under about 1e17 and a frame's sum far from float's limit.
        Float8 total {}, high {}, magnitudeSum {}, weighted {};
        Int8 exponents {};
        Double4 mantissasLow { 1.0, 1.0, 1.0, 1.0 }, mantissasHigh = mantissasLow;
        Float8 index { 1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f, 7.0f, 8.0f };
        FrameSums sums;
        const auto flushMantissas = [&]
        {
            for (int l = 0; l < 4; ++l)
                sums.logSum += std::log (mantissasLow[l]) + std::log (mantissasHigh[l]);
            mantissasLow = Double4 { 1.0, 1.0, 1.0, 1.0 };
            mantissasHigh = mantissasLow;
        };

        int bin = 1, vectors = 0;
        for (; bin + 8 <= numBins; bin += 8, index += 8.0f)
        {
            Float8 p, m;
            load (p, power + bin);
            load (m, magnitudes + bin);
            total += p;
            high += index >= (float) firstHighBin ? p : Float8 {};
            magnitudeSum += m;
            weighted += m * index;

            const auto clamped = p + 1.0e-12f < 1.0e30f ? p + 1.0e-12f : Float8 {} + 1.0e30f;
            const auto bits = (Int8) clamped;
            exponents += (bits >> 23) - 127;
            Double4 low, upper;
            widen ((Float8) ((bits & 0x7fffff) | 0x3f800000), low, upper);
            mantissasLow *= low;
            mantissasHigh *= upper;
            if (++vectors % 64 == 0)
                flushMantissas();
        }
        flushMantissas();

        for (int l = 0; l < 8; ++l)
        {
            sums.total += total[l];
            sums.high += high[l];
            sums.magnitudeSum += magnitudeSum[l];
            sums.weightedBins += weighted[l];
            sums.logSum += (double) exponents[l] * std::numbers::ln2;
        }

        for (; bin < numBins; ++bin)
        {
            const double p = power[bin];
            sums.total += p;
            sums.magnitudeSum += magnitudes[bin];
            sums.weightedBins += magnitudes[bin] * bin;
            sums.high += bin >= firstHighBin ? p : 0.0;
            sums.logSum += std::log (std::min (p + 1.0e-12, 1.0e30));
        }
        return sums;
    }

    /** The distance between this frame's magnitudes over `norm` and the previous frame's,
        which it then replaces. Bins 1 .. numBins - 1.
    */
    MOODBOARD_VECTOR_CLONES
    double replaceAndMeasure (const float* magnitudes, float* previous, int numBins, float norm,
                              bool measure)
    {
        Float8 distance {};
        const auto scale = 1.0f / norm;
        int bin = 1;
        for (; bin + 8 <= numBins; bin += 8)
        {
            Float8 m, before;
            load (m, magnitudes + bin);
            load (before, previous + bin);
            m *= scale;
            const auto d = m - before;
            distance += d * d;
            store (previous + bin, m);
        }

        double sum = 0.0;
        for (int l = 0; l < 8; ++l)
            sum += distance[l];
        for (; bin < numBins; ++bin)
        {
            const auto m = magnitudes[bin] * scale;
            sum += (m - previous[bin]) * (m - previous[bin]);
            previous[bin] = m;
        }
        return measure ? std::sqrt (sum) : 0.0;
    }
} // namespace

void SpectralShape::addFrame (const float* power)
{
    const auto frame = sumFrame (power, magnitudes.data(), numBins, firstHighBin);
    const auto total = frame.total, high = frame.high, logSum = frame.logSum;
    const auto magnitudeSum = frame.magnitudeSum, weightedHz = frame.weightedBins * binHz;

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
    const auto flux = replaceAndMeasure (magnitudes.data(), previousMagnitudes.data(), numBins,
                                         (float) std::sqrt (total), hasPrevious);
    if (hasPrevious)
    {
        sums.flux += flux;
        ++fluxFrames;
    }

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
