#include "CliRunner.h"
#include "Mood/MoodConversation.h"
#include "Mood/MoodParser.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>

using namespace moodboard::mood;

namespace
{
const MoodParser& parser()
{
    static const MoodParser instance;
    return instance;
}

std::string binaryBytes()
{
    std::string bytes;
    for (int i = 0; i < 4096; ++i)
        bytes += static_cast<char> ((i * 7919 + 13) % 256);
    return bytes;
}
} // namespace

TEST_CASE ("Empty text asks for a mood", "[mood]")
{
    for (auto text : { "", "   ", "\n\t" })
    {
        const auto t = parser().parse (text);
        CHECK (t.confidence == 0.0);
        CHECK (t.end.valence == Approx (0.5));
        CHECK (t.explanation.starts_with ("There was nothing to read: say how you feel"));
    }
    MoodConversation c;
    const auto reply = c.say ("");
    CHECK (reply.question.has_value());
    CHECK_FALSE (c.current().has_value());
}

TEST_CASE ("100 KB of text is read up to its first 4000 bytes and says so", "[mood]")
{
    std::string text = "I'm so happy ";
    while (text.size() < 100 * 1024)
        text += "xyzzy ";
    const auto t = parser().parse (text);
    CHECK (t.end.valence > 0.7);
    CHECK (t.explanation.find ("Only the first 4000 bytes of the text were read.")
           != std::string::npos);
    // The understood words are a small part of the text read, so the confidence is low.
    CHECK (t.confidence < 0.35);
}

TEST_CASE ("Binary bytes, invalid UTF-8 and control characters give a neutral, unsure target",
           "[mood]")
{
    for (const auto& text : { binaryBytes(),
                              std::string ("\xc3\x28 \xa0\xa1 \xe2\x28\xa1 \xf0\x28"),
                              std::string ("\x01\x02\x03\x7f\x1b[31m"),
                              std::string ("\xf8\x88\x80\x80\x80 \xed\xa0\x80") })
    {
        const auto t = parser().parse (text);
        CHECK (t.end.valence == Approx (0.5));
        CHECK (t.end.energy == Approx (0.5));
        CHECK (t.confidence < 0.3);
        CHECK (t.explanation.find ("try words like") != std::string::npos);
        // Whatever went in, the JSON printed for it is valid UTF-8.
        CHECK_NOTHROW (toOrderedJson (t).dump());
    }
    CHECK (parser().parse (binaryBytes()).explanation.starts_with (
        "That does not look like typed text"));
    // A mood word beside a stray broken byte is still read.
    CHECK (parser().parse ("I feel so sad today \xff").end.valence < 0.3);
}

TEST_CASE ("A word repeated a thousand times counts once", "[mood]")
{
    std::string text = "I'm so happy";
    for (int i = 0; i < 1000; ++i)
        text += " sad";
    const auto t = parser().parse (text);
    const auto once = parser().parse ("I'm so happy sad");
    CHECK (t.end.valence == Approx (once.end.valence));
    CHECK (t.explanation == once.explanation + " Only the first 4000 bytes of the text were read.");
}

TEST_CASE ("Emoji alone: known ones carry their mood, unknown ones get a helpful reply", "[mood]")
{
    CHECK (parser().parse ("😭😭😭").end.valence < 0.3);
    CHECK (parser().parse ("☀️").end.valence > 0.7);
    const auto unknown = parser().parse ("🦄🛸🧦");
    CHECK (unknown.end.valence == Approx (0.5));
    CHECK (unknown.confidence < 0.3);
    CHECK (unknown.explanation.find ("try words like") != std::string::npos);
}

TEST_CASE ("An unknown language gets a helpful reply, never an invented mood", "[mood]")
{
    for (auto text : { "今日はとても悲しいです",
                       "Сегодня мне очень грустно",
                       "oggi sono molto stanco" })
    {
        INFO (text);
        const auto t = parser().parse (text);
        CHECK (t.end.valence == Approx (0.5));
        CHECK (t.end.energy == Approx (0.5));
        CHECK (t.confidence < 0.3);
        CHECK (t.explanation.find ("try words like") != std::string::npos);
    }
}

TEST_CASE ("moodboard mood prints a clear reply for bad input and keys in the agreed order",
           "[mood][cli]")
{
    const auto home = std::filesystem::path (std::getenv ("MOODBOARD_TEST_TMP") != nullptr
                                                 ? std::getenv ("MOODBOARD_TEST_TMP")
                                                 : "/tmp")
                      / "mood-bad-input";
    const auto run = moodboard::testing::runCli (home, { "mood", "\xff\xfe\x01 🦄", "--json" });
    REQUIRE (run.exitCode == 0);
    const auto j = nlohmann::ordered_json::parse (run.output);
    std::vector<std::string> keys;
    for (const auto& [key, value] : j.items())
        keys.push_back (key);
    CHECK (keys == std::vector<std::string> { "valence", "energy", "tempo_bpm", "danceability",
                                              "acousticness", "instrumental", "arc", "start",
                                              "count", "duration_s", "exclude", "confidence",
                                              "explanation" });
    CHECK (j.at ("confidence").get<double>() < 0.3);

    const auto words = moodboard::testing::runCli (home, { "mood", "I can't sleep" });
    REQUIRE (words.exitCode == 0);
    CHECK (words.output.find ("arc:           falling") != std::string::npos);
    CHECK (words.output.find ("explanation:   You feel sleepless and want something to help "
                              "you fall asleep")
           != std::string::npos);

    const auto none = moodboard::testing::runCli (home, { "mood" });
    CHECK (none.exitCode == 2);
}
