#include "Mood/MoodParser.h"

#include <catch2/catch.hpp>

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

TEST_CASE ("A negated mood word pushes away from it", "[mood]")
{
    CHECK (parse ("I'm not happy").end.valence < 0.5);
    CHECK (parse ("not sad").end.valence > 0.5);
    CHECK (parse ("nothing loud").end.energy < 0.4);
    CHECK (parse ("don't want anything sad").end.valence > 0.55);
    CHECK (parse ("no sad songs").end.valence > 0.55);
    CHECK (parse ("I'm not tired").end.energy > 0.5);
}

TEST_CASE ("\"Not too\" keeps a little of the word", "[mood]")
{
    const auto t = parse ("not too sad");
    CHECK (t.end.valence >= 0.4);
    CHECK (t.end.valence < 0.5);
}

TEST_CASE ("Curly and straight apostrophes read the same", "[mood]")
{
    const auto pairs = {
        std::pair { "I'm not happy", "I\u2019m not happy" },
        std::pair { "don't want anything sad", "don\u2019t want anything sad" },
        std::pair { "it isn't a party", "it isn\u2019t a party" },
        std::pair { "I'm sad, cheer me up", "I\u2018m sad, cheer me up" },
    };
    for (const auto& [straight, curly] : pairs)
    {
        INFO (straight);
        const auto a = parse (straight);
        const auto b = parse (curly);
        CHECK (a.end.valence == Approx (b.end.valence));
        CHECK (a.end.energy == Approx (b.end.energy));
        CHECK (a.arc == b.arc);
        CHECK (a.explanation == b.explanation);
    }
    CHECK (parse ("im not happy").end.valence == Approx (parse ("I'm not happy").end.valence));
    CHECK (parse ("dont want anything sad").end.valence > 0.55);
}

TEST_CASE ("Negation stops at but, commas and clause edges", "[mood]")
{
    SECTION ("but")
    {
        const auto t = parse ("I'm not sad but happy");
        CHECK (t.end.valence > 0.65);
    }
    SECTION ("comma")
    {
        const auto t = parse ("nothing slow, upbeat please");
        CHECK (t.end.energy > 0.65);
    }
    SECTION ("sentence end")
    {
        const auto t = parse ("Not angry. Just happy");
        CHECK (t.end.valence > 0.65);
    }
    SECTION ("a new wish after a negated word")
    {
        const auto t = parse ("I'm not sad and need something energetic");
        CHECK (t.end.energy > 0.7);
    }
}

TEST_CASE ("Intensity words, capitals and exclamation marks strengthen", "[mood]")
{
    const auto plain = parse ("happy");
    const auto very = parse ("very very happy");
    const auto caps = parse ("HAPPY!!!");
    const auto bit = parse ("a bit happy");
    CHECK (very.end.valence > plain.end.valence);
    CHECK (very.end.valence < 1.0);
    CHECK (caps.end.valence > plain.end.valence);
    CHECK (bit.end.valence < plain.end.valence);
    CHECK (bit.end.valence > 0.5);

    CHECK (parse ("a bit down").end.valence > parse ("down").end.valence);
    CHECK (parse ("super relaxed").end.energy < parse ("relaxed").end.energy);
    CHECK (parse ("slightly sad").end.valence > parse ("extremely sad").end.valence);
    CHECK (parse ("tired af").end.energy < parse ("tired").end.energy);
    CHECK (parse ("soooo sleepy").end.energy < parse ("sleepy").end.energy);
}
