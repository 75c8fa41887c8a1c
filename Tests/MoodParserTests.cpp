#include "Mood/MoodParser.h"

#include <catch2/catch.hpp>

using moodboard::mood::Arc;
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

TEST_CASE ("A feeling and a wish that agree give a steady calm target", "[mood]")
{
    const auto t = parse ("I'm sleepy and need something relaxing");
    CHECK (t.end.energy < 0.3);
    CHECK (t.arc == Arc::steady);
    CHECK_FALSE (t.start.has_value());
    CHECK (t.confidence > 0.8);
    CHECK (t.explanation.find ("sleepy") != std::string::npos);
    CHECK (t.explanation.find ("steady") != std::string::npos);
}

TEST_CASE ("Wake-up requests are bright and high in energy", "[mood]")
{
    const auto t = parse ("something upbeat to wake me up");
    CHECK (t.end.energy > 0.7);
    CHECK (t.end.valence > 0.65);
    CHECK (t.arc == Arc::steady);
    REQUIRE (t.tempoBpm.has_value());
    CHECK (t.tempoBpm->min >= 100.0);
}

TEST_CASE ("A low state with a lifting wish rises", "[mood]")
{
    const auto t = parse ("I'm sad, cheer me up");
    REQUIRE (t.start.has_value());
    CHECK (t.start->valence < 0.35);
    CHECK (t.end.valence > 0.6);
    CHECK (t.arc == Arc::rising);
    CHECK (t.pointAt (0.0).valence == Approx (t.start->valence));
    CHECK (t.pointAt (1.0).valence == Approx (t.end.valence));
    CHECK (t.pointAt (0.5).valence > t.start->valence);
}

TEST_CASE ("Having to work while sleepy ends more awake", "[mood]")
{
    const auto t = parse ("I'm sleepy but have to finish my work");
    REQUIRE (t.start.has_value());
    CHECK (t.start->energy < 0.25);
    CHECK (t.end.energy > t.start->energy + 0.25);
    CHECK (t.arc == Arc::rising);
}

TEST_CASE ("Calming down from fury falls", "[mood]")
{
    const auto t = parse ("calm me down, I'm furious");
    REQUIRE (t.start.has_value());
    CHECK (t.start->energy > 0.75);
    CHECK (t.start->valence < 0.3);
    CHECK (t.end.energy < 0.3);
    CHECK (t.arc == Arc::falling);
}

TEST_CASE ("Wallowing stays sad", "[mood]")
{
    const auto t = parse ("I just want to wallow");
    CHECK (t.end.valence < 0.3);
    CHECK (t.arc == Arc::steady);
}

TEST_CASE ("A state alone is matched and steady", "[mood]")
{
    const auto happy = parse ("I'm happy");
    CHECK (happy.end.valence > 0.7);
    CHECK (happy.arc == Arc::steady);
    CHECK (happy.explanation.find ("You feel happy") == 0);

    const auto angry = parse ("I feel angry");
    CHECK (angry.end.valence < 0.3);
    CHECK (angry.end.energy > 0.7);
}

TEST_CASE ("Everyday words land in the right quarter", "[mood]")
{
    SECTION ("calm words")
    {
        for (auto text : { "calm", "chill vibes", "cosy", "meditation", "dreamy",
                           "sunday morning" })
        {
            INFO (text);
            CHECK (parse (text).end.energy < 0.4);
        }
    }
    SECTION ("energetic words")
    {
        for (auto text : { "workout", "pumped", "party", "hype", "lit", "banger", "running" })
        {
            INFO (text);
            CHECK (parse (text).end.energy > 0.75);
        }
    }
    SECTION ("sad words")
    {
        for (auto text : { "heartbroken", "melancholic", "sad", "lonely", "grieving" })
        {
            INFO (text);
            CHECK (parse (text).end.valence < 0.35);
        }
    }
    SECTION ("activities set extras")
    {
        CHECK (parse ("music for studying").instrumental == true);
        CHECK (parse ("party").danceability.value_or (0.0) > 0.7);
        CHECK (parse ("rainy morning").acousticness.value_or (0.0) > 0.5);
        CHECK (parse ("workout").tempoBpm.has_value());
    }
}

TEST_CASE ("Multi-word phrases win over their words", "[mood]")
{
    // "wake me up" is a wish; "down" alone would be sad.
    CHECK (parse ("calm down").end.valence > 0.5);
    CHECK (parse ("road trip").end.valence > 0.7);
    CHECK (parse ("late night").end.energy < 0.4);
}

TEST_CASE ("Simple inflections find their lexicon word", "[mood]")
{
    const auto relax = parse ("relax");
    for (auto text : { "relaxed", "relaxing", "relaxes" })
    {
        INFO (text);
        CHECK (parse (text).end.energy == Approx (relax.end.energy).margin (0.08));
    }
    CHECK (parse ("chilling").end.energy < 0.4);
    CHECK (parse ("happier").end.valence > 0.7);
}

TEST_CASE ("Empty and absurd input never crash and give a neutral, unsure target", "[mood]")
{
    for (std::string text : { std::string(), std::string ("   "),
                              std::string ("asdf qwerty zxcv"),
                              std::string (100000, 'a'), std::string ("\xff\xfe\x80 \xe2\x80"),
                              std::string ("!!!???,,,..."), std::string ("\0\0\0", 3),
                              std::string ("99999999999999999999999999 songs") })
    {
        const auto t = parse (text);
        CHECK (t.end.valence == Approx (0.5));
        CHECK (t.end.energy == Approx (0.5));
        CHECK (t.confidence < 0.35);
        CHECK (t.count >= 1);
        CHECK_FALSE (t.explanation.empty());
    }
    const auto nonsense = parse ("blorp fizzwack");
    CHECK (nonsense.confidence < 0.3);
    CHECK (nonsense.explanation.find ("try") != std::string::npos);
}

TEST_CASE ("Confidence follows how much was understood", "[mood]")
{
    const auto clear = parse ("I feel happy");
    const auto partly = parse ("happy zorbly quandle flimp wibble");
    CHECK (clear.confidence > partly.confidence);
    CHECK (partly.confidence >= 0.3);
    CHECK (clear.confidence <= 1.0);
}
