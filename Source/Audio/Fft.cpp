#include "Audio/Fft.h"

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

    const auto* stageCos = twiddleCos.data();
    const auto* stageSin = twiddleSin.data();

    for (int half = 1; half < size; half *= 2)
    {
        for (int start = 0; start < size; start += 2 * half)
        {
            auto* ar = re + start;
            auto* ai = im + start;
            auto* br = re + start + half;
            auto* bi = im + start + half;

            for (int k = 0; k < half; ++k)
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

void Fft::performRealPower (const float* input, float* power)
{
    const auto n = size / 2;
    auto* zr = scratchReal.data();
    auto* zi = scratchImag.data();

    for (int i = 0; i < n; ++i)
    {
        zr[i] = input[2 * i];
        zi[i] = input[2 * i + 1];
    }

    halfSize->perform (zr, zi);

    // With Z the half-size transform and W = exp(-2 pi i / size):
    // X[k] = (Z[k] + conj Z[n - k]) / 2 - i W^k (Z[k] - conj Z[n - k]) / 2.
    for (int k = 0; k <= n; ++k)
    {
        const auto a = k % n, b = (n - k) % n;
        const auto er = 0.5f * (zr[a] + zr[b]), ei = 0.5f * (zi[a] - zi[b]);
        const auto dr = 0.5f * (zr[a] - zr[b]), di = 0.5f * (zi[a] + zi[b]);
        const auto wr = k < n ? rotationCos[(size_t) k] : -1.0f;
        const auto wi = k < n ? rotationSin[(size_t) k] : 0.0f;
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
