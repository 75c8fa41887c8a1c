#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace moodboard::audio
{

/** The key a chroma profile correlates with best. */
struct KeyEstimate
{
    std::optional<int> tonic;  // pitch class 0..11, C = 0; empty when no key stands out
    std::optional<int> mode;   // 1 major, 0 minor
    double confidence = 0.0;   // 0..1
    std::array<double, 12> chroma {};  // mean chroma of the audible frames, summing to 1
};

/** Estimates the key of a mono signal.

    The signal is resampled to chromaRate. Magnitude spectra of 4096-point Hann frames (hop 2048,
    0.37 s) are folded onto the twelve pitch classes between 55 Hz and 5 kHz, each bin weighted
    by how close it lies to a semitone centre. Each audible frame's chroma is normalised and
    averaged, and the mean is correlated with the 24 rotations of Temperley's major and minor
    key profiles (the minor one with the sevenths of natural minor), each note spread over its
    first eight partials. A nearly flat chroma (noise, unpitched sound) gives no key, and
    neither does a chroma in which one or two pitch classes hold 80 % of the weight (a single
    held note).
*/
class KeyEstimator final
{
public:
    /** The rate the chroma is measured at: the highest pitch used, 5 kHz, lies below its
        Nyquist frequency, and a frame costs half of what it would at 22.05 kHz with the same
        bins (2.7 Hz apart).
    */
    static constexpr double chromaRate = 11025.0;

    /** Samples per analysis frame and between frame starts, at chromaRate. */
    static constexpr int frameSize = 4096;
    static constexpr int hopSize = frameSize / 2;

    /** Prepares the resampler and the pitch-class map for mono input at sampleRate. A rate
        that is not a positive number gives no key. Any thread.
    */
    explicit KeyEstimator (double sampleRate);
    ~KeyEstimator();

    /** Adds the next numSamples mono samples; every frame they complete is analysed and only
        the samples that a later frame needs are kept. Called by the thread that owns this
        instance.
    */
    void process (const float* samples, int numSamples);

    /** Analyses what the resampler still holds at the end of the input. Called by the thread
        that owns this instance, once, after the last process().
    */
    void finish();

    /** The key of the frames added so far. Called by the thread that owns this instance. */
    [[nodiscard]] KeyEstimate getEstimate() const;

    /** Estimates from mono samples at sampleRate. Returns early, keyless, when `cancel` becomes
        true. Any thread.
    */
    [[nodiscard]] static KeyEstimate estimate (const std::vector<float>& mono, double sampleRate,
                                               const std::atomic<bool>* cancel = nullptr);

private:
    struct State;
    std::unique_ptr<State> state;
};

} // namespace moodboard::audio
