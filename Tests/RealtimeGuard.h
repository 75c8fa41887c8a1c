#pragma once

#include <cstdint>

/** Counts heap allocations and mutex locks made by the calling thread while a guard is alive,
    for tests of code that runs on an audio thread. The test executable replaces the global
    operator new and interposes pthread_mutex_lock (RealtimeGuard.cpp) to count them. */
namespace moodboard::testing
{

class RealtimeGuard final
{
public:
    RealtimeGuard();
    ~RealtimeGuard();
    RealtimeGuard (const RealtimeGuard&) = delete;
    RealtimeGuard& operator= (const RealtimeGuard&) = delete;

    [[nodiscard]] std::uint64_t getAllocations() const;
    [[nodiscard]] std::uint64_t getLocks() const;

    /** False in AddressSanitizer builds, where nothing is counted (the Release tests count). */
    [[nodiscard]] static bool isAvailable();
};

} // namespace moodboard::testing
