#include "Audio/FeatureExtractor.h"
#include "TestSignals.h"

#include <catch2/catch.hpp>

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
} // namespace

TEST_CASE ("Key and mode of chord progressions in every key", "[analysis][key]")
{
    int right = 0, cases = 0;

    for (int tonic = 0; tonic < 12; ++tonic)
    {
        for (const bool minor : { false, true })
        {
            // Alternate rates and layouts; the key must not depend on either.
            const auto rate = tonic % 2 == 0 ? 44100.0 : 48000.0;
            const auto signal = makeChordProgression (tonic, minor, 24.0, rate, minor ? 2 : 1);
            const auto features = analyse (signal, rate);

            INFO (audio::pitchClassName (tonic) << (minor ? " minor" : " major") << ": found "
                  << audio::keyName (features));
            REQUIRE (features.key.has_value());
            REQUIRE (features.mode.has_value());
            CHECK (*features.key == tonic);
            CHECK (*features.mode == (minor ? 0 : 1));
            REQUIRE (features.keyConfidence.has_value());
            CHECK (*features.keyConfidence > 0.3);
            CHECK (*features.keyConfidence <= 1.0);

            ++cases;
            right += *features.key == tonic && *features.mode == (minor ? 0 : 1) ? 1 : 0;
        }
    }

    CHECK (right == cases);
}

TEST_CASE ("Natural-minor progressions of popular music are heard in their minor key",
           "[analysis][key]")
{
    // Natural minor with a minor v (i-v-bVI-bVII) has no leading tone at all, and the flat
    // seventh's chord sounds as long as the tonic's: a profile of notes read it as the relative
    // major. The Andalusian i-bVII-bVI-V and the Aeolian cadence i-bVI-bVII-i must stay minor.
    struct Progression
    {
        const char* name;
        std::vector<std::vector<int>> chords;
    };
    const std::vector<Progression> progressions {
        { "i-v-bVI-bVII",
          { { 0, 0, 3, 7 }, { 7, 7, 10, 14 }, { 8, 8, 12, 15 }, { 10, 10, 14, 17 } } },
        { "i-bVII-bVI-V",
          { { 0, 0, 3, 7 }, { 10, 10, 14, 17 }, { 8, 8, 12, 15 }, { 7, 7, 11, 14 } } },
        { "i-bVI-bVII-i",
          { { 0, 0, 3, 7 }, { 8, 8, 12, 15 }, { 10, 10, 14, 17 }, { 0, 0, 3, 7 } } },
    };
    for (int tonic = 0; tonic < 12; ++tonic)
    {
        for (const auto& progression : progressions)
        {
            const auto features = analyse (makeProgression (tonic, progression.chords, 24.0,
                                                            44100.0),
                                           44100.0);
            INFO (audio::pitchClassName (tonic) << " minor, " << progression.name << ": found "
                  << audio::keyName (features));
            REQUIRE (features.key.has_value());
            REQUIRE (features.mode.has_value());
            CHECK (*features.key == tonic);
            CHECK (*features.mode == 0);
        }
    }
}

TEST_CASE ("Key names follow Spotify's pitch classes", "[analysis][key]")
{
    audio::Features features;
    CHECK (audio::keyName (features).empty());

    features.key = 9;
    features.mode = 0;
    CHECK (audio::keyName (features) == "A minor");

    features.key = 1;
    features.mode = 1;
    CHECK (audio::keyName (features) == "C# major");

    CHECK (audio::pitchClassName (0) == "C");
    CHECK (audio::pitchClassName (11) == "B");
    CHECK (audio::pitchClassName (12).empty());
    CHECK (audio::pitchClassName (-1).empty());
}

TEST_CASE ("Atonal audio has no key", "[analysis][key]")
{
    SECTION ("white noise")
    {
        const auto features = analyse (makeWhiteNoise (-10.0, 20.0, 44100.0), 44100.0);
        CHECK_FALSE (features.key.has_value());
        CHECK_FALSE (features.mode.has_value());
        CHECK_FALSE (features.keyConfidence.has_value());
    }

    SECTION ("a single held tone")
    {
        const auto features = analyse (makeSine (1000.0, 0.3, 20.0, 44100.0), 44100.0);
        CHECK_FALSE (features.key.has_value());
    }

    SECTION ("a drum pattern")
    {
        const auto features = analyse (makeDrumPattern (120.0, 20.0, 44100.0), 44100.0);
        CHECK_FALSE (features.key.has_value());
    }
}
