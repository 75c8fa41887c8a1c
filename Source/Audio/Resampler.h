#pragma once

#include <vector>

namespace moodboard::audio
{

/** Streaming sample-rate converter for one channel: a Kaiser-windowed sinc low-pass whose cutoff
    sits at a chosen fraction of the lower of the two Nyquist frequencies (the analysis uses 1.0:
    at 2:1 every other tap is then zero, and skipped). The kernel is tabulated for 512
    fractional positions between two input samples (a polyphase bank, each position tabulated
    when first needed); each output sample uses the bank nearest its position, a timing error
    under 1/1024 of an input sample, far below what the analysis can notice. Works for any
    ratio, down- or up-sampling. When the input rate is a whole multiple (2 to 16) of the
    output rate and wide vectors run, every output uses the same taps and 64 are computed side
    by side.

    Feed input with process() as it arrives and call finish() once at the end to flush the tail.
    One instance per stream; not thread-safe.
*/
class Resampler final
{
public:
    /** Builds the filter bank for converting inputRate to outputRate, with the cutoff at
        cutoffFraction of the lower Nyquist frequency. Any thread.
    */
    Resampler (double inputRate, double outputRate, double cutoffFraction = 0.9);

    /** Appends the output produced by `numSamples` new input samples to `output`.
        Called by the thread that owns this instance.
    */
    void process (const float* input, int numSamples, std::vector<float>& output);

    /** Appends the remaining output, treating the input as followed by silence.
        Called by the thread that owns this instance.
    */
    void finish (std::vector<float>& output);

    /** True when both rates are equal and samples are copied unchanged. Any thread. */
    [[nodiscard]] bool isPassThrough() const noexcept { return passThrough; }

    /** A tap of the whole-number ratio path: where it starts reading, and its weight. */
    struct Tap
    {
        int offset = 0;
        float weight = 0.0f;
    };

private:
    void produce (std::vector<float>& output, bool flushing);
    void produceWhole (const float* input, int numSamples, std::vector<float>& output,
                       bool flushing);
    [[nodiscard]] double kernelAt (double distance) const noexcept;
    [[nodiscard]] const float* phaseTaps (int phase);

    double step = 1.0;           // input samples per output sample
    double crossingSpacing = 1.0;  // input samples between zero crossings of the sinc
    double gain = 1.0;
    int halfWidth = 0;           // taps either side, in input samples
    bool passThrough = false;

    int decimation = 1;          // the ratio when it is a whole number from 2 to 16
    int taps = 0;                // 2 * halfWidth, padded with zero taps to a multiple of 8
    int lookAhead = 0;           // input samples an output needs after its centre: taps - halfWidth
    double windowNormaliser = 1.0;
    std::vector<float> bank;     // phases * taps coefficients, each phase filled when first used
    std::vector<bool> phaseReady;
    std::vector<float> planes;   // scratch for the whole-number ratio path
    std::vector<Tap> usedTaps;   // the same
    std::vector<float> pending;  // input not yet fully consumed, starting at pendingStart
    double nextPosition = 0.0;   // position of the next output sample in `pending` coordinates
    long long totalInput = 0;
    long long totalOutput = 0;
    double ratio = 1.0;          // output rate / input rate
};

} // namespace moodboard::audio
