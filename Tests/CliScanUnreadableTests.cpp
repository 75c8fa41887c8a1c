#include "AudioFiles.h"
#include "CliRunner.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace moodboard;

namespace
{
bool contains (const std::string& text, const std::string& part)
{
    return text.find (part) != std::string::npos;
}
} // namespace

TEST_CASE ("moodboard scan counts only analysed files as tracks and names unreadable ones again",
           "[cli][library]")
{
    const auto home = testing::makeScratchFolder ("scan-unreadable-home");
    const auto music = testing::makeScratchFolder ("scan-unreadable-music");
    const auto song = testing::makeSong (100, false, 0.5, 3.0, 22050);
    for (const auto* name : { "a.wav", "b.wav", "c.wav", "d.wav" })
        REQUIRE (testing::writeAudioFile (music / name, testing::FileFormat::wav, song, 22050));
    std::ofstream (music / "empty.flac").close();
    std::ofstream (music / "fake.mp3") << "a letter, not audio\n";

    const auto empty = (music / "empty.flac").string();
    const auto fake = (music / "fake.mp3").string();
    testing::CliOptions withErrors;
    withErrors.captureErrors = true;

    const auto first = testing::runCli (home, { "scan", music.string() }, withErrors);
    CHECK (first.exitCode == 0);
    CHECK (contains (first.output, "6 audio files: 4 analysed, 0 unchanged, 0 moved, 2 failed, "
                                   "0 removed from the catalog\n"));
    CHECK (contains (first.output, "catalog: 4 tracks in "));
    CHECK (contains (first.output, "skipped: " + empty + ": the file is empty"));
    CHECK (contains (first.output, "skipped: " + fake));

    const auto second = testing::runCli (home, { "scan" }, withErrors);
    CHECK (second.exitCode == 0);
    CHECK (contains (second.output, "6 audio files: 0 analysed, 4 unchanged, 0 moved, 0 failed, "
                                    "2 still unreadable, 0 removed from the catalog\n"));
    CHECK (contains (second.output, "catalog: 4 tracks in "));
    CHECK (contains (second.output, "still unreadable: " + empty + ": the file is empty"));
    CHECK (contains (second.output, "still unreadable: " + fake));

    const auto listed = testing::runCli (home, { "scan", "--unreadable" });
    CHECK (listed.exitCode == 0);
    CHECK (contains (listed.output, empty + ": the file is empty"));
    CHECK (contains (listed.output, fake + ": "));
    CHECK (contains (listed.output, "2 files could not be read"));
    CHECK_FALSE (contains (listed.output, "a.wav"));
}
