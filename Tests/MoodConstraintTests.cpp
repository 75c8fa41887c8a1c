#include "Mood/MoodParser.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

using moodboard::mood::MoodParser;
using moodboard::mood::MoodTarget;

namespace
{
MoodTarget parse (std::string_view text)
{
    static const MoodParser parser;
    return parser.parse (text);
}
} // namespace

TEST_CASE ("Track counts in digits and words", "[mood]")
{
    CHECK (parse ("10 songs").count == 10);
    CHECK (parse ("ten tracks").count == 10);
    CHECK (parse ("twenty five upbeat tunes").count == 25);
    CHECK (parse ("a dozen").count == 12);
    CHECK (parse ("half a dozen chill songs").count == 6);
    CHECK (parse ("happy").count == 12);
    CHECK (parse ("100000 songs").count <= 500);
}

TEST_CASE ("Durations set the length and an estimated count", "[mood]")
{
    const auto check = [] (std::string_view text, double seconds)
    {
        INFO (text);
        const auto t = parse (text);
        REQUIRE (t.durationSeconds.has_value());
        CHECK (*t.durationSeconds == Approx (seconds));
        CHECK (t.count == static_cast<int> (std::lround (seconds / 210.0)));
    };
    check ("45 minutes of focus", 2700.0);
    check ("an hour", 3600.0);
    check ("1.5 hours of chill", 5400.0);
    check ("half an hour", 1800.0);
    check ("an hour and a half", 5400.0);
    check ("90 min", 5400.0);
    check ("a 20-minute run", 1200.0);

    const auto both = parse ("15 songs for an hour");
    CHECK (both.count == 15);
    CHECK (both.durationSeconds.value_or (0.0) == Approx (3600.0));
    CHECK_FALSE (parse ("sad").durationSeconds.has_value());
}

TEST_CASE ("Tempo requests", "[mood]")
{
    const auto around = parse ("around 120 bpm");
    REQUIRE (around.tempoBpm.has_value());
    CHECK (around.tempoBpm->min < 120.0);
    CHECK (around.tempoBpm->max > 120.0);
    CHECK (around.tempoBpm->max - around.tempoBpm->min <= 30.0);

    const auto range = parse ("between 90 and 110 bpm");
    REQUIRE (range.tempoBpm.has_value());
    CHECK (range.tempoBpm->min == Approx (90.0));
    CHECK (range.tempoBpm->max == Approx (110.0));

    const auto dash = parse ("90-110 bpm");
    REQUIRE (dash.tempoBpm.has_value());
    CHECK (dash.tempoBpm->max == Approx (110.0));

    const auto under = parse ("under 100 bpm");
    REQUIRE (under.tempoBpm.has_value());
    CHECK (under.tempoBpm->max == Approx (100.0));

    const auto slow = parse ("slow");
    REQUIRE (slow.tempoBpm.has_value());
    CHECK (slow.tempoBpm->max <= 100.0);
    const auto fast = parse ("fast");
    REQUIRE (fast.tempoBpm.has_value());
    CHECK (fast.tempoBpm->min >= 110.0);

    CHECK_FALSE (parse ("5000 bpm").tempoBpm.has_value());
}

TEST_CASE ("Vocals and instrumentals", "[mood]")
{
    CHECK (parse ("no lyrics").instrumental == true);
    CHECK (parse ("instrumental jazz").instrumental == true);
    CHECK (parse ("without vocals please").instrumental == true);
    CHECK (parse ("I don't want lyrics").instrumental == true);
    CHECK (parse ("with vocals").instrumental == false);
    CHECK (parse ("upbeat songs with lyrics").instrumental == false);
    CHECK_FALSE (parse ("happy").instrumental.has_value());
}

TEST_CASE ("Exclusions of genres and names", "[mood]")
{
    const auto t = parse ("chill, no metal, not Artist X, without jazz, except country");
    CHECK (t.exclude == std::vector<std::string> { "metal", "artist x", "jazz", "country" });
    CHECK (t.end.energy < 0.4); // refusing metal does not make the playlist metal

    CHECK (parse ("no Taylor Swift or Drake").exclude
           == std::vector<std::string> { "taylor swift", "drake" });
    CHECK (parse ("happy").exclude.empty());
}

TEST_CASE ("The JSON shape has exactly the agreed keys", "[mood]")
{
    const std::set<std::string> expected { "valence",      "energy",       "tempo_bpm",
                                           "danceability", "acousticness", "instrumental",
                                           "arc",          "start",        "count",
                                           "duration_s",   "exclude",      "confidence",
                                           "explanation" };
    SECTION ("steady, without constraints")
    {
        const nlohmann::json j = parse ("happy");
        std::set<std::string> keys;
        for (const auto& [key, value] : j.items())
            keys.insert (key);
        CHECK (keys == expected);
        CHECK (j["arc"] == "steady");
        CHECK (j["start"].is_null());
        CHECK (j["tempo_bpm"].is_null());
        CHECK (j["duration_s"].is_null());
        CHECK (j["instrumental"].is_null());
        CHECK (j["exclude"].is_array());
        CHECK (j["count"] == 12);
    }
    SECTION ("an arc with constraints")
    {
        const nlohmann::json j = parse ("I'm sad, cheer me up, 45 minutes, 100-120 bpm, no lyrics");
        CHECK (j["arc"] == "rising");
        CHECK (j["start"]["valence"].is_number());
        CHECK (j["start"]["energy"].is_number());
        CHECK (j["tempo_bpm"]["min"] == 100.0);
        CHECK (j["tempo_bpm"]["max"] == 120.0);
        CHECK (j["duration_s"] == 2700.0);
        CHECK (j["instrumental"] == true);
        CHECK (j["explanation"].is_string());
        CHECK (j["confidence"].get<double>() <= 1.0);
    }
}
