#include "Spotify/RequestPacer.h"

#include <algorithm>
#include <thread>

namespace moodboard::spotify
{

RequestPacer::RequestPacer (double requestsPerSecond)
    : interval (std::chrono::nanoseconds (
          static_cast<long long> (1.0e9 / std::max (0.1, requestsPerSecond))))
{
}

bool RequestPacer::waitForTurn (const std::atomic<bool>* cancel)
{
    Clock::time_point slot;
    {
        std::lock_guard lock (mutex);
        slot = std::max (nextSlot, Clock::now());
        nextSlot = slot + interval;
    }
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds> (slot - Clock::now());
    return wait.count() <= 0 || sleepUnlessCancelled (wait, cancel);
}

void RequestPacer::holdOff (std::chrono::milliseconds pause)
{
    std::lock_guard lock (mutex);
    nextSlot = std::max (nextSlot, Clock::now() + pause);
}

bool sleepUnlessCancelled (std::chrono::milliseconds duration, const std::atomic<bool>* cancel)
{
    const auto end = std::chrono::steady_clock::now() + duration;
    while (std::chrono::steady_clock::now() < end)
    {
        if (cancel != nullptr && cancel->load())
            return false;
        const auto left = end - std::chrono::steady_clock::now();
        std::this_thread::sleep_for (
            std::min<std::chrono::steady_clock::duration> (left, std::chrono::milliseconds (50)));
    }
    return cancel == nullptr || !cancel->load();
}

} // namespace moodboard::spotify
