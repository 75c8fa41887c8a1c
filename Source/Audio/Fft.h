#pragma once

#include <memory>
#include <vector>

namespace moodboard::audio
{

/** An in-place iterative radix-2 FFT of a fixed power-of-two size on split real and imaginary
    arrays, with twiddle factors and the bit-reversal order computed once per size.

    Not thread-safe: one instance per thread, because performRealPower() uses scratch space.
*/
class Fft final
{
public:
    /** Prepares a transform of 2^order points; order must be 1..20 (2..20 for
        performRealPower()). Any thread.
    */
    explicit Fft (int order);
    ~Fft();

    /** The number of points. Any thread. */
    [[nodiscard]] int getSize() const noexcept { return size; }

    /** Forward transform of `size` complex values in place (no scaling). Any thread. */
    void perform (float* real, float* imag) const noexcept;

    /** Transforms `size` real samples and writes the power |X[k]|^2 of bins 0 .. size / 2 to
        `power`, which must hold size / 2 + 1 values. Packs the even and odd samples into one
        complex transform of half the size and untangles the spectrum afterwards, which halves
        the work. The calling thread must own this instance.
    */
    void performRealPower (const float* input, float* power);

private:
    /** The butterflies of perform(), on input that is already in bit-reversed order; the
        first stagesDone stages (0, 2 or 3) are left out, the caller having done them.
    */
    void performStages (float* re, float* im, int stagesDone = 0) const noexcept;

    /** The stages of `half` and 2 * half (half at least 8) in one pass; cos1 and sin1 are the
        twiddles of the first, followed by those of the second.
    */
    void combinedStages (float* re, float* im, int half, const float* cos1,
                         const float* sin1) const noexcept;

    /** What a size needs, computed once per size in the program and shared by every
        instance: an analysis makes several transforms per file, and working out the sines
        and cosines again cost as much as a few hundred transforms.
    */
    struct Tables
    {
        std::vector<float> twiddleCos, twiddleSin;  // stage after stage, `half` per stage
        std::vector<float> rotationCos, rotationSin;  // exp(-2 pi i k / size), k < size / 2
        std::vector<int> bitReversed;
    };

    [[nodiscard]] static std::shared_ptr<const Tables> tablesFor (int order);

    int size = 0;
    bool wide = false;  // wide vectors run: two stages per pass, eight bins at a time
    std::shared_ptr<const Tables> tables;
    std::vector<float> scratchReal, scratchImag;
    std::unique_ptr<Fft> halfSize;  // the size / 2 transform behind performRealPower()
};

/** A periodic Hann window of the given length. Any thread. */
[[nodiscard]] std::vector<float> makeHannWindow (int length);

} // namespace moodboard::audio
