#pragma once

#include <optional>
#include <vector>

namespace moodboard::audio
{

/** Programme loudness after ITU-R BS.1770-4 and loudness range after EBU Tech 3342, at the
    stream's own sample rate and channel layout.

    Each channel passes through the two K-weighting biquads (a high shelf modelling the head and
    a high-pass, both designed for the actual rate with the bilinear transform). Weighted mean
    squares are kept per 100 ms step; 400 ms gating blocks (75 % overlap) and 3 s short-term
    blocks are built from those steps at the end, so memory grows by one double per 100 ms.

    Channel weights: 1.0 for every channel, except in 5.1 order (L R C LFE Ls Rs), where the LFE
    is left out and the surrounds get 1.41; with five channels (L R C Ls Rs) the last two get 1.41.
    One instance per stream; not thread-safe.
*/
class LoudnessMeter final
{
public:
    /** Designs the K-weighting filters for sampleRate. Any thread. */
    LoudnessMeter (double sampleRate, int numChannels);

    /** Adds planar samples: channels[0 .. numChannels - 1], each numSamples long.
        Called by the thread that owns this instance.
    */
    void process (const float* const* channels, int numSamples);

    /** Integrated loudness in LUFS; empty when no block passes the -70 LUFS absolute gate.
        Called by the thread that owns this instance.
    */
    [[nodiscard]] std::optional<double> getIntegratedLoudness() const;

    /** Loudness range in LU; empty when no 3 s block passes the gates. Called by the thread
        that owns this instance.
    */
    [[nodiscard]] std::optional<double> getLoudnessRange() const;

    /** The largest absolute sample value, in dBFS; empty for digital silence. Called by the
        thread that owns this instance.
    */
    [[nodiscard]] std::optional<double> getSamplePeakDbfs() const;

private:
    struct Biquad
    {
        double b0 = 1.0, b1 = 0.0, b2 = 0.0, a1 = 0.0, a2 = 0.0;
    };

    struct ChannelState
    {
        double s1 = 0.0, s2 = 0.0, t1 = 0.0, t2 = 0.0;  // the two filters' transposed state
        double weight = 1.0;
    };

    /** Filters `lanes` channels side by side and adds their weighted squares to the step. */
    template <int lanes>
    void filterChannels (ChannelState* const* st, const float* const* x, int count);

    [[nodiscard]] std::vector<double> blockMeans (int stepsPerBlock) const;

    Biquad shelf, highPass;
    std::vector<ChannelState> states;
    std::vector<double> stepEnergy;  // channel-weighted sum of squares, one per complete step
    double currentEnergy = 0.0;
    long long samplesPerStep = 1;
    long long samplesInStep = 0;
    float peak = 0.0f;
};

} // namespace moodboard::audio
