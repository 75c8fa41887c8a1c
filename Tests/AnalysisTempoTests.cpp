#include "Audio/FeatureExtractor.h"
#include "TestSignals.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace moodboard;
using namespace moodboard::testing;

namespace
{
    bool within (double value, double target, double tolerance)
    {
        return std::abs (value - target) <= tolerance * target;
    }

    audio::Features analyse (Channels channels, double rate)
    {
        MemoryStream stream (std::move (channels), rate);
        auto features = audio::FeatureExtractor::analyse (stream);
        REQUIRE (features.has_value());
        return *features;
    }
} // namespace

TEST_CASE ("Tempo of click tracks and drum patterns from 60 to 180 BPM", "[analysis][tempo]")
{

    for (const double rate : { 22050.0, 44100.0, 48000.0, 96000.0 })
    {
        for (int step = 0; step <= 8; ++step)
        {
            const auto bpm = 60.0 + 15.0 * step;

            for (const bool drums : { false, true })
            {
                // Mono and stereo alternate so that both layouts meet every rate.
                const auto numChannels = (step + (drums ? 1 : 0)) % 2 + 1;
                const auto signal = drums ? makeDrumPattern (bpm, 30.0, rate, numChannels)
                                          : makeClickTrack (bpm, 30.0, rate, numChannels);
                const auto features = analyse (signal, rate);

                INFO ((drums ? "drums " : "clicks ") << bpm << " BPM at " << rate << " Hz, "
                      << numChannels << " channel(s): found "
                      << features.tempoBpm.value_or (-1.0) << ", alternative "
                      << features.tempoAlternativeBpm.value_or (-1.0));
                REQUIRE (features.tempoBpm.has_value());
                REQUIRE (features.tempoConfidence.has_value());
                CHECK (*features.tempoConfidence > 0.2);
                CHECK (*features.tempoConfidence <= 1.0);

                // Kick and snare alternating at 180 BPM are as much a half-time 90 BPM with the
                // snare on the off-beat; there the other reading must be the alternative. Every
                // other tempo, including the ones reached only by doubling, must be exact.
                const auto isExact = within (*features.tempoBpm, bpm, 0.02);
                const auto isAlternative = features.tempoAlternativeBpm
                                           && within (*features.tempoAlternativeBpm, bpm, 0.02);
                if (drums && bpm == 180.0)
                    CHECK ((isExact || isAlternative));
                else
                    CHECK (isExact);
            }
        }
    }
}

TEST_CASE ("Tempo of drums over sustained chords", "[analysis][tempo]")
{
    // Chords fill the bands the snare would stand out in, which makes the backbeat weaker.
    int exact = 0;
    for (const double bpm : { 128.0, 136.0, 144.0, 152.0 })
    {
        auto mix = makeChordProgression (0, false, 20.0, 44100.0, 2);
        const auto drums = makeDrumPattern (bpm, 20.0, 44100.0, 2);
        for (size_t c = 0; c < mix.size(); ++c)
            for (size_t i = 0; i < mix[c].size(); ++i)
                mix[c][i] = 0.4f * mix[c][i] + 0.5f * drums[c][i];

        const auto features = analyse (mix, 44100.0);
        INFO (bpm << " BPM: found " << features.tempoBpm.value_or (-1.0) << ", alternative "
                  << features.tempoAlternativeBpm.value_or (-1.0));
        REQUIRE (features.tempoBpm.has_value());
        const auto isExact = within (*features.tempoBpm, bpm, 0.02);
        CHECK ((isExact || (features.tempoAlternativeBpm
                            && within (*features.tempoAlternativeBpm, bpm, 0.02))));
        exact += isExact ? 1 : 0;
        CHECK (features.key == 0);
    }
    CHECK (exact >= 3);
}

TEST_CASE ("Tempo is precise to well within 2 % on a long drum pattern", "[analysis][tempo]")
{
    const auto features = analyse (makeDrumPattern (128.0, 90.0, 44100.0, 2), 44100.0);
    REQUIRE (features.tempoBpm.has_value());
    CHECK (*features.tempoBpm == Approx (128.0).epsilon (0.01));
}

TEST_CASE ("Audio without a pulse has no tempo", "[analysis][tempo]")
{
    SECTION ("white noise")
    {
        const auto features = analyse (makeWhiteNoise (-6.0, 20.0, 44100.0, 2), 44100.0);
        CHECK_FALSE (features.tempoBpm.has_value());
        CHECK_FALSE (features.tempoConfidence.has_value());
    }

    SECTION ("a sustained tone")
    {
        const auto features = analyse (makeSine (440.0, 0.5, 20.0, 44100.0), 44100.0);
        CHECK_FALSE (features.tempoBpm.has_value());
    }

    SECTION ("a slowly swelling pad")
    {
        const auto features = analyse (makeSinePad (30.0, 48000.0), 48000.0);
        CHECK_FALSE (features.tempoBpm.has_value());
    }

    SECTION ("a clip too short to show a beat")
    {
        const auto features = analyse (makeClickTrack (120.0, 2.0, 44100.0), 44100.0);
        CHECK_FALSE (features.tempoBpm.has_value());
    }
}
