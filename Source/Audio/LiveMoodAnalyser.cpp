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
        const auto n = (int) std::min<std::size_t> ((std::size_t) numSamples,
                                                    samples.size() - position);
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
    // Room for the longest window, so a change of length never allocates on the worker.
    window.assign ((std::size_t) std::ceil (tap.getSampleRate() * longestWindowSeconds), 0.0f);
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

void LiveMoodAnalyser::setWindowSeconds (double seconds) noexcept
{
    if (std::isfinite (seconds))
        wantedWindow.store (std::clamp (seconds, shortestWindowSeconds, longestWindowSeconds));
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

        if (! active.load())
        {
            // Paused: what comes after the pause must not be mixed with what came before.
            windowFill = 0;
            sinceEstimate = 0.0;
            continue;
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

        const auto wanted = (std::size_t) (wantedWindow.load() * rate);
        const auto enough = (std::size_t) (std::min (minimumSeconds, wantedWindow.load()) * rate);
        if (windowFill >= enough && sinceEstimate >= intervalSeconds)
        {
            sinceEstimate = 0.0;
            estimate (rate, std::min (windowFill, wanted));
        }
    }
}

void LiveMoodAnalyser::estimate (double sampleRate, std::size_t length)
{
    // The newest `length` samples, oldest first: the ring holds them just before windowWrite.
    std::vector<float> ordered;
    ordered.reserve (length);
    const auto start = (windowWrite + window.size() - length) % window.size();
    for (std::size_t i = 0; i < length; ++i)
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
    mood.secondsHeard = (double) length / sampleRate;
    mood.silent = peak < 0.001f;
    {
        std::lock_guard lock (resultLock);
        result = std::move (mood);
    }
    ++estimates;
}

} // namespace moodboard::audio
