#include "RealtimeCounters.h"

#include <pthread.h>

#include <cerrno>
#include <cstdlib>
#include <new>

// AddressSanitizer replaces malloc and intercepts the lock functions itself; replacing them again
// would break it, so the counting exists only in builds without it.
#if defined(__SANITIZE_ADDRESS__)
#define MOODBOARD_HARNESS_COUNTING 0
#else
#define MOODBOARD_HARNESS_COUNTING 1
#endif

namespace
{
// Thread-local plain values: counting must not itself allocate or lock, and only the thread being
// measured reads its own counts.
thread_local bool counting = false;
thread_local std::uint64_t allocations = 0;
thread_local std::uint64_t locks = 0;

inline void countAllocation() noexcept
{
    if (counting)
        ++allocations;
}

inline void countLock() noexcept
{
    if (counting)
        ++locks;
}
} // namespace

#if MOODBOARD_HARNESS_COUNTING
// glibc's own implementations under their second, exported names: calling them needs no dlsym,
// which would itself allocate and lock before static initialisation is done.
extern "C"
{
void* __libc_malloc (std::size_t);
void* __libc_calloc (std::size_t, std::size_t);
void* __libc_realloc (void*, std::size_t);
void* __libc_memalign (std::size_t, std::size_t);
void __libc_free (void*);

int glibcMutexLock (pthread_mutex_t*);
int glibcMutexTrylock (pthread_mutex_t*);
int glibcRwlockRdlock (pthread_rwlock_t*);
int glibcRwlockWrlock (pthread_rwlock_t*);
}
__asm__ (".symver glibcMutexLock, __pthread_mutex_lock@GLIBC_2.2.5");
__asm__ (".symver glibcMutexTrylock, __pthread_mutex_trylock@GLIBC_2.2.5");
__asm__ (".symver glibcRwlockRdlock, __pthread_rwlock_rdlock@GLIBC_2.2.5");
__asm__ (".symver glibcRwlockWrlock, __pthread_rwlock_wrlock@GLIBC_2.2.5");

extern "C"
{
void* malloc (std::size_t size) noexcept
{
    countAllocation();
    return __libc_malloc (size);
}

void* calloc (std::size_t count, std::size_t size) noexcept
{
    countAllocation();
    return __libc_calloc (count, size);
}

void* realloc (void* p, std::size_t size) noexcept
{
    countAllocation();
    return __libc_realloc (p, size);
}

void* memalign (std::size_t alignment, std::size_t size) noexcept
{
    countAllocation();
    return __libc_memalign (alignment, size);
}

void* aligned_alloc (std::size_t alignment, std::size_t size) noexcept
{
    countAllocation();
    return __libc_memalign (alignment, size);
}

int posix_memalign (void** result, std::size_t alignment, std::size_t size) noexcept
{
    countAllocation();
    void* p = __libc_memalign (alignment, size);
    if (p == nullptr)
        return ENOMEM;
    *result = p;
    return 0;
}

void free (void* p) noexcept { __libc_free (p); }

int pthread_mutex_lock (pthread_mutex_t* mutex) noexcept
{
    countLock();
    return glibcMutexLock (mutex);
}

int pthread_mutex_trylock (pthread_mutex_t* mutex) noexcept
{
    countLock();
    return glibcMutexTrylock (mutex);
}

int pthread_rwlock_rdlock (pthread_rwlock_t* lock) noexcept
{
    countLock();
    return glibcRwlockRdlock (lock);
}

int pthread_rwlock_wrlock (pthread_rwlock_t* lock) noexcept
{
    countLock();
    return glibcRwlockWrlock (lock);
}
} // extern "C"

namespace
{
void* allocate (std::size_t size)
{
    countAllocation();
    if (void* p = __libc_malloc (size == 0 ? 1 : size))
        return p;
    throw std::bad_alloc();
}

void* allocateAligned (std::size_t size, std::align_val_t alignment)
{
    countAllocation();
    if (void* p = __libc_memalign ((std::size_t) alignment, size == 0 ? 1 : size))
        return p;
    throw std::bad_alloc();
}
} // namespace

void* operator new (std::size_t size) { return allocate (size); }
void* operator new[] (std::size_t size) { return allocate (size); }
void* operator new (std::size_t size, std::align_val_t a) { return allocateAligned (size, a); }
void* operator new[] (std::size_t size, std::align_val_t a) { return allocateAligned (size, a); }
void operator delete (void* p) noexcept { __libc_free (p); }
void operator delete[] (void* p) noexcept { __libc_free (p); }
void operator delete (void* p, std::size_t) noexcept { __libc_free (p); }
void operator delete[] (void* p, std::size_t) noexcept { __libc_free (p); }
void operator delete (void* p, std::align_val_t) noexcept { __libc_free (p); }
void operator delete[] (void* p, std::align_val_t) noexcept { __libc_free (p); }
void operator delete (void* p, std::size_t, std::align_val_t) noexcept { __libc_free (p); }
void operator delete[] (void* p, std::size_t, std::align_val_t) noexcept { __libc_free (p); }
#endif

namespace moodboard::harness
{

CountingScope::CountingScope()
{
    allocations = 0;
    locks = 0;
    counting = true;
}

CountingScope::~CountingScope() { counting = false; }

RealtimeCounts CountingScope::get() const { return { allocations, locks }; }

void CountingScope::pause() { counting = false; }
void CountingScope::resume() { counting = true; }

bool areRealtimeCountersAvailable() { return MOODBOARD_HARNESS_COUNTING != 0; }

} // namespace moodboard::harness
