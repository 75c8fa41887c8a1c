#include "Audio/FeatureExtractor.h"
#include "TestSignals.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace moodboard;
using namespace moodboard::testing;

namespace
{
    audio::Features analyse (Channels channels, double rate, int maxBlock = 1 << 30)
    {
        MemoryStream stream (std::move (channels), rate, maxBlock);
        auto features = audio::FeatureExtractor::analyse (stream);
        REQUIRE (features.has_value());
        return *features;
    }

    void checkUnitRange (const std::optional<double>& value)
    {
        if (value)
        {
            CHECK (std::isfinite (*value));
            CHECK (*value >= 0.0);
            CHECK (*value <= 1.0);
        }
    }

    void checkAllUnitValues (const audio::Features& f)
    {
        for (const auto* value : { &f.tempoConfidence, &f.keyConfidence, &f.brightness, &f.energy,
                                   &f.danceability, &f.acousticness, &f.valence })
            checkUnitRange (*value);
    }

    /** Sets a cancel flag after a number of reads, as a user pressing Stop would. */
    class CancellingStream final : public audio::AudioStream
    {
    public:
        CancellingStream (MemoryStream& s, std::atomic<bool>& flag, int after)
            : inner (s), cancel (flag), readsBeforeCancel (after) {}

        double getSampleRate() const override { return inner.getSampleRate(); }
        int getNumChannels() const override { return inner.getNumChannels(); }
        std::int64_t getLengthInSamples() const override { return inner.getLengthInSamples(); }

        Expected<int> read (float* const* channels, int numSamples) override
        {
            if (inner.getReadCount() + 1 >= readsBeforeCancel)
                cancel = true;
            return inner.read (channels, numSamples);
        }

    private:
        MemoryStream& inner;
        std::atomic<bool>& cancel;
        int readsBeforeCancel;
    };
} // namespace

TEST_CASE ("Silence has no loudness, tempo or key", "[analysis][robustness]")
{
    const auto features = analyse (makeSilence (20.0, 44100.0, 2), 44100.0);
    CHECK (features.durationSeconds == Approx (20.0));
    CHECK_FALSE (features.loudnessLufs.has_value());
    CHECK_FALSE (features.samplePeakDbfs.has_value());
    CHECK_FALSE (features.tempoBpm.has_value());
    CHECK_FALSE (features.key.has_value());
    REQUIRE (features.energy.has_value());
    CHECK (*features.energy < 0.01);
    CHECK_FALSE (features.isMatchable());
}

TEST_CASE ("Quiet white noise: no tempo, no key, little energy", "[analysis][robustness]")
{
    const auto features = analyse (makeWhiteNoise (-50.0, 20.0, 44100.0, 2), 44100.0);
    CHECK_FALSE (features.tempoBpm.has_value());
    CHECK_FALSE (features.key.has_value());
    REQUIRE (features.energy.has_value());
    CHECK (*features.energy < 0.1);
    REQUIRE (features.acousticness.has_value());
    CHECK (*features.acousticness < 0.3);
    checkAllUnitValues (features);
}

TEST_CASE ("Loud fast drums beat a quiet slow pad on energy and danceability",
           "[analysis][robustness]")
{
    const auto drums = analyse (makeDrumPattern (128.0, 30.0, 44100.0, 2, 0.95), 44100.0);
    const auto pad = analyse (makeSinePad (30.0, 44100.0, 2), 44100.0);

    REQUIRE (drums.isMatchable());
    REQUIRE (pad.isMatchable());
    CHECK (*drums.energy > *pad.energy + 0.2);
    CHECK (*drums.danceability > *pad.danceability + 0.3);
    CHECK (*drums.danceability > 0.6);
    CHECK (*pad.acousticness > *drums.acousticness);
    CHECK (*drums.brightness > *pad.brightness);
    checkAllUnitValues (drums);
    checkAllUnitValues (pad);
}

TEST_CASE ("Very low and very high sample rates", "[analysis][robustness]")
{
    for (const double rate : { 8000.0, 192000.0 })
    {
        SECTION ("drums at " + std::to_string ((int) rate) + " Hz")
        {
            const auto features = analyse (makeDrumPattern (120.0, 20.0, rate, 2), rate);
            CHECK (features.durationSeconds == Approx (20.0).margin (0.001));
            REQUIRE (features.tempoBpm.has_value());
            CHECK (*features.tempoBpm == Approx (120.0).epsilon (0.02));
            checkAllUnitValues (features);
        }

        SECTION ("chords at " + std::to_string ((int) rate) + " Hz")
        {
            const auto features = analyse (makeChordProgression (2, false, 18.0, rate), rate);
            REQUIRE (features.key.has_value());
            CHECK (*features.key == 2);
            CHECK (features.mode == 1);
        }
    }
}

TEST_CASE ("Block sizes do not change the result", "[analysis][robustness]")
{
    const auto signal = makeDrumPattern (100.0, 12.0, 44100.0, 2);
    const auto whole = analyse (signal, 44100.0);
    const auto odd = analyse (signal, 44100.0, 777);

    REQUIRE (whole.loudnessLufs.has_value());
    REQUIRE (odd.loudnessLufs.has_value());
    CHECK (*odd.loudnessLufs == Approx (*whole.loudnessLufs).margin (1.0e-6));
    REQUIRE (odd.tempoBpm.has_value());
    CHECK (*odd.tempoBpm == Approx (*whole.tempoBpm).margin (1.0e-6));
    CHECK (*odd.energy == Approx (*whole.energy).margin (1.0e-6));
}

TEST_CASE ("Damaged samples and odd layouts", "[analysis][robustness]")
{
    SECTION ("NaN and infinity are read as silence")
    {
        auto signal = makeSine (1000.0, 0.1, 5.0, 44100.0, 2);
        signal[0][1000] = std::numeric_limits<float>::quiet_NaN();
        signal[1][2000] = std::numeric_limits<float>::infinity();
        const auto features = analyse (signal, 44100.0);
        REQUIRE (features.loudnessLufs.has_value());
        CHECK (*features.loudnessLufs == Approx (-20.0).margin (0.1));
        checkAllUnitValues (features);
    }

    SECTION ("absurdly large samples are read as silence too")
    {
        // Finite but 80 dB and more above full scale: 1e38 overflows single-precision sums,
        // 1e18 their squares. The result must be the same as with those samples zeroed.
        const auto rate = 44100.0;
        auto clean = makeClickTrack (123.0, 20.0, rate, 2);
        auto damaged = clean;
        for (int i = 0; i < 10; ++i)
            damaged[0][(size_t) (100000 + 977 * i)] = 1.0e38f;
        for (size_t i = 300000; i < 304410; ++i)
            damaged[1][i] = 1.0e18f;
        for (size_t i = 300000; i < 304410; ++i)
            clean[1][i] = 0.0f;
        for (int i = 0; i < 10; ++i)
            clean[0][(size_t) (100000 + 977 * i)] = 0.0f;

        const auto expected = analyse (clean, rate), got = analyse (damaged, rate);
        REQUIRE (got.tempoBpm.has_value());
        CHECK (*got.tempoBpm == Approx (123.0).epsilon (0.01));
        REQUIRE (got.loudnessLufs.has_value());
        CHECK (*got.loudnessLufs == Approx (*expected.loudnessLufs).margin (1.0e-9));
        CHECK (got.samplePeakDbfs == expected.samplePeakDbfs);
        REQUIRE (got.spectralCentroidHz.has_value());
        CHECK (*got.spectralCentroidHz == Approx (*expected.spectralCentroidHz).epsilon (1.0e-9));
        checkAllUnitValues (got);
    }

    SECTION ("an empty stream")
    {
        const auto features = analyse (makeSilence (0.0, 44100.0, 1), 44100.0);
        CHECK (features.durationSeconds == 0.0);
        CHECK_FALSE (features.loudnessLufs.has_value());
        CHECK_FALSE (features.isMatchable());
    }

    SECTION ("eight channels")
    {
        const auto features = analyse (makeSine (1000.0, 0.1, 5.0, 48000.0, 8), 48000.0);
        REQUIRE (features.loudnessLufs.has_value());
        CHECK (*features.loudnessLufs == Approx (-23.01 + 10.0 * std::log10 (8.0)).margin (0.1));
    }

    SECTION ("no channels or an impossible rate are refused")
    {
        MemoryStream none (Channels {}, 44100.0);
        const auto noChannels = audio::FeatureExtractor::analyse (none);
        REQUIRE_FALSE (noChannels.has_value());
        CHECK (noChannels.error().kind == Error::Kind::unsupported);

        MemoryStream zeroRate (makeSilence (1.0, 44100.0), 0.0);
        const auto badRate = audio::FeatureExtractor::analyse (zeroRate);
        REQUIRE_FALSE (badRate.has_value());
        CHECK (badRate.error().kind == Error::Kind::unsupported);
    }
}

TEST_CASE ("A read error part-way through is passed on", "[analysis][robustness]")
{
    MemoryStream stream (makeDrumPattern (120.0, 10.0, 44100.0, 2), 44100.0, 1 << 30, 100000);
    const auto result = audio::FeatureExtractor::analyse (stream);
    REQUIRE_FALSE (result.has_value());
    CHECK (result.error().kind == Error::Kind::corrupt);
    CHECK (result.error().message.find ("damaged at sample 100000") != std::string::npos);
}

TEST_CASE ("Cancellation stops the analysis", "[analysis][robustness]")
{
    SECTION ("before the first block")
    {
        std::atomic<bool> cancel { true };
        MemoryStream stream (makeDrumPattern (120.0, 10.0, 44100.0, 2), 44100.0);
        const auto result = audio::FeatureExtractor::analyse (stream, &cancel);
        REQUIRE_FALSE (result.has_value());
        CHECK (result.error().kind == Error::Kind::cancelled);
        CHECK (stream.getReadCount() == 0);
    }

    SECTION ("while reading")
    {
        std::atomic<bool> cancel { false };
        MemoryStream inner (makeDrumPattern (120.0, 30.0, 44100.0, 2), 44100.0);
        CancellingStream stream (inner, cancel, 5);
        const auto result = audio::FeatureExtractor::analyse (stream, &cancel);
        REQUIRE_FALSE (result.has_value());
        CHECK (result.error().kind == Error::Kind::cancelled);
        CHECK (inner.getReadCount() == 5);
    }
}
