#pragma once

#include <cstdint>

/** Counts what the plugin's audio thread must never do, for the plugin harness: heap allocations
    (global operator new and the malloc family, which JUCE's HeapBlock uses) and lock calls
    (pthread_mutex_lock and _trylock, read and write locks). RealtimeCounters.cpp replaces the
    allocation functions and interposes the lock functions for the whole harness executable; only
    threads inside a CountingScope count, so other threads (the message thread, the analyser)
    are free to allocate.

    The harness owns these replacements; the core tests have their own (Tests/RealtimeGuard.cpp),
    and the two are never linked together.
*/
namespace moodboard::harness
{

/** What one thread did while a CountingScope was alive. */
struct RealtimeCounts
{
    std::uint64_t allocations = 0;
    std::uint64_t locks = 0;
};

/** Starts counting on the calling thread; the counts are read with get(). Any thread, but a
    scope belongs to the thread that made it. */
class CountingScope final
{
public:
    CountingScope();
    ~CountingScope();
    CountingScope (const CountingScope&) = delete;
    CountingScope& operator= (const CountingScope&) = delete;

    /** The counts since this scope started, on its own thread. */
    [[nodiscard]] RealtimeCounts get() const;

    /** Stops counting until resume(), for work between the calls being measured (filling a
        buffer, adding MIDI events). */
    void pause();
    void resume();
};

/** False in builds where the replacements are left out (AddressSanitizer has its own). */
[[nodiscard]] bool areRealtimeCountersAvailable();

} // namespace moodboard::harness
