#include "Mood/MoodLexicon.h"
#include "Mood/MoodTokeniser.h"

#include <catch2/catch.hpp>

using namespace moodboard::mood;

TEST_CASE ("The built-in lexicon is large and every entry is in range", "[mood]")
{
    const auto loaded = MoodLexicon::fromJson (moodboard::resources::moodLexiconJson());
    REQUIRE (loaded.has_value());
    const auto& entries = (*loaded)->getEntries();
    CHECK (entries.size() >= 400);

    for (const auto& e : entries)
    {
        INFO (e.phrase);
        CHECK_FALSE (e.phrase.empty());
        CHECK (e.point.valence >= 0.0);
        CHECK (e.point.valence <= 1.0);
        CHECK (e.point.energy >= 0.0);
        CHECK (e.point.energy <= 1.0);
        if (e.tempoBpm)
        {
            CHECK (e.tempoBpm->min >= 20.0);
            CHECK (e.tempoBpm->min <= e.tempoBpm->max);
            CHECK (e.tempoBpm->max <= 300.0);
        }
        CHECK (e.danceability.value_or (0.5) >= 0.0);
        CHECK (e.danceability.value_or (0.5) <= 1.0);
        CHECK (e.acousticness.value_or (0.5) >= 0.0);
        CHECK (e.acousticness.value_or (0.5) <= 1.0);
    }
}

TEST_CASE ("The lexicon covers the everyday words it must", "[mood]")
{
    const auto lexicon = MoodLexicon::builtIn();
    for (auto word : { "sleepy", "tired", "relaxing", "calm", "chill", "upbeat", "wake me up",
                       "energetic", "pumped", "happy", "sad", "heartbroken", "angry", "furious",
                       "anxious", "cosy", "spooky", "nostalgic", "romantic", "melancholic",
                       "dreamy", "study", "focus", "coding", "reading", "workout", "running",
                       "party", "dinner", "commute", "cleaning", "meditation", "sleep", "yoga",
                       "road trip", "rainy morning", "beach", "festival", "sunday morning",
                       "late night", "hype", "lit", "vibey", "banger", "chill vibes" })
    {
        INFO (word);
        CHECK (lexicon->findEntry (word) != nullptr);
    }
}

TEST_CASE ("A broken lexicon is refused with a message", "[mood]")
{
    CHECK_FALSE (MoodLexicon::fromJson ("{").has_value());
    CHECK_FALSE (MoodLexicon::fromJson ("{}").has_value());
    const auto outOfRange =
        MoodLexicon::fromJson (R"({"entries": {"odd": {"v": 1.5, "e": 0.2, "kind": "feeling"}}})");
    REQUIRE_FALSE (outOfRange.has_value());
    CHECK (outOfRange.error().find ("odd") != std::string::npos);
}

TEST_CASE ("The tokeniser expands contractions and keeps breaks", "[mood]")
{
    const auto words = [] (std::string_view text) { return normaliseMoodPhrase (text); };
    CHECK (words ("I’m sleepy") == "i am sleepy");
    CHECK (words ("don't") == "do not");
    CHECK (words ("can’t sleep") == "can not sleep");
    CHECK (words ("feel-good") == "feel good");
    CHECK (words ("Valentine's day") == "valentine day");

    const auto tokens = tokeniseMoodText ("SO tired, 120bpm!");
    REQUIRE (tokens.size() == 6);
    CHECK (tokens[0].allCaps);
    CHECK (tokens[2].kind == MoodToken::Kind::comma);
    CHECK (tokens[3].kind == MoodToken::Kind::number);
    CHECK (tokens[3].number == 120.0);
    CHECK (tokens[4].text == "bpm");
    CHECK (tokens[5].exclaimed);
}
