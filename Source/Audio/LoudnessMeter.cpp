#include "Audio/LoudnessMeter.h"

#include "Audio/Vectors.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace moodboard::audio
{

namespace
{
    constexpr double absoluteGateLufs = -70.0;
    constexpr double relativeGateLu = -10.0;
    constexpr double rangeRelativeGateLu = -20.0;

    double toLufs (double meanSquare) { return -0.691 + 10.0 * std::log10 (meanSquare); }
} // namespace

LoudnessMeter::LoudnessMeter (double sampleRate, int numChannels)
{
    // Coefficients are b0, b1, b2, a1, a2, normalised so that a0 = 1.
    // Stage 1: the high shelf (+4 dB above ~1.7 kHz) of BS.1770, re-derived for this rate.
    {
        const double f0 = 1681.974450955533, gainDb = 3.999843853973347, q = 0.7071752369554196;
        const auto k = std::tan (std::numbers::pi * f0 / sampleRate);
        const auto vh = std::pow (10.0, gainDb / 20.0);
        const auto vb = std::pow (vh, 0.4996667741545416);
        const auto a0 = 1.0 + k / q + k * k;
        coefficients.shelf = { (vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0,
                               (vh - vb * k / q + k * k) / a0, 2.0 * (k * k - 1.0) / a0,
                               (1.0 - k / q + k * k) / a0 };
    }

    // Stage 2: the RLB high-pass near 38 Hz.
    {
        const double f0 = 38.13547087602444, q = 0.5003270373238773;
        const auto k = std::tan (std::numbers::pi * f0 / sampleRate);
        const auto a0 = 1.0 + k / q + k * k;
        coefficients.highPass = { 1.0, -2.0, 1.0, 2.0 * (k * k - 1.0) / a0,
                                  (1.0 - k / q + k * k) / a0 };
    }

    blockForm = makeBlockForm (coefficients);
    useBlocks = wideVectorsRun();
    channelStates.resize ((size_t) std::max (numChannels, 0));

    if (numChannels == 6)
    {
        channelStates[3].weight = 0.0;
        channelStates[4].weight = 1.41;
        channelStates[5].weight = 1.41;
    }
    else if (numChannels == 5)
    {
        channelStates[3].weight = 1.41;
        channelStates[4].weight = 1.41;
    }

    samplesPerStep = std::max (1LL, std::llround (sampleRate * 0.1));
}

namespace
{
    /** One sample of both K-weighting biquads (transposed direct form II); returns the output.
        The block form below is built from this, so the two cannot disagree.
    */
    double filterSample (const LoudnessMeter::Coefficients& c, double* state, double in) noexcept
    {
        const auto y1 = c.shelf[0] * in + state[0];
        state[0] = c.shelf[1] * in - c.shelf[3] * y1 + state[1];
        state[1] = c.shelf[2] * in - c.shelf[4] * y1;

        const auto y2 = c.highPass[0] * y1 + state[2];
        state[2] = c.highPass[1] * y1 - c.highPass[3] * y2 + state[3];
        state[3] = c.highPass[2] * y1 - c.highPass[4] * y2;
        return y2;
    }

    /** Filters `lanes` channels sample by sample and returns each channel's sum of squared
        outputs in sums[]. Two channels in one loop let the processor work on both chains of
        dependent multiply-adds at once.
    */
    template <int lanes>
    void filterSamples (const LoudnessMeter::Coefficients& c, double* const* states,
                        const float* const* x, int count, double* sums)
    {
        double state[lanes][4], sum[lanes] {};
        for (int l = 0; l < lanes; ++l)
            std::copy_n (states[l], 4, state[l]);

        for (int i = 0; i < count; ++i)
            for (int l = 0; l < lanes; ++l)
            {
                const auto y = filterSample (c, state[l], x[l][i]);
                sum[l] += y * y;
            }

        for (int l = 0; l < lanes; ++l)
        {
            std::copy_n (state[l], 4, states[l]);
            sums[l] = sum[l];
        }
    }

    /** Filters `lanes` channels, blockLength samples at a time, and returns each channel's sum
        of squared outputs in sums[]. `blocks` whole blocks are done; the caller does the rest.
        Each output and the next state are fixed sums over the block's inputs and the state at
        its start, so the eight outputs of a block are computed side by side and only the state
        carries from block to block; sample by sample, every output waited for the one before.
    */
    template <int lanes>
    MOODBOARD_VECTOR_CLONES
    void filterBlocks (const LoudnessMeter::BlockForm& m, double* const* states,
                       const float* const* x, int blocks, double* sums)
    {
        Double4 z[lanes], energy[lanes];
        for (int l = 0; l < lanes; ++l)
        {
            load (z[l], states[l]);
            energy[l] = Double4 {};
        }

        for (int b = 0; b < blocks; ++b)
        {
            for (int l = 0; l < lanes; ++l)
            {
                const auto* in = x[l] + b * LoudnessMeter::blockLength;
                Double4 yLow {}, yHigh {}, next {};
                for (int j = 0; j < LoudnessMeter::blockLength; ++j)
                {
                    const double v = in[j];
                    if (j < 4)  // outputs 0-3 come before inputs 4-7
                        yLow += m.outputFromInput[j][0] * v;
                    yHigh += m.outputFromInput[j][1] * v;
                    next += m.stateFromInput[j] * v;
                }
                // Each state value spread over a register with a shuffle: taking it out as a
                // scalar first is a round trip that the next block waits for.
                const auto& s = z[l];
                const Double4 s0 = __builtin_shufflevector (s, s, 0, 0, 0, 0);
                const Double4 s1 = __builtin_shufflevector (s, s, 1, 1, 1, 1);
                const Double4 s2 = __builtin_shufflevector (s, s, 2, 2, 2, 2);
                const Double4 s3 = __builtin_shufflevector (s, s, 3, 3, 3, 3);
                yLow += (m.outputFromState[0][0] * s0 + m.outputFromState[1][0] * s1)
                      + (m.outputFromState[2][0] * s2 + m.outputFromState[3][0] * s3);
                yHigh += (m.outputFromState[0][1] * s0 + m.outputFromState[1][1] * s1)
                       + (m.outputFromState[2][1] * s2 + m.outputFromState[3][1] * s3);
                z[l] = next + (m.stateFromState[0] * s0 + m.stateFromState[1] * s1)
                            + (m.stateFromState[2] * s2 + m.stateFromState[3] * s3);
                energy[l] += yLow * yLow + yHigh * yHigh;
            }
        }

        for (int l = 0; l < lanes; ++l)
        {
            store (states[l], z[l]);
            sums[l] = (energy[l][0] + energy[l][1]) + (energy[l][2] + energy[l][3]);
        }
    }

    /** The largest absolute value of x[0 .. count - 1], or `peak` if that is larger. */
    MOODBOARD_VECTOR_CLONES
    float absolutePeak (const float* x, int count, float peak)
    {
        // Four at a time: one register in every build, and memory is the limit here anyway.
        Float4 largest {};
        int i = 0;
        for (; i + 4 <= count; i += 4)
        {
            Float4 v;
            load (v, x + i);
            v = v < 0.0f ? -v : v;
            largest = v > largest ? v : largest;
        }
        for (int k = 0; k < 4; ++k)
            peak = std::max (peak, largest[k]);
        for (; i < count; ++i)
            peak = std::max (peak, std::abs (x[i]));
        return peak;
    }
} // namespace

LoudnessMeter::BlockForm LoudnessMeter::makeBlockForm (const Coefficients& c)
{
    // The block maps (state at its start, its inputs) linearly to (outputs, state at its end);
    // each column of that map is the response of the sample filter to one unit state or input.
    BlockForm m;
    const auto respond = [&c] (const double* start, int impulseAt, Double4* outputs,
                               Double4& endState)
    {
        double state[4] { start[0], start[1], start[2], start[3] };
        for (int k = 0; k < blockLength; ++k)
            outputs[k / 4][k % 4] = filterSample (c, state, k == impulseAt ? 1.0 : 0.0);
        load (endState, state);
    };

    for (int i = 0; i < 4; ++i)
    {
        double unit[4] {};
        unit[i] = 1.0;
        respond (unit, -1, m.outputFromState[i], m.stateFromState[i]);
    }
    for (int j = 0; j < blockLength; ++j)
    {
        const double zero[4] {};
        respond (zero, j, m.outputFromInput[j], m.stateFromInput[j]);
    }
    return m;
}

void LoudnessMeter::filterChannels (int first, int lanes, const float* const* x, int count,
                                    bool measurePeak)
{
    double* states[2] { channelStates[(size_t) first].state,
                        channelStates[(size_t) (first + lanes - 1)].state };
    double sums[2] {}, tailSums[2] {};

    // Whole blocks in the block form where wide registers make it pay (see Vectors.h); the
    // rest, or everything without them, sample by sample.
    const auto blocked = useBlocks ? count / blockLength * blockLength : 0;
    if (blocked > 0)
        (lanes == 2 ? filterBlocks<2> : filterBlocks<1>) (blockForm, states, x,
                                                          blocked / blockLength, sums);

    const float* rest[2] { x[0] + blocked, x[lanes - 1] + blocked };
    (lanes == 2 ? filterSamples<2> : filterSamples<1>) (coefficients, states, rest,
                                                        count - blocked, tailSums);

    for (int l = 0; l < lanes; ++l)
    {
        sums[l] += tailSums[l];
        if (measurePeak)
            peak = absolutePeak (x[l], count, peak);
        currentEnergy += channelStates[(size_t) (first + l)].weight * sums[l];
    }
}

void LoudnessMeter::process (const float* const* channels, int numSamples,
                             std::optional<float> knownPeak)
{
    if (knownPeak)
        peak = std::max (peak, *knownPeak);

    int done = 0;

    while (done < numSamples)
    {
        const auto count = (int) std::min<long long> (numSamples - done,
                                                        samplesPerStep - samplesInStep);

        const auto numChannels = (int) channelStates.size();
        int c = 0;
        for (; c + 2 <= numChannels; c += 2)
        {
            const float* samples[] { channels[c] + done, channels[c + 1] + done };
            filterChannels (c, 2, samples, count, ! knownPeak);
        }
        if (c < numChannels)
        {
            const float* samples[] { channels[c] + done };
            filterChannels (c, 1, samples, count, ! knownPeak);
        }

        done += count;
        samplesInStep += count;

        if (samplesInStep == samplesPerStep)
        {
            stepEnergy.push_back (currentEnergy);
            currentEnergy = 0.0;
            samplesInStep = 0;
        }
    }
}

std::vector<double> LoudnessMeter::blockMeans (int stepsPerBlock) const
{
    std::vector<double> means;
    const auto samplesPerBlock = (double) (samplesPerStep * stepsPerBlock);
    double running = 0.0;

    for (size_t i = 0; i < stepEnergy.size(); ++i)
    {
        running += stepEnergy[i];

        if (i + 1 >= (size_t) stepsPerBlock)
        {
            means.push_back (std::max (running, 0.0) / samplesPerBlock);
            running -= stepEnergy[i + 1 - (size_t) stepsPerBlock];
        }
    }

    return means;
}

std::optional<double> LoudnessMeter::getIntegratedLoudness() const
{
    const auto blocks = blockMeans (4);
    const auto absoluteThreshold = std::pow (10.0, (absoluteGateLufs + 0.691) / 10.0);

    double sum = 0.0;
    int count = 0;
    for (auto z : blocks)
        if (z > absoluteThreshold)
        {
            sum += z;
            ++count;
        }

    if (count == 0)
        return std::nullopt;

    const auto relativeThreshold = (sum / count) * std::pow (10.0, relativeGateLu / 10.0);
    double gatedSum = 0.0;
    int gatedCount = 0;
    for (auto z : blocks)
        if (z > absoluteThreshold && z > relativeThreshold)
        {
            gatedSum += z;
            ++gatedCount;
        }

    if (gatedCount == 0)
        return std::nullopt;

    return toLufs (gatedSum / gatedCount);
}

std::optional<double> LoudnessMeter::getLoudnessRange() const
{
    const auto blocks = blockMeans (30);
    const auto absoluteThreshold = std::pow (10.0, (absoluteGateLufs + 0.691) / 10.0);

    std::vector<double> passed;
    double sum = 0.0;
    for (auto z : blocks)
        if (z > absoluteThreshold)
        {
            passed.push_back (z);
            sum += z;
        }

    if (passed.empty())
        return std::nullopt;

    const auto relativeThreshold = (sum / (double) passed.size())
                                   * std::pow (10.0, rangeRelativeGateLu / 10.0);
    std::vector<double> levels;
    for (auto z : passed)
        if (z > relativeThreshold)
            levels.push_back (toLufs (z));

    if (levels.empty())
        return std::nullopt;

    std::sort (levels.begin(), levels.end());
    const auto percentile = [&levels] (double p)
    {
        const auto index = p * (double) (levels.size() - 1);
        const auto low = (size_t) std::floor (index);
        const auto high = std::min (low + 1, levels.size() - 1);
        return levels[low] + (index - (double) low) * (levels[high] - levels[low]);
    };

    return std::max (0.0, percentile (0.95) - percentile (0.10));
}

std::optional<double> LoudnessMeter::getSamplePeakDbfs() const
{
    if (! (peak > 0.0f))
        return std::nullopt;

    return 20.0 * std::log10 ((double) peak);
}

} // namespace moodboard::audio
