#include "Audio/LiveAudioTap.h"

#include <algorithm>
#include <cmath>

namespace moodboard::audio
{

void LiveAudioTap::prepare (double rate, double seconds)
{
    sampleRate = rate;
    ring.assign ((std::size_t) std::max (1.0, std::ceil (rate * seconds)), 0.0f);
    written = 0;
    read = 0;
    dropped = 0;
}

void LiveAudioTap::push (const float* const* channels, int numChannels, int numSamples) noexcept
{
    if (ring.empty() || numSamples <= 0 || numChannels <= 0 || channels == nullptr)
        return;

    const auto capacity = (std::uint64_t) ring.size();
    const auto w = written.load (std::memory_order_relaxed);
    const auto free = capacity - (w - read.load (std::memory_order_acquire));
    const auto n = std::min<std::uint64_t> (free, (std::uint64_t) numSamples);
    const float scale = 1.0f / (float) numChannels;

    for (std::uint64_t i = 0; i < n; ++i)
    {
        float sum = 0.0f;
        for (int c = 0; c < numChannels; ++c)
            sum += channels[c][i];
        const float mono = sum * scale;
        ring[(std::size_t) ((w + i) % capacity)] = std::isfinite (mono) ? mono : 0.0f;
    }

    written.store (w + n, std::memory_order_release);
    if (n < (std::uint64_t) numSamples)
        dropped.fetch_add ((std::uint64_t) numSamples - n, std::memory_order_relaxed);
}

int LiveAudioTap::pop (float* destination, int maxSamples) noexcept
{
    if (ring.empty() || maxSamples <= 0)
        return 0;

    const auto capacity = (std::uint64_t) ring.size();
    const auto r = read.load (std::memory_order_relaxed);
    const auto available = written.load (std::memory_order_acquire) - r;
    const auto n = std::min<std::uint64_t> (available, (std::uint64_t) maxSamples);

    for (std::uint64_t i = 0; i < n; ++i)
        destination[i] = ring[(std::size_t) ((r + i) % capacity)];

    read.store (r + n, std::memory_order_release);
    return (int) n;
}

} // namespace moodboard::audio
