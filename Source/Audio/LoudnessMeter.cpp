#include "Audio/LoudnessMeter.h"

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
    // Stage 1: the high shelf (+4 dB above ~1.7 kHz) of BS.1770, re-derived for this rate.
    {
        const double f0 = 1681.974450955533, gainDb = 3.999843853973347, q = 0.7071752369554196;
        const auto k = std::tan (std::numbers::pi * f0 / sampleRate);
        const auto vh = std::pow (10.0, gainDb / 20.0);
        const auto vb = std::pow (vh, 0.4996667741545416);
        const auto a0 = 1.0 + k / q + k * k;
        shelf.b0 = (vh + vb * k / q + k * k) / a0;
        shelf.b1 = 2.0 * (k * k - vh) / a0;
        shelf.b2 = (vh - vb * k / q + k * k) / a0;
        shelf.a1 = 2.0 * (k * k - 1.0) / a0;
        shelf.a2 = (1.0 - k / q + k * k) / a0;
    }

    // Stage 2: the RLB high-pass near 38 Hz.
    {
        const double f0 = 38.13547087602444, q = 0.5003270373238773;
        const auto k = std::tan (std::numbers::pi * f0 / sampleRate);
        const auto a0 = 1.0 + k / q + k * k;
        highPass.b0 = 1.0;
        highPass.b1 = -2.0;
        highPass.b2 = 1.0;
        highPass.a1 = 2.0 * (k * k - 1.0) / a0;
        highPass.a2 = (1.0 - k / q + k * k) / a0;
    }

    states.resize ((size_t) std::max (numChannels, 0));

    if (numChannels == 6)
    {
        states[3].weight = 0.0;
        states[4].weight = 1.41;
        states[5].weight = 1.41;
    }
    else if (numChannels == 5)
    {
        states[3].weight = 1.41;
        states[4].weight = 1.41;
    }

    samplesPerStep = std::max (1LL, std::llround (sampleRate * 0.1));
}

template <int lanes>
void LoudnessMeter::filterChannels (ChannelState* const* st, const float* const* x, int count)
{
    // Each channel's two biquads form one long chain of dependent multiply-adds; running two
    // channels in the same loop lets the processor work on both chains at once, which nearly
    // halves the time of a stereo file. Per channel, the arithmetic and its order are unchanged.
    double s1[lanes], s2[lanes], t1[lanes], t2[lanes], sum[lanes];
    for (int l = 0; l < lanes; ++l)
    {
        s1[l] = st[l]->s1;
        s2[l] = st[l]->s2;
        t1[l] = st[l]->t1;
        t2[l] = st[l]->t2;
        sum[l] = 0.0;
    }

    float blockPeak = peak;
    for (int i = 0; i < count; ++i)
    {
        for (int l = 0; l < lanes; ++l)
        {
            const double in = x[l][i];
            blockPeak = std::max (blockPeak, std::abs (x[l][i]));

            const auto y1 = shelf.b0 * in + s1[l];
            s1[l] = shelf.b1 * in - shelf.a1 * y1 + s2[l];
            s2[l] = shelf.b2 * in - shelf.a2 * y1;

            const auto y2 = highPass.b0 * y1 + t1[l];
            t1[l] = highPass.b1 * y1 - highPass.a1 * y2 + t2[l];
            t2[l] = highPass.b2 * y1 - highPass.a2 * y2;

            sum[l] += y2 * y2;
        }
    }

    peak = blockPeak;
    for (int l = 0; l < lanes; ++l)
    {
        st[l]->s1 = s1[l];
        st[l]->s2 = s2[l];
        st[l]->t1 = t1[l];
        st[l]->t2 = t2[l];
        currentEnergy += st[l]->weight * sum[l];
    }
}

void LoudnessMeter::process (const float* const* channels, int numSamples)
{
    int done = 0;

    while (done < numSamples)
    {
        const auto count = (int) std::min<long long> (numSamples - done,
                                                        samplesPerStep - samplesInStep);

        size_t c = 0;
        for (; c + 2 <= states.size(); c += 2)
        {
            ChannelState* pair[] { &states[c], &states[c + 1] };
            const float* samples[] { channels[c] + done, channels[c + 1] + done };
            filterChannels<2> (pair, samples, count);
        }
        if (c < states.size())
        {
            ChannelState* single[] { &states[c] };
            const float* samples[] { channels[c] + done };
            filterChannels<1> (single, samples, count);
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
    const auto blockLength = (double) (samplesPerStep * stepsPerBlock);
    double running = 0.0;

    for (size_t i = 0; i < stepEnergy.size(); ++i)
    {
        running += stepEnergy[i];

        if (i + 1 >= (size_t) stepsPerBlock)
        {
            means.push_back (std::max (running, 0.0) / blockLength);
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
