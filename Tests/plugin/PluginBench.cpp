#include "PluginChecks.h"

#include "HarnessSupport.h"
#include "PluginProcessor.h"

#include <algorithm>
#include <chrono>
#include <vector>

namespace moodboard::harness
{
namespace
{
using Clock = std::chrono::steady_clock;

double percentile (std::vector<double> values, double fraction)
{
    std::sort (values.begin(), values.end());
    const auto index = (std::size_t) (fraction * (double) (values.size() - 1));
    return values[index];
}

// processBlock's cost per 64-sample stereo block at 48 kHz, as a share of the block's real time
// (1.333 ms). The blocks are fed ten times faster than real time, in bursts of 0.1 s of audio,
// so the live analyser's thread drains and analyses during the run as it would in a host.
void benchmarkProcessBlock()
{
    constexpr double rate = 48000.0;
    constexpr int frames = 64;
    constexpr int numBlocks = 200000;
    constexpr int blocksPerBurst = 75;
    constexpr double speedUp = 10.0;
    const double blockSeconds = frames / rate;

    auto processor = makeProcessor();
    processor->setPlayConfigDetails (2, 2, rate, frames);
    processor->prepareToPlay (rate, frames);

    juce::AudioBuffer<float> buffer (2, frames);
    juce::MidiBuffer midi;
    std::vector<double> shares;
    shares.reserve (numBlocks);

    const auto start = Clock::now();
    for (int block = 0; block < numBlocks; ++block)
    {
        fillTone (buffer, frames, (std::int64_t) block * frames, 4, rate);
        const auto before = Clock::now();
        processor->processBlock (buffer, midi);
        const auto after = Clock::now();
        shares.push_back (std::chrono::duration<double> (after - before).count() / blockSeconds);

        if ((block + 1) % blocksPerBurst == 0)
            std::this_thread::sleep_until (
                start + std::chrono::duration_cast<Clock::duration> (std::chrono::duration<double> (
                    (block + 1) * blockSeconds / speedUp)));
    }

    double sum = 0.0;
    for (auto share : shares)
        sum += share;
    const auto* moodboard = dynamic_cast<plugin::PluginProcessor*> (processor.get());
    const auto estimates = moodboard != nullptr ? moodboard->getNumLiveEstimates() : -1;
    processor->releaseResources();

    std::printf ("processblock_64_stereo_48k_blocks: %d blocks\n", numBlocks);
    std::printf ("processblock_64_stereo_48k_share_mean: %.4f %%\n", 100.0 * sum / numBlocks);
    std::printf ("processblock_64_stereo_48k_share_p99: %.4f %%\n",
                 100.0 * percentile (shares, 0.99));
    std::printf ("processblock_64_stereo_48k_share_max: %.4f %%\n",
                 100.0 * percentile (shares, 1.0));
    std::printf ("processblock_64_stereo_48k_mean: %.3f us\n",
                 1e6 * blockSeconds * sum / numBlocks);
    std::printf ("live_estimates_during_processblock_bench: %d count\n", estimates);
}

// From the host's request for an editor to its first paint on the desktop, 20 times.
void benchmarkEditorOpen()
{
    constexpr int openings = 20;
    auto processor = makeProcessor();
    processor->setPlayConfigDetails (2, 2, 48000.0, 512);
    processor->prepareToPlay (48000.0, 512);

    std::vector<double> construct, firstPaint;
    for (int i = 0; i < openings; ++i)
    {
        const auto before = Clock::now();
        auto window = std::make_unique<EditorWindow> (*processor);
        const auto made = Clock::now();
        window->waitForFirstPaint (10000);
        const auto painted = Clock::now();
        construct.push_back (std::chrono::duration<double, std::milli> (made - before).count());
        firstPaint.push_back (std::chrono::duration<double, std::milli> (painted - before).count());
        window.reset();
        pumpMessages (50);
    }
    processor->releaseResources();

    std::printf ("editor_construct_median: %.1f ms\n", percentile (construct, 0.5));
    std::printf ("editor_construct_worst: %.1f ms\n", percentile (construct, 1.0));
    std::printf ("editor_open_to_first_paint_median: %.1f ms\n", percentile (firstPaint, 0.5));
    std::printf ("editor_open_to_first_paint_worst: %.1f ms\n", percentile (firstPaint, 1.0));
}
} // namespace

void runBenchmarks()
{
    benchmarkEditorOpen();
    benchmarkProcessBlock();
}

} // namespace moodboard::harness
