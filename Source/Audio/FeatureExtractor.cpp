#include "Audio/FeatureExtractor.h"

#include "Audio/Fft.h"
#include "Audio/KeyEstimator.h"
#include "Audio/LoudnessMeter.h"
#include "Audio/MoodDescriptors.h"
#include "Audio/OnsetEnvelope.h"
#include "Audio/Resampler.h"
#include "Audio/SpectralShape.h"
#include "Audio/TempoEstimator.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace moodboard::audio
{

namespace
{
    constexpr int blockSize = 8192;
    constexpr int stftOrder = 10;   // 1024 points, 46 ms at 22.05 kHz
    constexpr int stftHop = 512;
    constexpr double lowestRate = 1000.0;
    constexpr double highestRate = 768000.0;
    constexpr int maxChannels = 64;

    bool isCancelled (const std::atomic<bool>* cancel)
    {
        return cancel != nullptr && cancel->load (std::memory_order_relaxed);
    }

    auto cancelled() { return makeError (Error::Kind::cancelled, "The analysis was cancelled."); }

    struct SpectralResult
    {
        std::vector<float> onsets;
        SpectralSummary summary;
    };

    /** One STFT pass over the mono signal feeding the onset envelope and the spectral shape. */
    Expected<SpectralResult> analyseSpectrum (const std::vector<float>& mono, double rate,
                                              const std::atomic<bool>* cancel)
    {
        Fft fft (stftOrder);
        const auto size = fft.getSize();
        const auto window = makeHannWindow (size);
        const auto normaliser = 1.0f / ((float) size * (float) size / 16.0f);
        std::vector<float> frame ((size_t) size), power ((size_t) size / 2 + 1);
        OnsetEnvelope onsets (rate, size);
        SpectralShape shape (rate, size);

        for (size_t start = 0; start + (size_t) size <= mono.size(); start += stftHop)
        {
            if ((start / stftHop) % 256 == 0 && isCancelled (cancel))
                return cancelled();

            for (int i = 0; i < size; ++i)
                frame[(size_t) i] = mono[start + (size_t) i] * window[(size_t) i];

            fft.performRealPower (frame.data(), power.data());
            for (auto& p : power)
                p *= normaliser;

            onsets.addFrame (power.data());
            shape.addFrame (power.data());
        }

        return SpectralResult { onsets.getValues(), shape.getSummary() };
    }
} // namespace

Expected<Features> FeatureExtractor::analyse (AudioStream& stream, const std::atomic<bool>* cancel)
{
    const auto rate = stream.getSampleRate();
    const auto numChannels = stream.getNumChannels();

    if (! std::isfinite (rate) || rate < lowestRate || rate > highestRate)
        return makeError (Error::Kind::unsupported, "The sample rate of "
                          + std::to_string (rate) + " Hz is outside what the analysis supports.");

    if (numChannels < 1 || numChannels > maxChannels)
        return makeError (Error::Kind::unsupported, "A stream with "
                          + std::to_string (numChannels) + " channels cannot be analysed.");

    std::vector<std::vector<float>> buffers ((size_t) numChannels,
                                             std::vector<float> ((size_t) blockSize));
    std::vector<float*> pointers;
    for (auto& b : buffers)
        pointers.push_back (b.data());

    LoudnessMeter loudness (rate, numChannels);
    Resampler resampler (rate, analysisSampleRate);
    std::vector<float> downmix ((size_t) blockSize);
    std::vector<float> mono;

    // Reserve what the file declares, but trust no header for more than half an hour up front.
    if (const auto declared = stream.getLengthInSamples(); declared > 0)
        mono.reserve ((size_t) std::min<std::int64_t> (declared * analysisSampleRate / rate + 16,
                                                       (std::int64_t) (1800.0 * analysisSampleRate)));

    std::int64_t totalSamples = 0;

    for (;;)
    {
        if (isCancelled (cancel))
            return cancelled();

        const auto read = stream.read (pointers.data(), blockSize);
        if (! read)
            return std::unexpected (read.error());

        const auto count = std::min (*read, blockSize);
        if (count <= 0)
            break;

        // Damaged decoders can hand out NaN or infinity; they would poison every sum after them.
        for (auto& b : buffers)
            for (int i = 0; i < count; ++i)
                if (! std::isfinite (b[(size_t) i]))
                    b[(size_t) i] = 0.0f;

        loudness.process (pointers.data(), count);

        const auto scale = 1.0f / (float) numChannels;
        std::fill (downmix.begin(), downmix.begin() + count, 0.0f);
        for (auto& b : buffers)
            for (int i = 0; i < count; ++i)
                downmix[(size_t) i] += b[(size_t) i] * scale;

        resampler.process (downmix.data(), count, mono);
        totalSamples += count;
    }

    resampler.finish (mono);

    Features features;
    features.durationSeconds = (double) totalSamples / rate;
    features.loudnessLufs = loudness.getIntegratedLoudness();
    features.loudnessRangeLu = loudness.getLoudnessRange();
    features.samplePeakDbfs = loudness.getSamplePeakDbfs();

    auto spectrum = analyseSpectrum (mono, analysisSampleRate, cancel);
    if (! spectrum)
        return std::unexpected (spectrum.error());

    const auto tempo = TempoEstimator::estimate (spectrum->onsets, analysisSampleRate / stftHop);
    if (tempo.bpm)
    {
        features.tempoBpm = tempo.bpm;
        features.tempoConfidence = tempo.confidence;
        features.tempoAlternativeBpm = tempo.alternativeBpm;
    }

    if (isCancelled (cancel))
        return cancelled();

    const auto key = KeyEstimator::estimate (mono, analysisSampleRate, cancel);
    if (isCancelled (cancel))
        return cancelled();

    if (key.tonic)
    {
        features.key = key.tonic;
        features.mode = key.mode;
        features.keyConfidence = key.confidence;
    }

    const auto& summary = spectrum->summary;
    MoodInputs inputs;
    inputs.loudnessLufs = features.loudnessLufs;
    inputs.loudnessRangeLu = features.loudnessRangeLu;
    inputs.samplePeakDbfs = features.samplePeakDbfs;
    inputs.tempo = tempo;
    inputs.spectrum = summary;
    inputs.mode = features.mode;
    inputs.keyConfidence = key.confidence;

    if (summary.audibleFrames > 0)
    {
        features.spectralCentroidHz = summary.centroidHz;
        features.brightness = MoodDescriptors::brightnessFromCentroid (summary.centroidHz);
        inputs.brightness = *features.brightness;
    }

    const auto mood = MoodDescriptors::derive (inputs);
    features.energy = mood.energy;
    features.danceability = mood.danceability;
    features.acousticness = mood.acousticness;
    features.valence = mood.valence;
    return features;
}

} // namespace moodboard::audio
