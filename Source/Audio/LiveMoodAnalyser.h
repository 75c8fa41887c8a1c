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
    window (the last 20 s unless set to 5..30 s) and, every few seconds once 8 s (or the whole
    window, if shorter) are there, analyses the window with the FeatureExtractor (tempo, loudness,
    energy, key, valence...). Results are read with latest(). While paused (setActive (false)) the
    thread leaves the tap alone and forgets the window; the last estimate stays.

    Thread use: start() and stop() on one owner thread (a plugin's prepareToPlay and
    releaseResources or destructor); latest() from any thread but the audio thread; the setters
    are single atomic stores, so any thread may call them, the audio thread included.
*/
class LiveMoodAnalyser final
{
public:
    static constexpr double windowSeconds = 20.0;          // the default window
    static constexpr double shortestWindowSeconds = 5.0;
    static constexpr double longestWindowSeconds = 30.0;
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

    /** Sets how many seconds the next estimates look back, limited to 5..30; takes effect at
        the next estimate, with what the window holds. Any thread. */
    void setWindowSeconds (double seconds) noexcept;

    /** The window length the next estimate uses. Any thread. */
    [[nodiscard]] double getWindowSeconds() const noexcept { return wantedWindow.load(); }

    /** Pauses (false) or resumes (true, the default) the draining and the estimates. Any thread. */
    void setActive (bool shouldBeActive) noexcept { active.store (shouldBeActive); }

    /** Whether the thread drains the tap. Any thread. */
    [[nodiscard]] bool isActive() const noexcept { return active.load(); }

private:
    void run (LiveAudioTap& tap);
    void estimate (double sampleRate, std::size_t length);   // of the newest `length` samples

    std::thread worker;
    std::mutex wakeLock;
    std::condition_variable wake;
    bool stopping = false;                 // guarded by wakeLock

    std::vector<float> window;             // worker thread only: a ring of the last seconds
    std::size_t windowWrite = 0, windowFill = 0;

    mutable std::mutex resultLock;
    std::optional<LiveMood> result;        // guarded by resultLock
    std::atomic<int> estimates { 0 };
    std::atomic<double> wantedWindow { windowSeconds };
    std::atomic<bool> active { true };
};

} // namespace moodboard::audio
