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
    constexpr double highestBlockRate = 48000.0;  // see the constructor

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

    // The wide path takes the high-pass's numerator, 1 - 2 z^-1 + z^-2, as a second difference
    // of the input (see BlockForm), so its filters keep only the poles of the high-pass.
    differenced = coefficients;
    differenced.highPass[0] = 1.0;
    differenced.highPass[1] = differenced.highPass[2] = 0.0;
    blockForm = makeBlockForm (differenced);
    // The single-precision blocks lose accuracy as the high-pass's poles near 1 with the rate:
    // within 0.005 LU of the double filter up to 48 kHz, but 0.024 LU off for a 15 Hz tone at
    // 96 kHz, 0.027 at 192 kHz and 0.9 LU at 352.8 kHz. Higher rates, less common, take the
    // double filter sample by sample.
    useBlocks = wideVectorsRun() && sampleRate <= highestBlockRate;
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
        With the `differenced` coefficients it is the wide path's recursion on a second
        difference, from which its blocks are built.
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

    /** The second difference of x[i] as the blocks compute it: the difference of two first
        differences, each exact for neighbouring samples of similar size (a constant gives
        exactly zero). Summing x[n] and x[n-2] first lost a bit whenever the sum crossed a
        power of two, which under a DC offset cost 0.24 LU at 192 kHz.
    */
    inline float secondDifference (float x, float back1, float back2) noexcept
    {
        return (x - back1) - (back1 - back2);
    }

    /** The wide path sample by sample, for what is left after the blocks; returns the sum of
        squared outputs.
    */
    double filterRecent (const LoudnessMeter::Coefficients& c, LoudnessMeter::RecentSamples& r,
                         const float* x, int count) noexcept
    {
        double state[4], sum = 0.0;
        std::copy_n (r.state, 4, state);
        for (int i = 0; i < count; ++i)
        {
            const auto y = filterSample (c, state, secondDifference (x[i], r.inputs[1],
                                                                         r.inputs[0]));
            r.inputs[0] = r.inputs[1];
            r.inputs[1] = x[i];
            sum += y * y;
        }
        for (int k = 0; k < 4; ++k)
            r.state[k] = (float) state[k];
        return sum;
    }

    /** Filters two channels, blockLength samples at a time, and returns each one's sum of
        squared outputs in sums[]. `blocks` whole blocks are done; the caller does the rest.
        Both channels share each vector, one in each half: the outputs and the next state of a
        block are computed side by side from the state at its start (see BlockForm), and only
        that state carries from block to block, where sample by sample every output waited
        for the one before.
    */
    MOODBOARD_VECTOR_CLONES
    void filterBlocks (const LoudnessMeter::BlockForm& m, LoudnessMeter::RecentSamples* const* r,
                       const float* const* x, int blocks, double* sums)
    {
        constexpr int n = LoudnessMeter::blockLength;
        Float8 z, energy {};
        for (int k = 0; k < 4; ++k)
        {
            z[k] = r[0]->state[k];
            z[4 + k] = r[1]->state[k];
        }

        // The two inputs before the first block, then its inputs, for either channel.
        float first[2][n + 2];
        for (int c = 0; c < 2; ++c)
        {
            first[c][0] = r[c]->inputs[0];
            first[c][1] = r[c]->inputs[1];
            std::copy_n (x[c], n, first[c] + 2);
        }

        for (int b = 0; b < blocks; ++b)
        {
            Float8 d[2];
            for (int c = 0; c < 2; ++c)
            {
                const auto* in = b == 0 ? first[c] : x[c] + b * n - 2;  // from x[n - 2] on
                Float8 now, back1, back2;
                load (now, in + 2);
                load (back1, in + 1);
                load (back2, in);
                d[c] = (now - back1) - (back1 - back2);  // as secondDifference()
            }
            // Differences 0-3 of both channels, then 4-7.
            const Float8 early = __builtin_shufflevector (d[0], d[1], 0, 1, 2, 3, 8, 9, 10, 11);
            const Float8 late = __builtin_shufflevector (d[0], d[1], 4, 5, 6, 7, 12, 13, 14, 15);

            // Each value spread over its channel's half of a register, and used at once: kept
            // side by side, the spread values would not fit in the registers. (Vectors leave
            // helpers through references only; see Vectors.h.)
            const auto spread = [] (const Float8& v, int k, Float8& out)
            {
                switch (k)
                {
                    case 0:  out = __builtin_shufflevector (v, v, 0, 0, 0, 0, 4, 4, 4, 4); break;
                    case 1:  out = __builtin_shufflevector (v, v, 1, 1, 1, 1, 5, 5, 5, 5); break;
                    case 2:  out = __builtin_shufflevector (v, v, 2, 2, 2, 2, 6, 6, 6, 6); break;
                    default: out = __builtin_shufflevector (v, v, 3, 3, 3, 3, 7, 7, 7, 7); break;
                }
            };

            // The differences' share first, in two sums each to shorten the chains of adds;
            // it does not wait for the previous block.
            Float8 next[2] {}, low[2] {}, high[2] {};
            for (int j = 0; j < n; ++j)
            {
                Float8 v;
                spread (j < n / 2 ? early : late, j % 4, v);
                if (j < n / 2)  // outputs 0-3 come before inputs 4-7
                    low[j % 2] += m.lowFromInput[j] * v;
                high[j % 2] += m.highFromInput[j] * v;
                next[j % 2] += m.stateFromInput[j] * v;
            }

            // Then the state's, added as a tree: the next block waits for this.
            Float8 s0, s1, s2, s3;
            spread (z, 0, s0);
            spread (z, 1, s1);
            spread (z, 2, s2);
            spread (z, 3, s3);
            const auto outLow = (low[0] + low[1]) + ((m.lowFromState[0] * s0
                                                       + m.lowFromState[1] * s1)
                                                      + (m.lowFromState[2] * s2
                                                         + m.lowFromState[3] * s3));
            const auto outHigh = (high[0] + high[1]) + ((m.highFromState[0] * s0
                                                          + m.highFromState[1] * s1)
                                                         + (m.highFromState[2] * s2
                                                            + m.highFromState[3] * s3));
            z = (next[0] + next[1]) + ((m.stateFromState[0] * s0 + m.stateFromState[1] * s1)
                                       + (m.stateFromState[2] * s2 + m.stateFromState[3] * s3));
            energy += outLow * outLow + outHigh * outHigh;
        }

        for (int c = 0; c < 2; ++c)
        {
            const auto* last = x[c] + blocks * n;
            r[c]->inputs[0] = last[-2];
            r[c]->inputs[1] = last[-1];
            double sum = 0.0;
            for (int k = 0; k < 4; ++k)
            {
                r[c]->state[k] = z[4 * c + k];
                sum += energy[4 * c + k];
            }
            sums[c] = sum;
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
    // The block maps (state at its start, its differences) linearly to (outputs, state at its
    // end); each column of that map is the response of the sample recursion to one unit state
    // or difference, written twice, once for each channel's half.
    BlockForm m;
    const auto respond = [&c] (const double* start, int impulseAt, Float8* low, Float8* high,
                               Float8& endState)
    {
        double state[4] { start[0], start[1], start[2], start[3] };
        for (int k = 0; k < blockLength; ++k)
        {
            const auto y = (float) filterSample (c, state, k == impulseAt ? 1.0 : 0.0);
            auto* column = k < 4 ? low : high;
            if (column != nullptr)
                (*column)[k % 4] = (*column)[4 + k % 4] = y;
        }
        for (int i = 0; i < 4; ++i)
            endState[i] = endState[4 + i] = (float) state[i];
    };

    for (int i = 0; i < 4; ++i)
    {
        double unit[4] {};
        unit[i] = 1.0;
        respond (unit, -1, &m.lowFromState[i], &m.highFromState[i], m.stateFromState[i]);
    }
    for (int j = 0; j < blockLength; ++j)
    {
        const double zero[4] {};
        // An input at 4-7 reaches no output before it, so lowFromInput stops at 3.
        respond (zero, j, j < 4 ? &m.lowFromInput[j] : nullptr, &m.highFromInput[j],
                 m.stateFromInput[j]);
    }
    return m;
}

void LoudnessMeter::filterChannels (int first, int lanes, const float* const* x, int count,
                                    bool measurePeak)
{
    double sums[2] {};

    if (useBlocks)
    {
        // Whole blocks in the block form, where wide registers make it pay (see Vectors.h),
        // the rest through the same recursion sample by sample. A lone channel fills both
        // halves of the blocks, and the copy's results are dropped.
        RecentSamples spare = channelStates[(size_t) first].recent;
        RecentSamples* recent[2] { &channelStates[(size_t) first].recent,
                                   lanes == 2 ? &channelStates[(size_t) first + 1].recent
                                              : &spare };
        const float* both[2] { x[0], x[lanes - 1] };
        const auto blocked = count / blockLength * blockLength;
        if (blocked > 0)
            filterBlocks (blockForm, recent, both, blocked / blockLength, sums);
        for (int l = 0; l < lanes; ++l)
            sums[l] += filterRecent (differenced, *recent[l], x[l] + blocked, count - blocked);
    }
    else
    {
        double* states[2] { channelStates[(size_t) first].state,
                            channelStates[(size_t) (first + lanes - 1)].state };
        (lanes == 2 ? filterSamples<2> : filterSamples<1>) (coefficients, states, x, count,
                                                            sums);
    }

    for (int l = 0; l < lanes; ++l)
    {
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
