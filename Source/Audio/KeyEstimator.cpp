#include "Audio/KeyEstimator.h"

#include "Audio/Fft.h"
#include "Audio/Resampler.h"
#include "Audio/Vectors.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <numbers>
#include <vector>

namespace moodboard::audio
{

namespace
{
    constexpr int fftOrder = 12;
    constexpr double lowestHz = 55.0;
    constexpr double highestHz = 5000.0;
    // The resampler to chromaRate cuts off at its Nyquist frequency (5512 Hz) rather than the
    // usual 90 % of it, so the band the chroma reads stays within 1.4 dB up to 5 kHz (with
    // 90 %, 4.5 kHz lost 1.4 dB and 5 kHz 6.6 dB). What folds back below 5 kHz comes from
    // 6 kHz and up and lies at least 16 dB down. The key scores on the corpus are the same
    // with either.
    constexpr double resamplerCutoff = 1.0;
    constexpr double frameFloor = 1.0e-7;      // normalised frame power below which it is silent
    constexpr double minimumContrast = 0.25;   // of the chroma (std / mean) for a tonal signal

    // Temperley's key profiles from the Kostka-Payne corpus of tonal music (Music and
    // Probability, 2007), tonic first: how often each scale degree sounds in a segment of a
    // piece in that key. Krumhansl & Kessler's probe-tone ratings weigh chromatic degrees more
    // and read a mambo in F# minor as F# major.
    //
    // The minor profile has its two sevenths exchanged. The corpus is classical, whose minor
    // raises the seventh to a leading tone (0.330) and seldom sounds the flat seventh (0.133);
    // popular music's minor is mostly natural minor, where bVII and v are everyday chords and
    // the leading tone comes only with a major V.
    constexpr std::array<double, 12> majorNotes { 0.748, 0.060, 0.488, 0.082, 0.670, 0.460,
                                                  0.096, 0.715, 0.104, 0.366, 0.057, 0.400 };
    constexpr std::array<double, 12> minorNotes { 0.712, 0.084, 0.474, 0.618, 0.049, 0.460,
                                                  0.105, 0.747, 0.404, 0.067, 0.330, 0.133 };

    // The profiles count notes, but the chroma measures partials: a note's third partial
    // sounds a fifth above it, its fifth a major third above, its seventh near the minor
    // seventh. So each note of a profile is spread over the pitch classes of its first eight
    // partials, each 0.6 of the one before (the usual fit to the falling partials of
    // instruments in harmonic pitch-class profiles), and the chroma is matched against what
    // the notes would sound like. Matched against bare note counts, the fifth above every note
    // looked over-represented, and minor songs that stress bVII or v were read as their
    // relative major or as the key of bVII.
    constexpr int profilePartials = 8;
    constexpr double partialSlope = 0.6;
    constexpr std::array<int, profilePartials> partialOffsets { 0, 0, 7, 0, 4, 7, 10, 0 };

    constexpr std::array<double, 12> soundingProfile (const std::array<double, 12>& notes)
    {
        std::array<double, 12> sounding {};
        for (int note = 0; note < 12; ++note)
        {
            double weight = 1.0;
            for (int partial = 0; partial < profilePartials; ++partial, weight *= partialSlope)
                sounding[(size_t) ((note + partialOffsets[(size_t) partial]) % 12)]
                    += notes[(size_t) note] * weight;
        }
        return sounding;
    }

    constexpr auto majorProfile = soundingProfile (majorNotes);
    constexpr auto minorProfile = soundingProfile (minorNotes);

    double correlate (const std::array<double, 12>& chroma, const std::array<double, 12>& profile,
                      int tonic)
    {
        double meanC = 0.0, meanP = 0.0;
        for (int i = 0; i < 12; ++i)
        {
            meanC += chroma[(size_t) i] / 12.0;
            meanP += profile[(size_t) i] / 12.0;
        }

        double cross = 0.0, varC = 0.0, varP = 0.0;
        for (int i = 0; i < 12; ++i)
        {
            const auto c = chroma[(size_t) ((i + tonic) % 12)] - meanC;
            const auto p = profile[(size_t) i] - meanP;
            cross += c * p;
            varC += c * c;
            varP += p * p;
        }

        const auto denominator = std::sqrt (varC * varP);
        return denominator > 1.0e-12 ? cross / denominator : 0.0;
    }
} // namespace

namespace
{
    /** The sum of power[1 .. numBins - 1], eight at a time. */
    MOODBOARD_VECTOR_CLONES
    float sumOfBins (const float* power, int numBins)
    {
        Float8 sum {};
        int bin = 1;
        for (; bin + 8 <= numBins; bin += 8)
        {
            Float8 p;
            load (p, power + bin);
            sum += p;
        }

        float total = 0.0f;
        for (int l = 0; l < 8; ++l)
            total += sum[l];
        for (; bin < numBins; ++bin)
            total += power[bin];
        return total;
    }
} // namespace

struct KeyEstimator::State
{
    explicit State (double inputRate)
        : fft (fftOrder), usable (std::isfinite (inputRate) && inputRate > 0.0),
          resampler (usable ? inputRate : chromaRate, chromaRate, resamplerCutoff)
    {
        static_assert ((1 << fftOrder) == frameSize);
        const auto size = fft.getSize();
        const auto numBins = size / 2 + 1;

        // Which pitch class each bin feeds, and how much (1 at a semitone centre, 0 between two).
        classOfBin.assign ((size_t) numBins, -1);
        weightOfBin.assign ((size_t) numBins, 0.0f);
        for (int bin = 1; bin < numBins; ++bin)
        {
            const auto hz = bin * chromaRate / size;
            if (hz < lowestHz || hz > highestHz)
                continue;

            const auto midi = 69.0 + 12.0 * std::log2 (hz / 440.0);
            const auto nearest = std::round (midi);
            const auto offset = midi - nearest;
            classOfBin[(size_t) bin] = ((int) nearest % 12 + 12) % 12;
            weightOfBin[(size_t) bin]
                = (float) std::pow (std::cos (std::numbers::pi * offset), 2.0);
        }

        for (int bin = 1; bin < numBins; ++bin)
            if (const auto pc = classOfBin[(size_t) bin]; pc >= 0)
            {
                if (runs.empty() || runs.back().pitchClass != pc || runs.back().end != bin)
                    runs.push_back ({ bin, bin, pc });
                runs.back().end = bin + 1;
            }

        window = makeHannWindow (size);
        frame.resize ((size_t) size);
        power.resize ((size_t) numBins);
    }

    void addFrame (const float* samples);

    /** Runs every frame the pending samples complete, then drops what no frame needs. */
    void consume()
    {
        const auto end = pendingStart + (std::int64_t) pending.size();
        for (; nextFrame + frameSize <= end; nextFrame += hopSize)
            addFrame (pending.data() + (nextFrame - pendingStart));

        // Drop in large steps: erasing the front of a vector costs a copy of the rest.
        if (const auto needed = nextFrame - pendingStart; needed >= 4 * frameSize)
        {
            pending.erase (pending.begin(), pending.begin() + needed);
            pendingStart += needed;
        }
    }

    Fft fft;
    bool usable;  // false for a rate that is not a positive number: no frames are made
    Resampler resampler;
    std::vector<float> pending;    // resampled input, starting at pendingStart
    std::int64_t pendingStart = 0;
    std::int64_t nextFrame = 0;
    std::vector<int> classOfBin;

    /** Neighbouring bins that feed the same pitch class: [first, end). */
    struct Run
    {
        int first = 0, end = 0, pitchClass = 0;
    };
    std::vector<Run> runs;
    std::vector<float> weightOfBin, window, frame, power;
    std::array<double, 12> sum {};
    int frames = 0;
};

KeyEstimator::KeyEstimator (double sampleRate) : state (std::make_unique<State> (sampleRate)) {}

KeyEstimator::~KeyEstimator() = default;

void KeyEstimator::process (const float* samples, int numSamples)
{
    if (! state->usable)
        return;
    state->resampler.process (samples, numSamples, state->pending);
    state->consume();
}

void KeyEstimator::finish()
{
    state->resampler.finish (state->pending);
    state->consume();
}

MOODBOARD_VECTOR_CLONES
void KeyEstimator::State::addFrame (const float* samples)
{
    auto& s = *this;
    const auto size = s.fft.getSize();
    const auto numBins = size / 2 + 1;
    const auto normaliser = 1.0f / ((float) size * (float) size / 16.0f);

    for (int i = 0; i < size; ++i)
        s.frame[(size_t) i] = samples[i] * s.window[(size_t) i];

    s.fft.performRealPower (s.frame.data(), s.power.data());

    const auto framePower = (double) sumOfBins (s.power.data(), numBins) * normaliser;

    // Magnitudes only where a pitch class takes them; then each run of bins that feeds one
    // class is a weighted sum of neighbours.
    const auto firstBin = s.runs.empty() ? 0 : s.runs.front().first;
    const auto endBin = s.runs.empty() ? 0 : s.runs.back().end;
    for (int bin = firstBin; bin < endBin; ++bin)
        s.power[(size_t) bin] = std::sqrt (s.power[(size_t) bin] * normaliser);

    // The runs near 5 kHz are a hundred bins long.
    std::array<double, 12> chroma {};
    double total = 0.0;
    for (const auto& run : s.runs)
    {
        const auto runSum = sumOfProducts (s.weightOfBin.data() + run.first,
                                           s.power.data() + run.first, run.end - run.first);
        chroma[(size_t) run.pitchClass] += runSum;
        total += runSum;
    }

    if (framePower < frameFloor || total <= 0.0)
        return;

    for (int pc = 0; pc < 12; ++pc)
        s.sum[(size_t) pc] += chroma[(size_t) pc] / total;
    ++s.frames;
}

KeyEstimate KeyEstimator::estimate (const std::vector<float>& mono, double sampleRate,
                                    const std::atomic<bool>* cancel)
{
    if (mono.empty())
        return {};

    KeyEstimator estimator (sampleRate);
    constexpr size_t chunk = 1 << 16;
    for (size_t start = 0; start < mono.size(); start += chunk)
    {
        if (cancel != nullptr && cancel->load (std::memory_order_relaxed))
            return {};
        estimator.process (mono.data() + start, (int) std::min (chunk, mono.size() - start));
    }
    estimator.finish();
    return estimator.getEstimate();
}

KeyEstimate KeyEstimator::getEstimate() const
{
    KeyEstimate result;
    auto sum = state->sum;
    const auto frames = state->frames;

    if (frames == 0)
        return result;

    double mean = 0.0, variance = 0.0;
    for (auto& value : sum)
    {
        value /= frames;
        mean += value / 12.0;
    }
    for (auto value : sum)
        variance += (value - mean) * (value - mean) / 12.0;

    result.chroma = sum;
    const auto contrast = mean > 0.0 ? std::sqrt (variance) / mean : 0.0;
    if (contrast < minimumContrast)
        return result;

    // One or two pitch classes (a single held note) do not make a key.
    auto sorted = sum;
    std::sort (sorted.begin(), sorted.end(), std::greater<>());
    double covered = 0.0;
    int classesNeeded = 0;
    while (covered < 0.8 * mean * 12.0 && classesNeeded < 12)
        covered += sorted[(size_t) classesNeeded++];

    if (classesNeeded < 3)
        return result;

    double best = -2.0, second = -2.0;
    int bestTonic = 0, bestMode = 1;
    for (int tonic = 0; tonic < 12; ++tonic)
    {
        for (int mode = 0; mode < 2; ++mode)
        {
            const auto r = correlate (sum, mode == 1 ? majorProfile : minorProfile, tonic);
            if (r > best)
            {
                second = best;
                best = r;
                bestTonic = tonic;
                bestMode = mode;
            }
            else if (r > second)
            {
                second = r;
            }
        }
    }

    if (best <= 0.0)
        return result;

    result.tonic = bestTonic;
    result.mode = bestMode;
    result.confidence = std::clamp (best, 0.0, 1.0)
                        * (0.5 + 0.5 * std::clamp ((best - second) / 0.2, 0.0, 1.0))
                        * std::clamp (contrast / (2.0 * minimumContrast), 0.0, 1.0);
    return result;
}

} // namespace moodboard::audio
