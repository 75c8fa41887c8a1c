#include "Audio/FeatureExtractor.h"
#include "TestSignals.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <random>

using namespace moodboard;
using namespace moodboard::testing;

namespace
{
    constexpr double twoPi = 2.0 * std::numbers::pi;

    /** A straight eighth-note rock groove, mono: kick on beats 1 and 3, snare on 2 and 4, and
        a closed hi-hat and a plucked bass note on every eighth note at the same level on and
        off the beat. The off-beats then carry most of the beats' onset energy, as in most pop
        and rock, without being beats.
    */
    Channels makeEighthNoteGroove (double bpm, double seconds, double rate)
    {
        std::vector<float> x ((size_t) std::llround (seconds * rate));
        std::mt19937 random (11);
        std::uniform_real_distribution<double> uniform (-1.0, 1.0);

        const auto add = [&] (double start, double length, double gain, auto&& shape)
        {
            const auto first = (size_t) std::llround (start * rate);
            const auto count = (size_t) std::llround (length * rate);
            for (size_t i = 0; i < count && first + i < x.size(); ++i)
                x[first + i] += (float) (gain * shape ((double) i / rate));
        };
        const auto kick = [] (double s)
        {
            const auto phase = twoPi * (50.0 * s + 100.0 * 0.03 * (1.0 - std::exp (-s / 0.03)));
            return std::exp (-s / 0.12) * std::sin (phase);
        };
        const auto snare = [&] (double s)
        {
            return std::exp (-s / 0.06) * (0.5 * std::sin (twoPi * 190.0 * s)
                                           + 0.6 * uniform (random));
        };
        double previous = 0.0;
        const auto hat = [&] (double s)
        {
            const auto white = uniform (random);
            const auto bright = white - previous;
            previous = white;
            return std::exp (-s / 0.015) * bright;
        };
        const auto bass = [] (double hz)
        {
            return [hz] (double s)
            {
                return std::exp (-s / 0.08) * (std::sin (twoPi * hz * s)
                                               + 0.5 * std::sin (twoPi * 2.0 * hz * s));
            };
        };

        const auto chord = [] (double s)
        {
            double sum = 0.0;
            for (const auto hz : { 196.0, 246.9, 293.7, 392.0, 493.9, 587.3 })
                sum += std::sin (twoPi * hz * s) + 0.3 * std::sin (twoPi * 3.0 * hz * s);
            return std::exp (-s / 0.1) * sum / 6.0;
        };

        const auto beat = 60.0 / bpm;
        int index = 0;
        for (double t = 0.0; t < seconds; t += beat, ++index)
        {
            if (index % 2 == 0)
                add (t, 0.4, 1.0, kick);
            else
                add (t, 0.25, 0.7, snare);

            // A root on the beat and its octave between, the way a rock bass plays eighths, and
            // a guitar chord struck on every eighth.
            for (const auto offset : { 0.0, 0.5 })
            {
                add (t + offset * beat, 0.08, 0.5, hat);
                add (t + offset * beat, 0.5 * beat, 0.35, bass (offset == 0.0 ? 55.0 : 110.0));
                add (t + offset * beat, 0.4 * beat, 0.3, chord);
            }
        }

        float peak = 0.0f;
        for (const auto v : x)
            peak = std::max (peak, std::abs (v));
        for (auto& v : x)
            v *= 0.9f / peak;
        return { x };
    }
} // namespace

TEST_CASE ("Eighth-note hi-hat, bass and guitar do not double a mid-tempo groove",
           "[analysis][tempo]")
{
    // Between 95 and 120 BPM the double (190-240) lies far out in the prior; off-beats at
    // about half the beats' strength are subdivisions there, not beats.
    for (const double bpm : { 96.0, 104.0, 112.0, 118.0 })
    {
        MemoryStream stream (makeEighthNoteGroove (bpm, 30.0, 44100.0), 44100.0);
        const auto features = audio::FeatureExtractor::analyse (stream);
        REQUIRE (features.has_value());
        INFO (bpm << " BPM: found " << features->tempoBpm.value_or (-1.0) << ", alternative "
                  << features->tempoAlternativeBpm.value_or (-1.0));
        REQUIRE (features->tempoBpm.has_value());
        CHECK (*features->tempoBpm == Approx (bpm).epsilon (0.02));
    }
}
