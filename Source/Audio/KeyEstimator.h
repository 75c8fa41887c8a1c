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

    Magnitude spectra of 8192-point Hann frames (hop 4096) are folded onto the twelve pitch
    classes between 55 Hz and 5 kHz, each bin weighted by how close it lies to a semitone
    centre. Each audible frame's chroma is normalised and averaged, and the mean is correlated
    with the 24 rotations of Temperley's major and minor key profiles (the minor one with the
    sevenths of natural minor), each note spread over its first eight partials. A nearly flat
    chroma (noise, unpitched sound) gives no key, and neither does a chroma in which one or two
    pitch classes hold 80 % of the weight (a single held note).
*/
class KeyEstimator final
{
public:
    /** Samples per analysis frame and between frame starts. */
    static constexpr int frameSize = 8192;
    static constexpr int hopSize = frameSize / 2;

    /** Prepares the pitch-class map for sampleRate. Any thread. */
    explicit KeyEstimator (double sampleRate);
    ~KeyEstimator();

    /** Adds one frame of frameSize mono samples (not yet windowed). Frames should start
        hopSize samples apart. Called by the thread that owns this instance.
    */
    void addFrame (const float* samples);

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
