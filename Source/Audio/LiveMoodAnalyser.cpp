#include "Audio/LiveMoodAnalyser.h"

#include "Audio/FeatureExtractor.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace moodboard::audio
{
namespace
{
// The window, oldest sample first, as the stream the extractor reads.
class WindowStream final : public AudioStream
{
public:
    WindowStream (const std::vector<float>& s, double rate) : samples (s), sampleRate (rate) {}

    double getSampleRate() const override { return sampleRate; }
    int getNumChannels() const override { return 1; }
    std::int64_t getLengthInSamples() const override { return (std::int64_t) samples.size(); }

    Expected<int> read (float* const* channels, int numSamples) override
    {
        const auto n = (int) std::min<std::size_t> ((std::size_t) numSamples, samples.size() - position);
        std::copy_n (samples.begin() + (std::ptrdiff_t) position, n, channels[0]);
        position += (std::size_t) n;
        return n;
    }

private:
    const std::vector<float>& samples;
    double sampleRate;
    std::size_t position = 0;
};
} // namespace

LiveMoodAnalyser::~LiveMoodAnalyser() { stop(); }

void LiveMoodAnalyser::start (LiveAudioTap& tap)
{
    stop();
    stopping = false;
    window.assign ((std::size_t) std::ceil (tap.getSampleRate() * windowSeconds), 0.0f);
    windowWrite = 0;
    windowFill = 0;
    estimates = 0;
    worker = std::thread ([this, &tap] { run (tap); });
}

void LiveMoodAnalyser::stop()
{
    if (! worker.joinable())
        return;
    {
        std::lock_guard lock (wakeLock);
        stopping = true;
    }
    wake.notify_all();
    worker.join();
}

std::optional<LiveMood> LiveMoodAnalyser::latest() const
{
    std::lock_guard lock (resultLock);
    return result;
}

void LiveMoodAnalyser::run (LiveAudioTap& tap)
{
    const auto rate = tap.getSampleRate();
    std::vector<float> block (4096);
    double sinceEstimate = 0.0;

    for (;;)
    {
        {
            // Draining ten times a second keeps a tap of a few seconds from overflowing.
            std::unique_lock lock (wakeLock);
            if (wake.wait_for (lock, std::chrono::milliseconds (100), [this] { return stopping; }))
                return;
        }

        for (int n; (n = tap.pop (block.data(), (int) block.size())) > 0;)
        {
            for (int i = 0; i < n; ++i)
            {
                window[windowWrite] = block[(std::size_t) i];
                windowWrite = (windowWrite + 1) % window.size();
            }
            windowFill = std::min (window.size(), windowFill + (std::size_t) n);
            sinceEstimate += n / rate;
        }

        if (windowFill >= (std::size_t) (minimumSeconds * rate) && sinceEstimate >= intervalSeconds)
        {
            sinceEstimate = 0.0;
            estimate (rate);
        }
    }
}

void LiveMoodAnalyser::estimate (double sampleRate)
{
    // Oldest first: the part after the write position, then the part before it.
    std::vector<float> ordered;
    ordered.reserve (windowFill);
    const auto start = windowFill < window.size() ? 0 : windowWrite;
    for (std::size_t i = 0; i < windowFill; ++i)
        ordered.push_back (window[(start + i) % window.size()]);

    float peak = 0.0f;
    for (const float s : ordered)
        peak = std::max (peak, std::abs (s));

    WindowStream stream (ordered, sampleRate);
    auto features = FeatureExtractor::analyse (stream);
    if (! features)
        return;

    LiveMood mood;
    mood.features = std::move (*features);
    mood.secondsHeard = (double) windowFill / sampleRate;
    mood.silent = peak < 0.001f;
    {
        std::lock_guard lock (resultLock);
        result = std::move (mood);
    }
    ++estimates;
}

} // namespace moodboard::audio
