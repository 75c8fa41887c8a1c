#include "Audio/Fft.h"

#include "Audio/Vectors.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numbers>

namespace moodboard::audio
{

Fft::Fft (int order)
{
    assert (order >= 1 && order <= 20);
    size = 1 << order;

    // Each stage reads its twiddles contiguously, which lets the butterfly loop vectorise.
    for (int half = 1; half < size; half *= 2)
    {
        for (int k = 0; k < half; ++k)
        {
            const auto angle = -std::numbers::pi * k / half;
            twiddleCos.push_back ((float) std::cos (angle));
            twiddleSin.push_back ((float) std::sin (angle));
        }
    }

    for (int k = 0; k < size / 2; ++k)
    {
        const auto angle = -2.0 * std::numbers::pi * k / size;
        rotationCos.push_back ((float) std::cos (angle));
        rotationSin.push_back ((float) std::sin (angle));
    }

    bitReversed.resize ((size_t) size);
    for (int i = 0; i < size; ++i)
    {
        int reversed = 0;
        for (int bit = 0; bit < order; ++bit)
            if ((i >> bit) & 1)
                reversed |= 1 << (order - 1 - bit);

        bitReversed[(size_t) i] = reversed;
    }

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
        const auto j = bitReversed[(size_t) i];
        if (i < j)
        {
            std::swap (re[i], re[j]);
            std::swap (im[i], im[j]);
        }
    }

    performStages (re, im);
}

MOODBOARD_VECTOR_CLONES
void Fft::performStages (float* re, float* im) const noexcept
{
    const auto* stageCos = twiddleCos.data();
    const auto* stageSin = twiddleSin.data();
    int half = 1;

    // The first two stages have the twiddles 1 and -i only; done together as one radix-4 pass
    // they need no multiplication and avoid two loops of one and two butterflies.
    if (size >= 4)
    {
        for (int i = 0; i < size; i += 4)
        {
            const auto a0r = re[i] + re[i + 1], a0i = im[i] + im[i + 1];
            const auto a1r = re[i] - re[i + 1], a1i = im[i] - im[i + 1];
            const auto a2r = re[i + 2] + re[i + 3], a2i = im[i + 2] + im[i + 3];
            const auto a3r = re[i + 2] - re[i + 3], a3i = im[i + 2] - im[i + 3];

            re[i] = a0r + a2r;
            im[i] = a0i + a2i;
            re[i + 2] = a0r - a2r;
            im[i + 2] = a0i - a2i;
            re[i + 1] = a1r + a3i;
            im[i + 1] = a1i - a3r;
            re[i + 3] = a1r - a3i;
            im[i + 3] = a1i + a3r;
        }

        stageCos += 3;
        stageSin += 3;
        half = 4;
    }

    for (; half < size; half *= 2)
    {
        for (int start = 0; start < size; start += 2 * half)
        {
            auto* ar = re + start;
            auto* ai = im + start;
            auto* br = re + start + half;
            auto* bi = im + start + half;

            int k = 0;
            if (half == 4)
            {
                const auto c = loadVector<Float4> (stageCos), sn = loadVector<Float4> (stageSin);
                const auto xr = loadVector<Float4> (br), xi = loadVector<Float4> (bi);
                const auto yr = loadVector<Float4> (ar), yi = loadVector<Float4> (ai);
                const auto tr = xr * c - xi * sn;
                const auto ti = xr * sn + xi * c;
                storeVector (br, yr - tr);
                storeVector (bi, yi - ti);
                storeVector (ar, yr + tr);
                storeVector (ai, yi + ti);
                k = 4;
            }

            for (; k + 8 <= half; k += 8)
            {
                const auto c = loadVector<Float8> (stageCos + k);
                const auto sn = loadVector<Float8> (stageSin + k);
                const auto xr = loadVector<Float8> (br + k), xi = loadVector<Float8> (bi + k);
                const auto yr = loadVector<Float8> (ar + k), yi = loadVector<Float8> (ai + k);
                const auto tr = xr * c - xi * sn;
                const auto ti = xr * sn + xi * c;
                storeVector (br + k, yr - tr);
                storeVector (bi + k, yi - ti);
                storeVector (ar + k, yr + tr);
                storeVector (ai + k, yi + ti);
            }

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
    }
}

MOODBOARD_VECTOR_CLONES
void Fft::performRealPower (const float* input, float* power)
{
    const auto n = size / 2;
    auto* zr = scratchReal.data();
    auto* zi = scratchImag.data();

    // The even and odd samples go straight to their bit-reversed places, which spares the
    // half-size transform its own reordering pass.
    const auto* reversed = halfSize->bitReversed.data();
    for (int i = 0; i < n; ++i)
    {
        zr[reversed[i]] = input[2 * i];
        zi[reversed[i]] = input[2 * i + 1];
    }

    halfSize->performStages (zr, zi);

    // With Z the half-size transform and W = exp(-2 pi i / size):
    // X[k] = (Z[k] + conj Z[n - k]) / 2 - i W^k (Z[k] - conj Z[n - k]) / 2.
    // At k = 0 and k = n both indices are 0 and W^k is 1 or -1, which leaves the sum and the
    // difference of Z[0]'s parts; they are done apart so the loop needs no index wrapping.
    power[0] = (zr[0] + zi[0]) * (zr[0] + zi[0]);
    power[n] = (zr[0] - zi[0]) * (zr[0] - zi[0]);

    // Eight bins at a time; Z[n - k] runs backwards, so those loads are reversed.
    const auto reverse = [] (Float8 v) { return __builtin_shufflevector (v, v, 7, 6, 5, 4, 3, 2,
                                                                         1, 0); };
    int k = 1;
    for (; k + 8 <= n; k += 8)
    {
        const auto ar = loadVector<Float8> (zr + k), ai = loadVector<Float8> (zi + k);
        const auto br = reverse (loadVector<Float8> (zr + n - k - 7));
        const auto bi = reverse (loadVector<Float8> (zi + n - k - 7));
        const auto er = 0.5f * (ar + br), ei = 0.5f * (ai - bi);
        const auto dr = 0.5f * (ar - br), di = 0.5f * (ai + bi);
        const auto wr = loadVector<Float8> (rotationCos.data() + k);
        const auto wi = loadVector<Float8> (rotationSin.data() + k);
        const auto xr = er + (wr * di + wi * dr);
        const auto xi = ei - (wr * dr - wi * di);
        storeVector (power + k, xr * xr + xi * xi);
    }

    for (; k < n; ++k)
    {
        const auto b = n - k;
        const auto er = 0.5f * (zr[k] + zr[b]), ei = 0.5f * (zi[k] - zi[b]);
        const auto dr = 0.5f * (zr[k] - zr[b]), di = 0.5f * (zi[k] + zi[b]);
        const auto wr = rotationCos[(size_t) k];
        const auto wi = rotationSin[(size_t) k];
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
