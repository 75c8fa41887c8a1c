#include "Audio/FeatureExtractor.h"

#include "Audio/Fft.h"
#include "Audio/KeyEstimator.h"
#include "Audio/LoudnessMeter.h"
#include "Audio/MoodDescriptors.h"
#include "Audio/OnsetEnvelope.h"
#include "Audio/Resampler.h"
#include "Audio/SpectralShape.h"
#include "Audio/TempoEstimator.h"
#include "Audio/Vectors.h"

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

    /** Beyond this a sample is damage, not audio: 160 dB above full scale, where float files
        stored on a 16-bit scale (peaks near 32768, +90 dB) still lie well inside. Such values
        (1e18, 1e38) would overflow the single-precision sums of the loudness blocks, the
        spectral shape and the onset bands, which hold up to about 1e16.
    */
    constexpr float largestSample = 1.0e8f;

    /** Replaces NaN, infinity and samples beyond largestSample by silence (damaged decoders
        hand them out, and they would poison every sum after them) and adds the samples times
        `scale` to `mix`, or writes them there for the first channel: one pass reads each block
        once. Returns the largest absolute value left, or `peak` if that is larger.
    */
    MOODBOARD_VECTOR_CLONES
    float cleanAndMix (float* samples, float* mix, int count, float scale, bool first, float peak)
    {
        // Four at a time: one register in every build (eight took twice as long in plain
        // x86-64), and memory is the limit here anyway.
        using Int4 = std::int32_t __attribute__ ((vector_size (16)));
        Float4 highest {};
        Int4 damaged {};
        int i = 0;
        for (; i + 4 <= count; i += 4)
        {
            Float4 v, sum {};
            load (v, samples + i);
            if (! first)
                load (sum, mix + i);
            auto magnitude = v < 0.0f ? -v : v;
            const auto usable = magnitude <= largestSample;  // false for NaN as well
            damaged |= ~usable;
            v = usable ? v : Float4 {};
            magnitude = usable ? magnitude : Float4 {};
            highest = magnitude > highest ? magnitude : highest;
            store (mix + i, sum + v * scale);
        }
        for (int k = 0; k < 4; ++k)
            peak = std::max (peak, highest[k]);

        // The samples themselves are rewritten only when something was replaced: almost never.
        bool anyDamaged = false;
        for (int k = 0; k < 4; ++k)
            anyDamaged = anyDamaged || damaged[k] != 0;
        if (anyDamaged)
            for (int j = 0; j < i; ++j)
                samples[j] = std::abs (samples[j]) <= largestSample ? samples[j] : 0.0f;

        for (; i < count; ++i)
        {
            const auto value = std::abs (samples[i]) <= largestSample ? samples[i] : 0.0f;
            samples[i] = value;
            mix[i] = (first ? 0.0f : mix[i]) + value * scale;
            peak = std::max (peak, std::abs (value));
        }
        return peak;
    }

    /** out[i] = x[i] * window[i], built for wide vectors too. */
    MOODBOARD_VECTOR_CLONES
    void applyWindow (const float* x, const float* window, float* out, int size)
    {
        for (int i = 0; i < size; ++i)
            out[i] = x[i] * window[i];
    }

    /** Everything that runs on the mono analysis signal, fed as it arrives: the STFT for the
        onset envelope and the spectral shape, and the key estimator. Only the samples
        that a frame still needs are kept, so memory does not grow with the length of the file
        (apart from the onset envelope, 43 values per second).
    */
    class MonoAnalysis final
    {
    public:
        explicit MonoAnalysis (double rate)
            : fft (stftOrder), window (makeHannWindow (fft.getSize())),
              onsets (rate, fft.getSize()), shape (rate, fft.getSize()), key (rate)
        {
            frame.resize ((size_t) fft.getSize());
            power.resize ((size_t) fft.getSize() / 2 + 1);

            // Powers are wanted relative to a full-scale sine, 16 / size^2 of the raw ones; the
            // window carries the square root, 4 / size, a power of two, so nothing rounds.
            for (auto& w : window)
                w *= 4.0f / (float) fft.getSize();
        }

        /** The buffer the resampler appends to; call consume() after each append. */
        std::vector<float> pending;

        /** Runs every frame that the pending samples complete, then drops what no frame needs. */
        [[nodiscard]] bool consume (const std::atomic<bool>* cancel)
        {
            const auto size = fft.getSize();
            const auto end = pendingStart + (std::int64_t) pending.size();

            for (; nextFrame + size <= end; nextFrame += stftHop)
            {
                if ((nextFrame / stftHop) % 256 == 0 && isCancelled (cancel))
                    return false;

                applyWindow (pending.data() + (nextFrame - pendingStart), window.data(),
                             frame.data(), size);

                fft.performRealPower (frame.data(), power.data());

                onsets.addFrame (power.data());
                shape.addFrame (power.data());
            }

            // The key estimator keeps what it needs of the new samples at its own rate.
            key.process (pending.data() + (keyFed - pendingStart), (int) (end - keyFed));
            keyFed = end;

            // Drop in large steps: erasing the front of a vector costs a copy of the rest.
            const auto needed = nextFrame - pendingStart;
            if (needed >= 4 * blockSize)
            {
                pending.erase (pending.begin(), pending.begin() + needed);
                pendingStart += needed;
            }
            return true;
        }

        std::vector<float> frame, power;
        Fft fft;
        std::vector<float> window;
        OnsetEnvelope onsets;
        SpectralShape shape;
        KeyEstimator key;

    private:
        std::int64_t pendingStart = 0;   // position of pending[0] in the whole signal
        std::int64_t nextFrame = 0;
        std::int64_t keyFed = 0;        // samples handed to the key estimator
    };
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
    Resampler resampler (rate, analysisSampleRate, analysisResamplerCutoff);
    std::vector<float> downmix ((size_t) blockSize);
    MonoAnalysis mono (analysisSampleRate);

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

        float peak = 0.0f;
        for (size_t c = 0; c < buffers.size(); ++c)
            peak = cleanAndMix (buffers[c].data(), downmix.data(), count,
                                1.0f / (float) numChannels, c == 0, peak);

        loudness.process (pointers.data(), count, peak);

        resampler.process (downmix.data(), count, mono.pending);
        if (! mono.consume (cancel))
            return cancelled();
        totalSamples += count;
    }

    resampler.finish (mono.pending);
    if (! mono.consume (cancel))
        return cancelled();
    mono.key.finish();

    Features features;
    features.durationSeconds = (double) totalSamples / rate;
    features.loudnessLufs = loudness.getIntegratedLoudness();
    features.loudnessRangeLu = loudness.getLoudnessRange();
    features.samplePeakDbfs = loudness.getSamplePeakDbfs();

    const auto tempo = TempoEstimator::estimate (mono.onsets.getValues(),
                                                 analysisSampleRate / stftHop);
    if (tempo.bpm)
    {
        features.tempoBpm = tempo.bpm;
        features.tempoConfidence = tempo.confidence;
        features.tempoAlternativeBpm = tempo.alternativeBpm;
    }

    if (isCancelled (cancel))
        return cancelled();

    const auto key = mono.key.getEstimate();

    if (key.tonic)
    {
        features.key = key.tonic;
        features.mode = key.mode;
        features.keyConfidence = key.confidence;
    }

    const auto summary = mono.shape.getSummary();
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
