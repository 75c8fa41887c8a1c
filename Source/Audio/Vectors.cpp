#include "Audio/Vectors.h"

#include <atomic>

namespace moodboard::audio
{

namespace
{
    std::atomic<bool> plainPreferred { false };

    bool clonesRun() noexcept
    {
      #if MOODBOARD_CLONES_BUILT
        // The loader picks the x86-64-v3 clones by this same test: a processor with AVX2 and
        // FMA but without, say, BMI2 runs the plain clones, where the wide algorithms are slow.
        static const bool wide = __builtin_cpu_supports ("x86-64-v3");
        return wide;
      #elif defined(__AVX2__) && defined(__FMA__)
        return true;  // built for such processors only (-march=native, say), no clones needed
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
