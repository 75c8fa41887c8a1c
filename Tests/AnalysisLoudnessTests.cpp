#include "Audio/FeatureExtractor.h"
#include "Audio/LoudnessMeter.h"
#include "TestSignals.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace moodboard;
using namespace moodboard::testing;

namespace
{
    audio::Features analyse (Channels channels, double rate)
    {
        MemoryStream stream (std::move (channels), rate);
        auto features = audio::FeatureExtractor::analyse (stream);
        REQUIRE (features.has_value());
        return *features;
    }

    /** The meter fed directly, for layouts and gating. */
    audio::LoudnessMeter meter (const Channels& channels, double rate)
    {
        audio::LoudnessMeter result (rate, (int) channels.size());
        std::vector<const float*> pointers;
        for (auto& c : channels)
            pointers.push_back (c.data());
        result.process (pointers.data(), (int) channels.front().size());
        return result;
    }

    const double minus20dB = std::pow (10.0, -20.0 / 20.0);
} // namespace

TEST_CASE ("A 1 kHz sine at -20 dBFS reads as BS.1770 says at every rate", "[analysis][loudness]")
{
    for (const double rate : { 8000.0, 22050.0, 44100.0, 48000.0, 96000.0, 192000.0 })
    {
        INFO ("rate " << rate);

        SECTION ("mono at " + std::to_string ((int) rate))
        {
            const auto features = analyse (makeSine (1000.0, minus20dB, 10.0, rate, 1), rate);
            REQUIRE (features.loudnessLufs.has_value());
            CHECK (*features.loudnessLufs == Approx (-23.01).margin (0.1));
            REQUIRE (features.samplePeakDbfs.has_value());
            CHECK (*features.samplePeakDbfs == Approx (-20.0).margin (0.01));
            REQUIRE (features.loudnessRangeLu.has_value());
            CHECK (*features.loudnessRangeLu < 0.1);
        }

        SECTION ("stereo at " + std::to_string ((int) rate))
        {
            const auto features = analyse (makeSine (1000.0, minus20dB, 10.0, rate, 2), rate);
            REQUIRE (features.loudnessLufs.has_value());
            CHECK (*features.loudnessLufs == Approx (-20.0).margin (0.1));
        }
    }
}

TEST_CASE ("A full-scale sine in one channel reads -3.01 LUFS", "[analysis][loudness]")
{
    auto channels = makeSine (1000.0, 1.0, 5.0, 48000.0, 1);
    const auto m = meter (channels, 48000.0);
    REQUIRE (m.getIntegratedLoudness().has_value());
    CHECK (*m.getIntegratedLoudness() == Approx (-3.01).margin (0.05));
}

TEST_CASE ("Gating ignores silence and quiet passages", "[analysis][loudness]")
{
    SECTION ("silence after the tone leaves the loudness unchanged")
    {
        auto channels = makeSine (1000.0, minus20dB, 10.0, 48000.0, 1);
        channels.front().resize (channels.front().size() * 3, 0.0f);
        const auto features = analyse (channels, 48000.0);
        REQUIRE (features.loudnessLufs.has_value());
        CHECK (*features.loudnessLufs == Approx (-23.01).margin (0.1));
    }

    SECTION ("a passage 30 dB quieter falls under the relative gate")
    {
        auto loud = makeSine (1000.0, minus20dB, 10.0, 48000.0, 1);
        const auto quiet = makeSine (1000.0, minus20dB * 0.0316, 10.0, 48000.0, 1);
        loud.front().insert (loud.front().end(), quiet.front().begin(), quiet.front().end());
        const auto features = analyse (loud, 48000.0);
        REQUIRE (features.loudnessLufs.has_value());
        CHECK (*features.loudnessLufs == Approx (-23.01).margin (0.15));
    }

    SECTION ("audio entirely below -70 LUFS has no loudness")
    {
        const auto features = analyse (makeSine (1000.0, 1.0e-4, 10.0, 44100.0, 2), 44100.0);
        CHECK_FALSE (features.loudnessLufs.has_value());
        CHECK_FALSE (features.isMatchable());
        REQUIRE (features.samplePeakDbfs.has_value());
        CHECK (*features.samplePeakDbfs == Approx (-80.0).margin (0.01));
    }
}

TEST_CASE ("Loudness range of a 10 LU step", "[analysis][loudness]")
{
    // EBU Tech 3342's first check: 20 s at one level, then 20 s 10 dB quieter, gives 10 LU.
    auto channels = makeSine (1000.0, minus20dB, 20.0, 48000.0, 2);
    const auto quiet = makeSine (1000.0, minus20dB * std::pow (10.0, -0.5), 20.0, 48000.0, 2);
    for (size_t c = 0; c < 2; ++c)
        channels[c].insert (channels[c].end(), quiet[c].begin(), quiet[c].end());

    const auto features = analyse (channels, 48000.0);
    REQUIRE (features.loudnessRangeLu.has_value());
    CHECK (*features.loudnessRangeLu == Approx (10.0).margin (0.5));
}

TEST_CASE ("Channel weights in 5.1", "[analysis][loudness]")
{
    const auto rate = 48000.0;
    const auto tone = makeSine (1000.0, minus20dB, 5.0, rate, 1).front();
    const std::vector<float> silence (tone.size(), 0.0f);

    SECTION ("a surround channel counts 1.41 times")
    {
        const Channels channels { silence, silence, silence, silence, tone, silence };
        const auto m = meter (channels, rate);
        REQUIRE (m.getIntegratedLoudness().has_value());
        const auto expected = -23.01 + 10.0 * std::log10 (1.41);
        CHECK (*m.getIntegratedLoudness() == Approx (expected).margin (0.1));
    }

    SECTION ("the centre channel counts once")
    {
        const Channels channels { silence, silence, tone, silence, silence, silence };
        const auto m = meter (channels, rate);
        REQUIRE (m.getIntegratedLoudness().has_value());
        CHECK (*m.getIntegratedLoudness() == Approx (-23.01).margin (0.1));
    }

    SECTION ("the LFE channel is left out")
    {
        const Channels channels { silence, silence, silence, tone, silence, silence };
        const auto m = meter (channels, rate);
        CHECK_FALSE (m.getIntegratedLoudness().has_value());
        REQUIRE (m.getSamplePeakDbfs().has_value());
    }
}

TEST_CASE ("Three channels: a pair and a single channel add up", "[analysis][loudness]")
{
    const auto rate = 44100.0;
    const auto tone = makeSine (1000.0, minus20dB, 5.0, rate, 1).front();
    const std::vector<float> silence (tone.size(), 0.0f);

    // Each position on its own reads the same: no channel's filter state leaks into another's.
    for (int position = 0; position < 3; ++position)
    {
        INFO ("tone in channel " << position);
        Channels channels { silence, silence, silence };
        channels[(size_t) position] = tone;
        const auto m = meter (channels, rate);
        REQUIRE (m.getIntegratedLoudness().has_value());
        CHECK (*m.getIntegratedLoudness() == Approx (-23.01).margin (0.1));
        REQUIRE (m.getSamplePeakDbfs().has_value());
        CHECK (*m.getSamplePeakDbfs() == Approx (-20.0).margin (0.01));
    }

    const auto all = meter (Channels { tone, tone, tone }, rate);
    REQUIRE (all.getIntegratedLoudness().has_value());
    CHECK (*all.getIntegratedLoudness() == Approx (-23.01 + 10.0 * std::log10 (3.0)).margin (0.1));
}
