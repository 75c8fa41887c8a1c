#pragma once

#include "Audio/Features.h"
#include "Audio/LiveAudioTap.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace moodboard::audio
{

/** What the host has been playing lately, as the same features a file gets. */
struct LiveMood
{
    Features features;          // of the last `windowSeconds` heard
    double secondsHeard = 0.0;  // audio behind this estimate
    bool silent = true;         // nothing above -60 dBFS in the window
};

/** Estimates the mood of a live signal: a thread of its own drains a LiveAudioTap into a sliding
    window (the last 20 s) and, every few seconds once 8 s are there, analyses the window with the
    FeatureExtractor (tempo, loudness, energy, key, valence...). Results are read with latest().

    Thread use: start() and stop() on one owner thread (a plugin's prepareToPlay and
    releaseResources or destructor); latest() from any thread but the audio thread.
*/
class LiveMoodAnalyser final
{
public:
    static constexpr double windowSeconds = 20.0;
    static constexpr double minimumSeconds = 8.0;
    static constexpr double intervalSeconds = 3.0;

    LiveMoodAnalyser() = default;
    ~LiveMoodAnalyser();

    /** Starts draining `tap` (already prepared) on a new thread. Owner thread. */
    void start (LiveAudioTap& tap);

    /** Stops the thread and forgets the window; the last estimate stays. Owner thread. */
    void stop();

    /** The newest estimate; nothing until enough audio was heard. Not the audio thread. */
    [[nodiscard]] std::optional<LiveMood> latest() const;

    /** How many estimates were made since start(). Any thread. */
    [[nodiscard]] int getNumEstimates() const noexcept { return estimates.load(); }

private:
    void run (LiveAudioTap& tap);
    void estimate (double sampleRate);

    std::thread worker;
    std::mutex wakeLock;
    std::condition_variable wake;
    bool stopping = false;                 // guarded by wakeLock

    std::vector<float> window;             // worker thread only: a ring of the last seconds
    std::size_t windowWrite = 0, windowFill = 0;

    mutable std::mutex resultLock;
    std::optional<LiveMood> result;        // guarded by resultLock
    std::atomic<int> estimates { 0 };
};

} // namespace moodboard::audio
