#pragma once

#include <atomic>
#include <chrono>
#include <mutex>

namespace moodboard::spotify
{

/** Spaces requests that several threads send to one API so that together they stay under a rate
    (Spotify does not publish its limit; it counts over a rolling 30 seconds). Each call to
    waitForTurn() takes the next free slot and sleeps until it comes; a 429 pushes every slot back
    by the time Spotify asked for. Any thread except the message and audio threads.
*/
class RequestPacer final
{
public:
    explicit RequestPacer (double requestsPerSecond);

    /** Sleeps until this caller may send; false when `cancel` was set while waiting. */
    [[nodiscard]] bool waitForTurn (const std::atomic<bool>* cancel);

    /** No request goes out before `pause` from now. */
    void holdOff (std::chrono::milliseconds pause);

private:
    using Clock = std::chrono::steady_clock;
    std::chrono::nanoseconds interval;
    std::mutex mutex;
    Clock::time_point nextSlot = Clock::now();
};

/** Sleeps for `duration` in short steps; false when `cancel` was set. Any non-real-time thread. */
[[nodiscard]] bool sleepUnlessCancelled (std::chrono::milliseconds duration,
                                         const std::atomic<bool>* cancel);

} // namespace moodboard::spotify
