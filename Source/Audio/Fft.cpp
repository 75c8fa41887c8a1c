#include "Audio/Fft.h"

#include "Audio/Vectors.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <mutex>
#include <numbers>

namespace moodboard::audio
{

namespace
{
    /** Radix-2 butterflies on as many neighbouring points as a Vector holds: a = a + w b and
        b = a - w b, with the twiddles w = cosines + i sines.
    */
    template <typename Vector>
    inline void butterflies (float* ar, float* ai, float* br, float* bi, const float* cosines,
                             const float* sines) noexcept
    {
        Vector c, sn, xr, xi, yr, yi;
        load (c, cosines);
        load (sn, sines);
        load (xr, br);
        load (xi, bi);
        load (yr, ar);
        load (yi, ai);
        const auto tr = xr * c - xi * sn;
        const auto ti = xr * sn + xi * c;
        store (br, yr - tr);
        store (bi, yi - ti);
        store (ar, yr + tr);
        store (ai, yi + ti);
    }

    /** The first two stages on four points in bit-reversed order, whose twiddles are 1 and -i
        only: no multiplication. Writes re[0 .. 3] and im[0 .. 3].
    */
    inline void firstTwoStages (float r0, float i0, float r1, float i1, float r2, float i2,
                                float r3, float i3, float* re, float* im) noexcept
    {
        const auto a0r = r0 + r1, a0i = i0 + i1;
        const auto a1r = r0 - r1, a1i = i0 - i1;
        const auto a2r = r2 + r3, a2i = i2 + i3;
        const auto a3r = r2 - r3, a3i = i2 - i3;

        re[0] = a0r + a2r;
        im[0] = a0i + a2i;
        re[2] = a0r - a2r;
        im[2] = a0i - a2i;
        re[1] = a1r + a3i;
        im[1] = a1i - a3r;
        re[3] = a1r - a3i;
        im[3] = a1i + a3r;
    }
} // namespace

std::shared_ptr<const Fft::Tables> Fft::tablesFor (int order)
{
    // Transforms are made by analysis workers, never on an audio thread, so a lock is fine.
    static std::mutex lock;
    static std::array<std::shared_ptr<const Tables>, 21> cache;
    const std::lock_guard<std::mutex> hold (lock);
    if (cache[(size_t) order] != nullptr)
        return cache[(size_t) order];

    auto t = std::make_shared<Tables>();
    const auto size = 1 << order;

    // Each stage reads its twiddles contiguously, which lets the butterfly loop vectorise.
    for (int half = 1; half < size; half *= 2)
    {
        for (int k = 0; k < half; ++k)
        {
            const auto angle = -std::numbers::pi * k / half;
            t->twiddleCos.push_back ((float) std::cos (angle));
            t->twiddleSin.push_back ((float) std::sin (angle));
        }
    }

    for (int k = 0; k < size / 2; ++k)
    {
        const auto angle = -2.0 * std::numbers::pi * k / size;
        t->rotationCos.push_back ((float) std::cos (angle));
        t->rotationSin.push_back ((float) std::sin (angle));
    }

    t->bitReversed.resize ((size_t) size);
    for (int i = 0; i < size; ++i)
    {
        int reversed = 0;
        for (int bit = 0; bit < order; ++bit)
            if ((i >> bit) & 1)
                reversed |= 1 << (order - 1 - bit);

        t->bitReversed[(size_t) i] = reversed;
    }

    cache[(size_t) order] = t;
    return t;
}

Fft::Fft (int order)
{
    assert (order >= 1 && order <= 20);
    size = 1 << order;
    wide = wideVectorsRun();
    tables = tablesFor (order);

    if (order >= 2)
    {
        halfSize = std::make_unique<Fft> (order - 1);
        scratchReal.resize ((size_t) size / 2);
        scratchImag.resize ((size_t) size / 2);
    }
}

Fft::~Fft() = default;

void Fft::perform (float* re, float* im) const noexcept
{
    for (int i = 0; i < size; ++i)
    {
        const auto j = tables->bitReversed[(size_t) i];
        if (i < j)
        {
            std::swap (re[i], re[j]);
            std::swap (im[i], im[j]);
        }
    }

    performStages (re, im);
}

MOODBOARD_VECTOR_CLONES
void Fft::performStages (float* re, float* im, int stagesDone) const noexcept
{
    const auto* stageCos = tables->twiddleCos.data();
    const auto* stageSin = tables->twiddleSin.data();
    int half = 1;

    // The first two stages have the twiddles 1 and -i only; done together as one radix-4 pass
    // they need no multiplication and avoid two loops of one and two butterflies.
    if (size >= 4)
    {
        if (stagesDone < 2)
            for (int i = 0; i < size; i += 4)
                firstTwoStages (re[i], im[i], re[i + 1], im[i + 1], re[i + 2], im[i + 2],
                                re[i + 3], im[i + 3], re + i, im + i);

        stageCos += 3;
        stageSin += 3;
        half = 4;
    }

    if (size >= 8 && stagesDone == 3)
    {
        stageCos += 4;
        stageSin += 4;
        half = 8;
    }

    // Then radix-2 stages; from a half of eight on, two of them go in one pass over the data
    // (combinedStages()) while two are left.
    while (half < size)
    {
        if (wide && half >= 8 && 4 * half <= size)  // else the pairs of stages spill registers
        {
            combinedStages (re, im, half, stageCos, stageSin);
            stageCos += 3 * half;
            stageSin += 3 * half;
            half *= 4;
            continue;
        }

        for (int start = 0; start < size; start += 2 * half)
        {
            auto* ar = re + start;
            auto* ai = im + start;
            auto* br = re + start + half;
            auto* bi = im + start + half;

            int k = 0;
            if (half == 4)
            {
                butterflies<Float4> (ar, ai, br, bi, stageCos, stageSin);
                k = 4;
            }
            for (; k + 8 <= half; k += 8)
                butterflies<Float8> (ar + k, ai + k, br + k, bi + k, stageCos + k, stageSin + k);

            for (; k < half; ++k)
            {
                const auto tr = br[k] * stageCos[k] - bi[k] * stageSin[k];
                const auto ti = br[k] * stageSin[k] + bi[k] * stageCos[k];
                br[k] = ar[k] - tr;
                bi[k] = ai[k] - ti;
                ar[k] += tr;
                ai[k] += ti;
            }
        }

        stageCos += half;
        stageSin += half;
        half *= 2;
    }
}

MOODBOARD_VECTOR_CLONES
void Fft::combinedStages (float* re, float* im, int half, const float* cos1,
                          const float* sin1) const noexcept
{
    // The stages of `half` and 2 * half. Four points a quarter of a group apart meet in both:
    // the first stage pairs (x0, x1) and (x2, x3) with the twiddles of half, the second pairs
    // what came out at 0 and 2, and at 1 and 3, with those of 2 * half. Each value is loaded
    // and stored once for the two stages instead of twice.
    const auto* cos2 = cos1 + half;
    const auto* sin2 = sin1 + half;
    const auto multiply = [] (Float8& r, Float8& i, const Float8& c, const Float8& sn)
    {
        const auto real = r * c - i * sn;
        i = r * sn + i * c;
        r = real;
    };

    for (int start = 0; start < size; start += 4 * half)
    {
        auto* r = re + start;
        auto* i = im + start;
        const auto h = half, h2 = 2 * half, h3 = 3 * half;

        for (int k = 0; k < half; k += 8)
        {
            Float8 r0, i0, r1, i1, r2, i2, r3, i3, c, sn;
            load (r0, r + k);
            load (i0, i + k);
            load (r1, r + h + k);
            load (i1, i + h + k);
            load (r2, r + h2 + k);
            load (i2, i + h2 + k);
            load (r3, r + h3 + k);
            load (i3, i + h3 + k);

            load (c, cos1 + k);
            load (sn, sin1 + k);
            multiply (r1, i1, c, sn);
            multiply (r3, i3, c, sn);
            const Float8 a0r = r0 + r1, a0i = i0 + i1, a1r = r0 - r1, a1i = i0 - i1;
            Float8 a2r = r2 + r3, a2i = i2 + i3, a3r = r2 - r3, a3i = i2 - i3;

            load (c, cos2 + k);
            load (sn, sin2 + k);
            multiply (a2r, a2i, c, sn);
            load (c, cos2 + half + k);
            load (sn, sin2 + half + k);
            multiply (a3r, a3i, c, sn);
            store (r + k, a0r + a2r);
            store (i + k, a0i + a2i);
            store (r + h2 + k, a0r - a2r);
            store (i + h2 + k, a0i - a2i);
            store (r + h + k, a1r + a3r);
            store (i + h + k, a1i + a3i);
            store (r + h3 + k, a1r - a3r);
            store (i + h3 + k, a1i - a3i);
        }
    }
}

MOODBOARD_VECTOR_CLONES
void Fft::performRealPower (const float* input, float* power)
{
    const auto n = size / 2;
    auto* zr = scratchReal.data();
    auto* zi = scratchImag.data();

    // The even and odd samples are read from their bit-reversed places (bit reversal is its
    // own inverse), which spares the half-size transform its reordering pass; four at a time,
    // they go through its first two stages on the way, which spares another pass. (Windowing
    // on the way as well was slower: two scattered reads per value instead of one.)
    const auto* reversed = halfSize->tables->bitReversed.data();
    const auto sample = [&] (int i, float& re, float& im)
    {
        const auto j = 2 * reversed[i];
        re = input[j];
        im = input[j + 1];
    };

    if (n >= 8)
    {
        // Eight at a time, through the third stage as well, whose twiddles are the constants
        // 1, (1 - i) / sqrt 2, -i and (-1 - i) / sqrt 2: that spares the pass of the stage with
        // groups of four, too short for a vector.
        constexpr float root = 0.70710678118654752f;
        for (int i = 0; i < n; i += 8)
        {
            float r[8], m[8], ar[8], ai[8];
            for (int k = 0; k < 8; ++k)
                sample (i + k, r[k], m[k]);
            firstTwoStages (r[0], m[0], r[1], m[1], r[2], m[2], r[3], m[3], ar, ai);
            firstTwoStages (r[4], m[4], r[5], m[5], r[6], m[6], r[7], m[7], ar + 4, ai + 4);

            // b times the twiddle, for each of the four butterflies
            const float tr[4] { ar[4], root * (ar[5] + ai[5]), ai[6], root * (ai[7] - ar[7]) };
            const float ti[4] { ai[4], root * (ai[5] - ar[5]), -ar[6], -root * (ar[7] + ai[7]) };
            for (int k = 0; k < 4; ++k)
            {
                zr[i + k] = ar[k] + tr[k];
                zi[i + k] = ai[k] + ti[k];
                zr[i + k + 4] = ar[k] - tr[k];
                zi[i + k + 4] = ai[k] - ti[k];
            }
        }
        halfSize->performStages (zr, zi, 3);
    }
    else if (n >= 4)
    {
        for (int i = 0; i < n; i += 4)
        {
            float r[4], m[4];
            for (int k = 0; k < 4; ++k)
                sample (i + k, r[k], m[k]);
            firstTwoStages (r[0], m[0], r[1], m[1], r[2], m[2], r[3], m[3], zr + i, zi + i);
        }
        halfSize->performStages (zr, zi, 2);
    }
    else
    {
        for (int i = 0; i < n; ++i)
            sample (i, zr[i], zi[i]);
        halfSize->performStages (zr, zi);
    }

    // With Z the half-size transform and W = exp(-2 pi i / size):
    // X[k] = (Z[k] + conj Z[n - k]) / 2 - i W^k (Z[k] - conj Z[n - k]) / 2.
    // At k = 0 and k = n both indices are 0 and W^k is 1 or -1, which leaves the sum and the
    // difference of Z[0]'s parts; they are done apart so the loop needs no index wrapping.
    power[0] = (zr[0] + zi[0]) * (zr[0] + zi[0]);
    power[n] = (zr[0] - zi[0]) * (zr[0] - zi[0]);

    // Eight bins at a time where wide vectors run; Z[n - k] runs backwards, so those loads are
    // reversed.
    int k = 1;
    for (; wide && k + 8 <= n; k += 8)
    {
        Float8 ar, ai, backR, backI, wr, wi;
        load (ar, zr + k);
        load (ai, zi + k);
        load (backR, zr + n - k - 7);
        load (backI, zi + n - k - 7);
        load (wr, tables->rotationCos.data() + k);
        load (wi, tables->rotationSin.data() + k);
        const auto br = __builtin_shufflevector (backR, backR, 7, 6, 5, 4, 3, 2, 1, 0);
        const auto bi = __builtin_shufflevector (backI, backI, 7, 6, 5, 4, 3, 2, 1, 0);
        const auto er = 0.5f * (ar + br), ei = 0.5f * (ai - bi);
        const auto dr = 0.5f * (ar - br), di = 0.5f * (ai + bi);
        const auto xr = er + (wr * di + wi * dr);
        const auto xi = ei - (wr * dr - wi * di);
        store (power + k, xr * xr + xi * xi);
    }

    for (; k < n; ++k)
    {
        const auto b = n - k;
        const auto er = 0.5f * (zr[k] + zr[b]), ei = 0.5f * (zi[k] - zi[b]);
        const auto dr = 0.5f * (zr[k] - zr[b]), di = 0.5f * (zi[k] + zi[b]);
        const auto wr = tables->rotationCos[(size_t) k];
        const auto wi = tables->rotationSin[(size_t) k];
        const auto xr = er + (wr * di + wi * dr);
        const auto xi = ei - (wr * dr - wi * di);
        power[k] = xr * xr + xi * xi;
    }
}

std::vector<float> makeHannWindow (int length)
{
    std::vector<float> window ((size_t) std::max (length, 0));

    for (int i = 0; i < length; ++i)
        window[(size_t) i] = (float) (0.5 - 0.5 * std::cos (2.0 * std::numbers::pi * i / length));

    return window;
}

} // namespace moodboard::audio
