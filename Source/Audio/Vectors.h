#pragma once

#include <cstdint>
#include <cstring>

namespace moodboard::audio
{

/** Eight floats or four doubles that GCC and Clang add and multiply as whole registers: two SSE
    registers on any x86-64, one AVX register in the clones built for newer processors. Plain
    loops over scalars do not vectorise where float additions would have to be reordered, which
    the compiler may only do under -ffast-math.
*/
using Float4 = float __attribute__ ((vector_size (16)));
using Float8 = float __attribute__ ((vector_size (32)));
using Double4 = double __attribute__ ((vector_size (32)));
using Int8 = std::int32_t __attribute__ ((vector_size (32)));

// Vectors are only ever passed by reference: Clang refuses to pass or return a 32-byte vector
// by value in code built without AVX (the plain clone), as the calling conventions differ.

/** Fills v from p, which needs no particular alignment. */
template <typename Vector, typename Scalar>
inline void load (Vector& v, const Scalar* p) noexcept
{
    std::memcpy (&v, p, sizeof (v));
}

/** Writes v to p, which needs no particular alignment. */
template <typename Vector, typename Scalar>
inline void store (Scalar* p, const Vector& v) noexcept
{
    std::memcpy (p, &v, sizeof (v));
}

/** The sum of a[i] * b[i] for i < n, in four partial sums: one running sum waits for every
    addition before it, and the compiler may not reorder float additions itself.
*/
template <typename T>
inline T sumOfProducts (const T* a, const T* b, int n) noexcept
{
    T partial[4] {};
    int i = 0;
    for (; i + 4 <= n; i += 4)
        for (int k = 0; k < 4; ++k)
            partial[k] += a[i + k] * b[i + k];
    for (; i < n; ++i)
        partial[0] += a[i] * b[i];
    return (partial[0] + partial[1]) + (partial[2] + partial[3]);
}

/** Sets result to the natural logarithm of eight positive, finite, normal floats, within three
    units in the last place of std::log (2.3e-7 relative at worst, checked over every normal
    float); libm's scalar call is several times slower than the whole vector. Outside that
    domain the results are finite and meaningless: 0 and denormals give about -88, infinity
    88.7, NaN 89.1. x = m 2^e with m in [0.707, 1.414); ln m = 2 atanh t with
    t = (m - 1) / (m + 1), |t| < 0.172, from its series to t^9 (the next term is below 4e-10).
*/
inline void logarithm (const Float8& x, Float8& result) noexcept
{
    constexpr std::int32_t halfSqrt2 = 0x3f3504f3;  // the bits of sqrt (0.5)
    auto bits = (Int8) x;
    // The exponent that brings the mantissa into [sqrt (0.5), sqrt (2)).
    const Int8 exponent = (bits - halfSqrt2) >> 23;
    bits -= exponent << 23;
    const auto m = (Float8) bits;
    const auto t = (m - 1.0f) / (m + 1.0f);
    const auto t2 = t * t;
    const auto series = 2.0f + t2 * (2.0f / 3.0f + t2 * (2.0f / 5.0f + t2 * (2.0f / 7.0f
                                                               + t2 * (2.0f / 9.0f))));
    constexpr float ln2 = 0.693147180559945f;
    result = __builtin_convertvector (exponent, Float8) * ln2 + t * series;
}

} // namespace moodboard::audio

/** Builds the marked function twice, for x86-64-v3 (AVX2 and FMA, processors since 2013) and for
    plain x86-64, and picks one when the program loads. Only with GCC, which builds the product:
    Clang (used here for the fuzz targets) rejects clones of member functions declared without
    them, so its builds get the plain code. Define it empty to build without clones.
*/
#ifndef MOODBOARD_VECTOR_CLONES
  #if defined(__x86_64__) && defined(__GNUC__) && ! defined(__clang__) \
      && defined(__has_attribute)
    #if __has_attribute(target_clones)
      #define MOODBOARD_VECTOR_CLONES __attribute__ ((target_clones ("arch=x86-64-v3", \
                                                                     "default")))
      #define MOODBOARD_CLONES_BUILT 1
    #endif
  #endif
#endif
#ifndef MOODBOARD_VECTOR_CLONES
  #define MOODBOARD_VECTOR_CLONES
#endif
#ifndef MOODBOARD_CLONES_BUILT
  #define MOODBOARD_CLONES_BUILT 0
#endif

namespace moodboard::audio
{

/** True when the AVX2 clones run. Some algorithms are only worth it with wide registers (the
    K-weighting in blocks, the whole-ratio resampler, two FFT stages per pass): in plain
    x86-64, or on other processors, eight floats take two or four registers that spill, and
    the sample-by-sample forms are several times faster. Analysis threads, never the audio
    thread: the first call waits on a one-time initialisation.
*/
[[nodiscard]] bool wideVectorsRun() noexcept;

/** Makes wideVectorsRun() false even where the clones run, so tests can check the plain
    algorithms on any machine. Not for use while an analysis runs.
*/
void preferPlainVectors (bool plain) noexcept;

} // namespace moodboard::audio
