// `moodboard_bench --stages`: what each step of the analysis costs on 60 s of 44.1 kHz stereo
// held in memory, so no decoder time is mixed in. Prints milliseconds per step (best of five);
// the steps add up to roughly the whole analysis, which is printed last for comparison.
#include "Audio/FeatureExtractor.h"
#include "Audio/Fft.h"
#include "Audio/KeyEstimator.h"
#include "Audio/LoudnessMeter.h"
#include "Audio/OnsetEnvelope.h"
#include "Audio/Resampler.h"
#include "Audio/SpectralShape.h"
#include "BenchAudio.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

using namespace moodboard;

namespace
{
using Clock = std::chrono::steady_clock;

double bestMilliseconds (const std::function<void()>& step)
{
    double best = 1.0e9;
    for (int run = 0; run < 5; ++run)
    {
        const auto start = Clock::now();
        step();
        best = std::min (best,
                         std::chrono::duration<double, std::milli> (Clock::now() - start).count());
    }
    return best;
}

/** Serves a buffer held in memory in blocks, as a decoder would. */
class BufferStream final : public audio::AudioStream
{
public:
    BufferStream (const juce::AudioBuffer<float>& b, double r) : buffer (b), rate (r) {}

    double getSampleRate() const override { return rate; }
    int getNumChannels() const override { return buffer.getNumChannels(); }
    std::int64_t getLengthInSamples() const override { return buffer.getNumSamples(); }

    Expected<int> read (float* const* channels, int numSamples) override
    {
        const auto count = std::min (numSamples, buffer.getNumSamples() - position);
        for (int c = 0; c < buffer.getNumChannels(); ++c)
            std::copy_n (buffer.getReadPointer (c, position), count, channels[c]);
        position += count;
        return count;
    }

private:
    const juce::AudioBuffer<float>& buffer;
    double rate;
    int position = 0;
};
} // namespace

namespace moodboard::bench
{

int runStageBenchmark()
{
    constexpr double rate = 44100.0, seconds = 60.0;
    constexpr int block = 8192;
    const auto music = makeMusic (rate, seconds, 124.0);
    const auto total = music.getNumSamples();

    std::vector<float> mono ((size_t) total);
    for (int i = 0; i < total; ++i)
        mono[(size_t) i] = 0.5f * (music.getSample (0, i) + music.getSample (1, i));

    const auto analysisRate = audio::FeatureExtractor::analysisSampleRate;
    const auto cutoff = audio::FeatureExtractor::analysisResamplerCutoff;
    std::vector<float> resampled;
    {
        audio::Resampler r (rate, analysisRate, cutoff);
        r.process (mono.data(), total, resampled);
        r.finish (resampled);
    }

    std::printf ("analysis steps, one core, %g s of 44.1 kHz stereo in memory (ms, best of 5):\n",
                 seconds);
    const auto print = [] (const char* name, double ms)
    {
        std::printf ("  %-34s %8.2f\n", name, ms);
    };

    print ("loudness (K-weighting, 2 channels)", bestMilliseconds ([&] {
        audio::LoudnessMeter meter (rate, 2);
        for (int start = 0; start < total; start += block)
        {
            const float* channels[] { music.getReadPointer (0, start),
                                      music.getReadPointer (1, start) };
            meter.process (channels, std::min (block, total - start));
        }
        (void) meter.getIntegratedLoudness();
    }));

    print ("resampling to the analysis rate", bestMilliseconds ([&] {
        audio::Resampler r (rate, analysisRate, cutoff);
        std::vector<float> out;
        for (int start = 0; start < total; start += block)
        {
            r.process (mono.data() + start, std::min (block, total - start), out);
            if (out.size() > (size_t) (8 * block))
                out.clear();
        }
        r.finish (out);
    }));

    constexpr int stftOrder = 10, stftHop = 512;
    const auto stftSize = 1 << stftOrder;
    const auto frames = ((int) resampled.size() - stftSize) / stftHop + 1;
    std::vector<std::vector<float>> spectra ((size_t) std::max (frames, 0),
                                             std::vector<float> ((size_t) stftSize / 2 + 1));

    print ("STFT (1024 points, hop 512)", bestMilliseconds ([&] {
        audio::Fft fft (stftOrder);
        const auto window = audio::makeHannWindow (stftSize);
        std::vector<float> frame ((size_t) stftSize);
        for (int f = 0; f < frames; ++f)
        {
            for (int i = 0; i < stftSize; ++i)
                frame[(size_t) i] = resampled[(size_t) (f * stftHop + i)] * window[(size_t) i];
            fft.performRealPower (frame.data(), spectra[(size_t) f].data());
        }
    }));

    print ("onset envelope", bestMilliseconds ([&] {
        audio::OnsetEnvelope onsets (analysisRate, stftSize);
        for (auto& s : spectra)
            onsets.addFrame (s.data());
    }));

    print ("spectral shape", bestMilliseconds ([&] {
        audio::SpectralShape shape (analysisRate, stftSize);
        for (auto& s : spectra)
            shape.addFrame (s.data());
    }));

    print ("key (chroma frames)", bestMilliseconds ([&] {
        (void) audio::KeyEstimator::estimate (resampled, analysisRate);
    }));

    print ("whole analysis (no decoding)", bestMilliseconds ([&] {
        BufferStream stream (music, rate);
        (void) audio::FeatureExtractor::analyse (stream);
    }));
    return 0;
}

} // namespace moodboard::bench
