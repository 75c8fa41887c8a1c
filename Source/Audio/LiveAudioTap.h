#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

namespace moodboard::audio
{

/** Carries a mono mix of a host's audio from the audio thread to an analysis thread.

    A single-producer, single-consumer ring of floats, allocated once by prepare(). push() runs on
    the audio thread: it only reads the block, sums it to mono and stores into the ring with
    atomic indices; it never allocates, locks, logs or calls the system, and when the reader falls
    behind it drops the newest samples and counts them instead of waiting.

    prepare() must not run while push() or pop() may: the owner stops both sides first (a plugin
    does this in prepareToPlay, when the host does not process).
*/
class LiveAudioTap final
{
public:
    /** Makes room for `seconds` of audio at `sampleRate` and empties the ring. Not the audio
        thread; neither side may run meanwhile. */
    void prepare (double sampleRate, double seconds);

    /** Adds a block of `numChannels` planar channels of `numSamples` each, mixed to mono.
        Any block size, zero included. Audio thread (the one producer). */
    void push (const float* const* channels, int numChannels, int numSamples) noexcept;

    /** Moves up to `maxSamples` of the oldest audio into `destination`; returns how many.
        Analysis thread (the one consumer). */
    [[nodiscard]] int pop (float* destination, int maxSamples) noexcept;

    [[nodiscard]] double getSampleRate() const noexcept { return sampleRate; }

    /** Samples dropped because the reader fell behind, since prepare(). Any thread. */
    [[nodiscard]] std::uint64_t getNumDropped() const noexcept { return dropped.load(); }

private:
    std::vector<float> ring;
    double sampleRate = 0.0;
    std::atomic<std::uint64_t> written { 0 }, read { 0 }, dropped { 0 };
};

} // namespace moodboard::audio
