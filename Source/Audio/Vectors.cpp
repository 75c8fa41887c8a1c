#include "Audio/Vectors.h"

#include <atomic>

namespace moodboard::audio
{

namespace
{
    std::atomic<bool> plainPreferred { false };

    bool clonesRun() noexcept
    {
      #if defined(__x86_64__) && defined(__GNUC__) && ! defined(__clang__)
        // The same test the loader's choice between the clones comes down to in practice.
        static const bool wide = __builtin_cpu_supports ("avx2")
                              && __builtin_cpu_supports ("fma");
        return wide && MOODBOARD_CLONES_BUILT;
      #else
        return false;
      #endif
    }
} // namespace

bool wideVectorsRun() noexcept
{
    return clonesRun() && ! plainPreferred.load (std::memory_order_relaxed);
}

void preferPlainVectors (bool plain) noexcept
{
    plainPreferred.store (plain, std::memory_order_relaxed);
}

} // namespace moodboard::audio
