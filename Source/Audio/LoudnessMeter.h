#pragma once

#include "Audio/Vectors.h"

#include <array>
#include <optional>
#include <vector>

namespace moodboard::audio
{

/** Programme loudness after ITU-R BS.1770-4 and loudness range after EBU Tech 3342, at the
    stream's own sample rate and channel layout.

    Each channel passes through the two K-weighting biquads (a high shelf modelling the head and
    a high-pass, both designed for the actual rate with the bilinear transform), run in blocks
    of eight samples so that a block's outputs can be computed side by side (up to 48 kHz, where
    wide vectors run; otherwise sample by sample in double). Samples must be finite and within
    about +-1e8: the blocks' single-precision sums overflow beyond (FeatureExtractor reads
    anything larger as silence). Weighted mean
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

    /** Adds planar samples: channels[0 .. numChannels - 1], each numSamples long. A caller
        that has already read every sample may pass their largest absolute value as knownPeak,
        which spares the meter a pass over them. Called by the thread that owns this instance.
    */
    void process (const float* const* channels, int numSamples,
                  std::optional<float> knownPeak = std::nullopt);

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

    /** The two K-weighting biquads, each as b0, b1, b2, a1, a2 (a0 = 1). */
    struct Coefficients
    {
        std::array<double, 5> shelf {}, highPass {};
    };

    /** How many samples the filters take at once; see BlockForm. */
    static constexpr int blockLength = 8;

    /** The wide path's form of the two filters, in single precision and for two channels at
        once. The high-pass's double zero at DC comes first, as the second difference
        d[n] = x[n] - 2 x[n-1] + x[n-2], which float computes exactly zero for a constant; the
        shelf and the high-pass's poles follow, each in transposed direct form II. Over a block
        of eight, the outputs and the state at its end are fixed sums over the state at its
        start (s1, s2 of the shelf, then of the poles) and the block's differences: the columns
        below, built from the sample recursion in double. Each column holds four values twice,
        once for each channel: outputs 0-3, outputs 4-7, or the four state values. Run on the
        raw samples instead, float let a DC offset under quiet audio leak through, 14 LU too
        loud at 96 kHz. Used up to 48 kHz only; see the constructor.
    */
    struct BlockForm
    {
        Float8 lowFromState[4], highFromState[4], stateFromState[4];
        Float8 lowFromInput[blockLength / 2], highFromInput[blockLength];
        Float8 stateFromInput[blockLength];
    };

    /** What the wide path carries from one sample to the next for a channel. */
    struct RecentSamples
    {
        float inputs[2] {};  // x[n-2], x[n-1]
        float state[4] {};   // in BlockForm's order
    };

private:
    struct ChannelState
    {
        double state[4] {};    // the plain path's: both biquads' transposed-form state
        RecentSamples recent;  // the wide path's
        double weight = 1.0;
    };

    [[nodiscard]] static BlockForm makeBlockForm (const Coefficients& c);

    /** Filters channels first .. first + lanes - 1 (lanes is 1 or 2) and adds their weighted
        squares to the step; also takes their peak when measurePeak is set.
    */
    void filterChannels (int first, int lanes, const float* const* x, int count,
                         bool measurePeak);

    [[nodiscard]] std::vector<double> blockMeans (int stepsPerBlock) const;

    Coefficients coefficients;
    Coefficients differenced;  // the high-pass's numerator left to the second difference
    BlockForm blockForm;
    bool useBlocks = false;  // wide vectors run and the rate is at most 48 kHz
    std::vector<ChannelState> channelStates;
    std::vector<double> stepEnergy;  // channel-weighted sum of squares, one per complete step
    double currentEnergy = 0.0;
    long long samplesPerStep = 1;
    long long samplesInStep = 0;
    float peak = 0.0f;
};

} // namespace moodboard::audio
