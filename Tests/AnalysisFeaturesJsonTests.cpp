#include "Audio/FeatureExtractor.h"
#include "TestSignals.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace moodboard;
using namespace moodboard::testing;

namespace
{
    void checkSame (const audio::Features& a, const audio::Features& b)
    {
        CHECK (a.durationSeconds == b.durationSeconds);
        CHECK (a.tempoBpm == b.tempoBpm);
        CHECK (a.tempoConfidence == b.tempoConfidence);
        CHECK (a.tempoAlternativeBpm == b.tempoAlternativeBpm);
        CHECK (a.loudnessLufs == b.loudnessLufs);
        CHECK (a.loudnessRangeLu == b.loudnessRangeLu);
        CHECK (a.samplePeakDbfs == b.samplePeakDbfs);
        CHECK (a.key == b.key);
        CHECK (a.mode == b.mode);
        CHECK (a.keyConfidence == b.keyConfidence);
        CHECK (a.brightness == b.brightness);
        CHECK (a.spectralCentroidHz == b.spectralCentroidHz);
        CHECK (a.energy == b.energy);
        CHECK (a.danceability == b.danceability);
        CHECK (a.acousticness == b.acousticness);
        CHECK (a.valence == b.valence);
    }
} // namespace

TEST_CASE ("Features JSON uses snake_case names and null for unknown", "[analysis][json]")
{
    audio::Features features;
    features.durationSeconds = 12.5;
    features.key = 9;
    features.mode = 0;
    features.energy = 0.25;

    const nlohmann::json j = features;
    CHECK (j.at ("duration_s") == 12.5);
    CHECK (j.at ("key") == 9);
    CHECK (j.at ("mode") == 0);
    CHECK (j.at ("key_name") == "A minor");
    CHECK (j.at ("energy") == 0.25);
    CHECK (j.at ("tempo_bpm").is_null());
    CHECK (j.at ("loudness_lufs").is_null());
    CHECK (j.at ("valence").is_null());
    CHECK (j.size() == 17);
}

TEST_CASE ("Features JSON round-trips exactly through text", "[analysis][json]")
{
    SECTION ("a full analysis")
    {
        MemoryStream stream (makeChordProgression (4, true, 12.0, 44100.0, 2), 44100.0);
        const auto features = audio::FeatureExtractor::analyse (stream);
        REQUIRE (features.has_value());

        const auto text = nlohmann::json (*features).dump();
        const auto back = nlohmann::json::parse (text).get<audio::Features>();
        checkSame (*features, back);
        CHECK (nlohmann::json (back).dump() == text);
    }

    SECTION ("an empty record")
    {
        const audio::Features empty;
        const auto text = nlohmann::json (empty).dump();
        const auto back = nlohmann::json::parse (text).get<audio::Features>();
        checkSame (empty, back);
    }
}
