#include "AudioFiles.h"
#include "CliRunner.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace moodboard;
using testing::FileFormat;

using testing::meanOf;

TEST_CASE ("scan a folder, suggest for two moods and save the playlist, through the CLI", "[e2e]")
{
    const auto home = testing::makeScratchFolder ("e2e-home");
    const auto music = testing::makeScratchFolder ("e2e-music");

    // Four calm pieces (slow pads, quiet) and four energetic ones (fast drums, loud), mixed
    // formats.
    const std::vector<std::pair<std::string, FileFormat>> calm {
        { "calm1.wav", FileFormat::wav }, { "calm2.flac", FileFormat::flac },
        { "calm3.ogg", FileFormat::oggVorbis }, { "calm4.aiff", FileFormat::aiff } };
    const std::vector<std::pair<std::string, FileFormat>> lively {
        { "lively1.wav", FileFormat::wav }, { "lively2.flac", FileFormat::flac },
        { "lively3.ogg", FileFormat::oggVorbis }, { "lively4.mp3", FileFormat::mp3 } };

    for (std::size_t i = 0; i < calm.size(); ++i)
        REQUIRE (testing::writeAudioFile (
            music / calm[i].first, calm[i].second,
            testing::makeSong (0, true, 0.08 + 0.02 * i, 12.0, 44100), 44100,
            { "Calm " + std::to_string (i), "Artist " + std::to_string (i), "", "" }));
    for (std::size_t i = 0; i < lively.size(); ++i)
        REQUIRE (testing::writeAudioFile (
            music / lively[i].first, lively[i].second,
            testing::makeSong (128 + 8 * i, false, 0.95, 12.0, 44100), 44100,
            { "Lively " + std::to_string (i), "Band " + std::to_string (i), "", "" }));

    const auto scan = testing::runCli (home, { "scan", music.string() });
    REQUIRE (scan.exitCode == 0);
    CHECK_THAT (scan.output, Catch::Contains ("8 audio files: 8 analysed"));

    const auto rescan = testing::runCli (home, { "scan" });
    REQUIRE (rescan.exitCode == 0);
    CHECK_THAT (rescan.output, Catch::Contains ("0 analysed, 8 unchanged"));

    const auto playlistFile = home / "sleepy.m3u8";
    const auto sleepy = testing::runCli (home, { "suggest",
                                                 "I'm sleepy and need something relaxing",
                                                 "--count", "3", "--json", "--out",
                                                 playlistFile.string() });
    REQUIRE (sleepy.exitCode == 0);
    const auto upbeat = testing::runCli (home, { "suggest",
                                                 "play me something upbeat to wake me up",
                                                 "--count", "3", "--json" });
    REQUIRE (upbeat.exitCode == 0);

    const auto sleepyJson = nlohmann::json::parse (sleepy.output);
    const auto upbeatJson = nlohmann::json::parse (upbeat.output);
    REQUIRE (sleepyJson["tracks"].size() == 3);
    REQUIRE (upbeatJson["tracks"].size() == 3);

    for (const auto& t : sleepyJson["tracks"])
        CHECK_THAT (t["path"].get<std::string>(), Catch::Contains ("calm"));
    for (const auto& t : upbeatJson["tracks"])
        CHECK_THAT (t["path"].get<std::string>(), Catch::Contains ("lively"));

    CHECK (meanOf (sleepyJson["tracks"], "energy") < meanOf (upbeatJson["tracks"], "energy"));
    CHECK (meanOf (sleepyJson["tracks"], "loudness_lufs")
           < meanOf (upbeatJson["tracks"], "loudness_lufs"));
    CHECK_FALSE (sleepyJson["tracks"][0]["reason"].get<std::string>().empty());

    std::ifstream in (playlistFile);
    std::string text ((std::istreambuf_iterator<char> (in)), {});
    CHECK_THAT (text, Catch::StartsWith ("#EXTM3U"));
    for (const auto& t : sleepyJson["tracks"])
        CHECK_THAT (text, Catch::Contains (t["path"].get<std::string>()));
}

TEST_CASE ("the CLI explains bad input and keeps working", "[e2e]")
{
    const auto home = testing::makeScratchFolder ("e2e-bad-home");

    CHECK (testing::runCli (home, { "suggest", "calm" }).exitCode == 1);
    CHECK (testing::runCli (home, { "suggest", "calm", "--count", "zero" }).exitCode == 2);
    CHECK (testing::runCli (home, { "scan", (home / "missing").string() }).exitCode == 2);
    CHECK (testing::runCli (home, { "frobnicate" }).exitCode == 2);
    CHECK (testing::runCli (home, { "mood", "   " }).exitCode == 2);
    CHECK (testing::runCli (home, { "suggest", " \t " }).exitCode == 2);
    CHECK (testing::runCli (home, { "suggest", "calm", "--count", "5", "--minutes", "30" })
               .exitCode == 2);

    // A folder whose every file is bad is a failed scan, not an empty success.
    const auto bad = home / "all-bad";
    std::filesystem::create_directories (bad);
    std::ofstream (bad / "notes.mp3") << "shopping list, not music";
    std::ofstream (bad / "empty.wav").close();
    CHECK (testing::runCli (home, { "scan", bad.string() }).exitCode == 1);

    const auto mood = testing::runCli (home, { "mood", "I'm sleepy and need something relaxing",
                                               "--json" });
    REQUIRE (mood.exitCode == 0);
    const auto json = nlohmann::json::parse (mood.output);
    for (const char* key : { "valence", "energy", "tempo_bpm", "danceability", "acousticness",
                             "instrumental", "arc", "start", "count", "duration_s", "exclude",
                             "confidence", "explanation" })
        CHECK (json.contains (key));
}
