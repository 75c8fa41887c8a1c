#include "RealtimeGuard.h"

#include <pthread.h>

#include <cstdlib>
#include <new>

// AddressSanitizer brings its own operator new and intercepts pthread_mutex_lock; replacing them
// there would break it, so the counting exists only in builds without it.
#if defined(__SANITIZE_ADDRESS__)
#define MOODBOARD_REALTIME_COUNTING 0
#else
#define MOODBOARD_REALTIME_COUNTING 1
#endif

#if MOODBOARD_REALTIME_COUNTING
namespace
{
thread_local bool counting = false;
thread_local std::uint64_t allocations = 0;
thread_local std::uint64_t locks = 0;


void* allocate (std::size_t size)
{
    if (counting)
        ++allocations;
    if (void* p = std::malloc (size == 0 ? 1 : size))
        return p;
    throw std::bad_alloc();
}
} // namespace

// glibc's own entry point under its second name (exported with a fixed symbol version only);
// calling it needs no run-time lookup, which would itself lock before static initialisation.
extern "C" int glibcMutexLock (pthread_mutex_t* mutex);
__asm__ (".symver glibcMutexLock, __pthread_mutex_lock@GLIBC_2.2.5");

extern "C" int pthread_mutex_lock (pthread_mutex_t* mutex)
{
    if (counting)
        ++locks;
    return glibcMutexLock (mutex);
}

void* operator new (std::size_t size) { return allocate (size); }
void* operator new[] (std::size_t size) { return allocate (size); }
void operator delete (void* p) noexcept { std::free (p); }
void operator delete[] (void* p) noexcept { std::free (p); }
void operator delete (void* p, std::size_t) noexcept { std::free (p); }
void operator delete[] (void* p, std::size_t) noexcept { std::free (p); }
#else
namespace
{
thread_local bool counting = false;
thread_local std::uint64_t allocations = 0;
thread_local std::uint64_t locks = 0;
} // namespace
#endif

namespace moodboard::testing
{

RealtimeGuard::RealtimeGuard()
{
    allocations = 0;
    locks = 0;
    counting = true;
}

RealtimeGuard::~RealtimeGuard() { counting = false; }

std::uint64_t RealtimeGuard::getAllocations() const { return allocations; }
std::uint64_t RealtimeGuard::getLocks() const { return locks; }

bool RealtimeGuard::isAvailable() { return MOODBOARD_REALTIME_COUNTING != 0; }

} // namespace moodboard::testing
