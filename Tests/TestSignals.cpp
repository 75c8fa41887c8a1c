#include "TestSignals.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

namespace moodboard::testing
{

namespace
{
    constexpr double twoPi = 2.0 * std::numbers::pi;

    Channels spread (std::vector<float> mono, int numChannels)
    {
        return Channels ((size_t) std::max (numChannels, 1), std::move (mono));
    }

    size_t lengthOf (double seconds, double rate) { return (size_t) std::llround (seconds * rate); }

    double midiToHz (double midi) { return 440.0 * std::pow (2.0, (midi - 69.0) / 12.0); }

    /** Adds `gain * shape(t) * envelope(t)` starting at `start`, for `length` seconds. */
    template <typename Shape>
    void addEvent (std::vector<float>& out, double rate, double start, double length,
                   double gain, Shape&& shape)
    {
        const auto first = (size_t) std::llround (start * rate);
        const auto count = lengthOf (length, rate);
        for (size_t i = 0; i < count && first + i < out.size(); ++i)
            out[first + i] += (float) (gain * shape ((double) i / rate));
    }

    /** The drum sounds of the patterns below; the noisy ones draw from the kit's own generator,
        so a pattern sounds the same on every run.
    */
    class DrumKit
    {
    public:
        explicit DrumKit (unsigned seed) : random (seed) {}

        /** A falling pitch from 150 Hz to 50 Hz: the frequency is integrated for the phase. */
        static double kick (double s)
        {
            const auto phase = twoPi * (50.0 * s + 100.0 * 0.03 * (1.0 - std::exp (-s / 0.03)));
            return std::exp (-s / 0.12) * std::sin (phase);
        }

        double snare (double s)
        {
            return std::exp (-s / 0.06)
                   * (0.5 * std::sin (twoPi * 190.0 * s) + 0.6 * uniform (random));
        }

        /** Noise tilted upwards by a first difference: a closed hi-hat. */
        double hat (double s)
        {
            const auto white = uniform (random);
            const auto bright = white - previousNoise;
            previousNoise = white;
            return std::exp (-s / 0.015) * bright;
        }

        /** Beat `index` (from 0) at `t`: the kick on beats 1 and 3, the snare on 2 and 4. */
        void addBackbeat (std::vector<float>& x, double rate, double t, int index)
        {
            if (index % 2 == 0)
                addEvent (x, rate, t, 0.4, 1.0, kick);
            else
                addEvent (x, rate, t, 0.25, 0.7, [this] (double s) { return snare (s); });
        }

    private:
        std::mt19937 random;
        std::uniform_real_distribution<double> uniform { -1.0, 1.0 };
        double previousNoise = 0.0;
    };

    void normalisePeak (std::vector<float>& x, double peak)
    {
        float largest = 0.0f;
        for (auto v : x)
            largest = std::max (largest, std::abs (v));
        if (largest > 0.0f)
            for (auto& v : x)
                v *= (float) (peak / largest);
    }
} // namespace

Channels makeSine (double hz, double peak, double seconds, double rate, int numChannels)
{
    std::vector<float> x (lengthOf (seconds, rate));
    for (size_t i = 0; i < x.size(); ++i)
        x[i] = (float) (peak * std::sin (twoPi * hz * (double) i / rate));
    return spread (std::move (x), numChannels);
}

Channels makeSilence (double seconds, double rate, int numChannels)
{
    return spread (std::vector<float> (lengthOf (seconds, rate), 0.0f), numChannels);
}

Channels makeWhiteNoise (double peakDbfs, double seconds, double rate, int numChannels)
{
    std::mt19937 random (1234);
    std::uniform_real_distribution<float> uniform (-1.0f, 1.0f);
    const auto peak = (float) std::pow (10.0, peakDbfs / 20.0);
    Channels out ((size_t) numChannels, std::vector<float> (lengthOf (seconds, rate)));
    for (auto& channel : out)
        for (auto& v : channel)
            v = peak * uniform (random);
    return out;
}

Channels makeClickTrack (double bpm, double seconds, double rate, int numChannels)
{
    std::vector<float> x (lengthOf (seconds, rate));
    std::mt19937 random (99);
    std::uniform_real_distribution<double> uniform (-1.0, 1.0);

    for (double t = 0.0; t < seconds; t += 60.0 / bpm)
        addEvent (x, rate, t, 0.03, 0.8, [&] (double s)
                  { return std::exp (-s / 0.005) * (0.7 * std::sin (twoPi * 2000.0 * s)
                                                    + 0.3 * uniform (random)); });
    return spread (std::move (x), numChannels);
}

Channels makeDrumPattern (double bpm, double seconds, double rate, int numChannels, double peak)
{
    std::vector<float> x (lengthOf (seconds, rate));
    DrumKit kit (7);
    const auto beat = 60.0 / bpm;

    int index = 0;
    for (double t = 0.0; t < seconds; t += beat, ++index)
    {
        kit.addBackbeat (x, rate, t, index);

        addEvent (x, rate, t, 0.08, 0.25, [&] (double s) { return kit.hat (s); });
        addEvent (x, rate, t + 0.5 * beat, 0.08, 0.2, [&] (double s) { return kit.hat (s); });
    }

    normalisePeak (x, peak);
    return spread (std::move (x), numChannels);
}

Channels makeEighthNoteGroove (double bpm, double seconds, double rate, int numChannels)
{
    std::vector<float> x (lengthOf (seconds, rate));
    DrumKit kit (11);
    const auto beat = 60.0 / bpm;

    const auto bass = [] (double hz)
    {
        return [hz] (double s)
        {
            return std::exp (-s / 0.08)
                   * (std::sin (twoPi * hz * s) + 0.5 * std::sin (twoPi * 2.0 * hz * s));
        };
    };
    const auto chord = [] (double s)
    {
        double sum = 0.0;
        for (const auto hz : { 196.0, 246.9, 293.7, 392.0, 493.9, 587.3 })
            sum += std::sin (twoPi * hz * s) + 0.3 * std::sin (twoPi * 3.0 * hz * s);
        return std::exp (-s / 0.1) * sum / 6.0;
    };

    int index = 0;
    for (double t = 0.0; t < seconds; t += beat, ++index)
    {
        kit.addBackbeat (x, rate, t, index);

        // A root on the beat and its octave between, the way a rock bass plays eighths, and a
        // guitar chord struck on every eighth, all as loud off the beat as on it.
        for (const auto offset : { 0.0, 0.5 })
        {
            const auto at = t + offset * beat;
            addEvent (x, rate, at, 0.08, 0.5, [&] (double s) { return kit.hat (s); });
            addEvent (x, rate, at, 0.5 * beat, 0.35, bass (offset == 0.0 ? 55.0 : 110.0));
            addEvent (x, rate, at, 0.4 * beat, 0.3, chord);
        }
    }

    normalisePeak (x, 0.9);
    return spread (std::move (x), numChannels);
}

Channels makeChordProgression (int tonic, bool minor, double seconds, double rate,
                               int numChannels)
{
    // Semitones above the tonic for each chord; the first entry is the bass note.
    const std::vector<std::vector<int>> majorChords { { 0, 0, 4, 7 }, { 5, 5, 9, 12 },
                                                      { 7, 7, 11, 14 }, { 0, 0, 4, 7 } };
    const std::vector<std::vector<int>> minorChords { { 0, 0, 3, 7 }, { 5, 5, 8, 12 },
                                                      { 7, 7, 11, 14 }, { 0, 0, 3, 7 } };
    return makeProgression (tonic, minor ? minorChords : majorChords, seconds, rate, numChannels);
}

Channels makeProgression (int tonic, const std::vector<std::vector<int>>& chords, double seconds,
                          double rate, int numChannels)
{
    const auto chordLength = 1.5;
    const auto base = 48 + tonic;  // the tonic in the octave above C3

    std::vector<float> x (lengthOf (seconds, rate));
    int index = 0;
    for (double t = 0.0; t < seconds; t += chordLength, ++index)
    {
        const auto& chord = chords[(size_t) index % chords.size()];
        for (size_t n = 0; n < chord.size(); ++n)
        {
            const auto hz = midiToHz (base + chord[n] - (n == 0 ? 12 : 0));
            addEvent (x, rate, t, chordLength, n == 0 ? 0.8 : 0.5, [hz] (double s)
                      {
                          double sum = 0.0;
                          for (int h = 1; h <= 6; ++h)
                              sum += std::sin (twoPi * hz * h * s) / h;
                          const auto attack = std::min (1.0, s / 0.01);
                          return attack * std::exp (-s / 1.5) * sum;
                      });
        }
    }

    normalisePeak (x, 0.8);
    return spread (std::move (x), numChannels);
}

Channels makeSinePad (double seconds, double rate, int numChannels)
{
    std::vector<float> x (lengthOf (seconds, rate));
    const double notes[] { midiToHz (57), midiToHz (60), midiToHz (64) };
    for (size_t i = 0; i < x.size(); ++i)
    {
        const auto t = (double) i / rate;
        const auto swell = 0.6 + 0.4 * std::sin (twoPi * 0.1 * t);
        double sum = 0.0;
        for (auto hz : notes)
            sum += std::sin (twoPi * hz * t);
        x[i] = (float) (0.03 * swell * sum);
    }
    return spread (std::move (x), numChannels);
}

MemoryStream::MemoryStream (Channels channels, double sampleRate, int maxBlockSize,
                            std::int64_t failAfterSamples)
    : data (std::move (channels)), rate (sampleRate), maxBlock (maxBlockSize),
      failAfter (failAfterSamples)
{
}

std::int64_t MemoryStream::getLengthInSamples() const
{
    return data.empty() ? 0 : (std::int64_t) data.front().size();
}

Expected<int> MemoryStream::read (float* const* channels, int numSamples)
{
    ++reads;

    if (failAfter >= 0 && position >= failAfter)
        return makeError (Error::Kind::corrupt, "The test stream is damaged at sample "
                                                    + std::to_string (position) + ".");

    auto count = (std::int64_t) std::min (numSamples, maxBlock);
    count = std::min (count, getLengthInSamples() - position);
    if (failAfter >= 0)
        count = std::min (count, failAfter - position);

    for (size_t c = 0; c < data.size(); ++c)
        std::copy_n (data[c].begin() + position, count, channels[c]);

    position += count;
    return (int) count;
}

} // namespace moodboard::testing
