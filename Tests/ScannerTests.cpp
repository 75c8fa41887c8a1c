#include "AudioFiles.h"
#include "AudioIO/FileAudioDecoder.h"
#include "Library/Scanner.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace moodboard;
using testing::FileFormat;

namespace
{
struct Library
{
    std::filesystem::path folder;
    std::unique_ptr<library::Catalog> catalog;
    audio::FileAudioDecoder decoder;

    explicit Library (const std::string& name)
        : folder (testing::makeScratchFolder (name)),
          catalog (std::move (library::Catalog::open (folder / "catalog.sqlite").value()))
    {
        std::filesystem::create_directories (folder / "music" / "sub");
    }

    library::ScanReport scan (const std::atomic<bool>& cancel, int threads = 2)
    {
        library::Scanner scanner (*catalog, decoder);
        return scanner.scan ({ folder / "music" }, {}, cancel, threads);
    }

    library::ScanReport scan()
    {
        std::atomic<bool> cancel { false };
        return scan (cancel);
    }
};
} // namespace

TEST_CASE ("a scan analyses every format, reads tags, and survives bad files", "[scanner]")
{
    Library lib ("scanner-formats");
    const auto music = lib.folder / "music";
    const auto song = testing::makeSong (120.0, false, 0.7, 8.0, 44100.0);

    REQUIRE (testing::writeAudioFile (music / "a.wav", FileFormat::wav, song, 44100.0));
    REQUIRE (testing::writeAudioFile (music / "b.aiff", FileFormat::aiff, song, 44100.0));
    REQUIRE (testing::writeAudioFile (music / "sub" / "c.flac", FileFormat::flac, song, 44100.0));
    REQUIRE (testing::writeAudioFile (music / "sub" / "d.ogg", FileFormat::oggVorbis, song, 44100.0,
                                      { "Morning Light", "Ada Example", "Demo Album", "Ambient" }));
    REQUIRE (testing::writeAudioFile (music / "e.mp3", FileFormat::mp3, song, 44100.0));

    // A good file first, so that the later damage can be seen not to erase it.
    auto first = lib.scan();
    REQUIRE (first.found == 5);
    CHECK (first.analysed == 5);
    CHECK (first.failures.empty());

    std::ofstream (music / "zero.wav").close();
    std::ofstream (music / "letter.mp3") << std::string (5000, 'q');
    std::ofstream (music / "readme.txt") << "not audio, not even looked at";

    auto second = lib.scan();
    CHECK (second.found == 7);
    CHECK (second.unchanged == 5);
    CHECK (second.analysed == 0);
    REQUIRE (second.failures.size() == 2);
    for (const auto& failure : second.failures)
        CHECK_THAT (failure.reason, Catch::Contains (failure.path));

    const auto tagged = lib.catalog->findByPath ((music / "sub" / "d.ogg").string());
    REQUIRE (tagged);
    CHECK (tagged->title == "Morning Light");
    CHECK (tagged->artist == "Ada Example");
    CHECK (tagged->album == "Demo Album");
    CHECK (tagged->features.durationSeconds == Approx (8.0).margin (0.05));
    CHECK (tagged->features.tempoBpm.has_value());

    const auto untagged = lib.catalog->findByPath ((music / "a.wav").string());
    REQUIRE (untagged);
    CHECK (untagged->title == "a");
    CHECK (untagged->isAnalysed());
}

TEST_CASE ("a rescan skips unchanged files, re-analyses changed ones and forgets removed ones",
           "[scanner]")
{
    Library lib ("scanner-rescan");
    const auto music = lib.folder / "music";
    const auto quiet = testing::makeSong (70.0, true, 0.1, 6.0, 22050.0);
    const auto loud = testing::makeSong (140.0, false, 0.9, 6.0, 22050.0);

    REQUIRE (testing::writeAudioFile (music / "one.wav", FileFormat::wav, quiet, 22050.0));
    REQUIRE (testing::writeAudioFile (music / "two.wav", FileFormat::wav, quiet, 22050.0));
    REQUIRE (testing::writeAudioFile (music / "three.flac", FileFormat::flac, quiet, 22050.0));
    REQUIRE (lib.scan().analysed == 3);

    const auto before = lib.catalog->findByPath ((music / "two.wav").string()).value();

    std::filesystem::remove (music / "three.flac");
    REQUIRE (testing::writeAudioFile (music / "two.wav", FileFormat::wav, loud, 22050.0));
    std::filesystem::last_write_time (music / "two.wav",
                                      std::filesystem::last_write_time (music / "two.wav")
                                          + std::chrono::seconds (5));

    const auto report = lib.scan();
    CHECK (report.unchanged == 1);
    CHECK (report.analysed == 1);
    CHECK (report.removed == 1);
    CHECK (lib.catalog->getNumTracks() == 2);

    const auto after = lib.catalog->findByPath ((music / "two.wav").string()).value();
    CHECK (after.id == before.id);
    CHECK (*after.features.loudnessLufs > *before.features.loudnessLufs + 10.0);
}

TEST_CASE ("a file that turns bad keeps its earlier analysis", "[scanner]")
{
    Library lib ("scanner-keep");
    const auto file = lib.folder / "music" / "song.wav";
    REQUIRE (testing::writeAudioFile (file, FileFormat::wav,
                                      testing::makeSong (100, false, 0.5, 5.0, 22050), 22050));
    REQUIRE (lib.scan().analysed == 1);

    std::filesystem::resize_file (file, 100);
    const auto report = lib.scan();
    REQUIRE (report.failures.size() == 1);

    const auto stored = lib.catalog->findByPath (file.string());
    REQUIRE (stored);
    CHECK (stored->isAnalysed());
    CHECK (stored->features.durationSeconds == Approx (5.0).margin (0.01));
}

TEST_CASE ("a cancelled scan keeps what it analysed and the next scan finishes", "[scanner]")
{
    Library lib ("scanner-cancel");
    for (int i = 0; i < 6; ++i)
        REQUIRE (testing::writeAudioFile (lib.folder / "music"
                                              / ("t" + std::to_string (i) + ".wav"),
                                          FileFormat::wav,
                                          testing::makeSong (90 + 10 * i, false, 0.5, 20.0, 44100),
                                          44100));

    std::atomic<bool> cancel { false };
    library::Scanner scanner (*lib.catalog, lib.decoder);
    int seen = 0;
    const auto report = scanner.scan ({ lib.folder / "music" },
                                      [&] (const library::ScanProgress& p)
                                      {
                                          if (p.done > 0 && ++seen == 1)
                                              cancel = true;
                                      },
                                      cancel, 1);

    CHECK (report.cancelled);
    CHECK (report.analysed >= 1);
    CHECK (report.analysed < 6);
    CHECK (lib.catalog->getNumTracks() == report.analysed);

    const auto resumed = lib.scan();
    CHECK (resumed.unchanged == report.analysed);
    CHECK (resumed.analysed == 6 - report.analysed);
}

TEST_CASE ("untagged files take artist and title from a file name like '01 - Artist - Title'",
           "[scanner]")
{
    Library lib ("scanner-names");
    const auto music = lib.folder / "music";
    const auto song = testing::makeSong (100, false, 0.5, 3.0, 22050);
    REQUIRE (testing::writeAudioFile (music / "03 - Robert Example - Quiet Streets.wav",
                                      FileFormat::wav, song, 22050));
    REQUIRE (testing::writeAudioFile (music / "Some Band - Loud Song.wav", FileFormat::wav,
                                      song, 22050));
    REQUIRE (testing::writeAudioFile (music / "just-a-name.wav", FileFormat::wav, song, 22050));
    REQUIRE (testing::writeAudioFile (music / "01 - Wrong - Name.wav", FileFormat::wav, song, 22050,
                                      { "Tagged Title", "Tagged Artist", "Tagged Album", "Folk" }));
    REQUIRE (lib.scan().analysed == 4);

    // Tags win over the file name.
    const auto tagged = lib.catalog->findByPath ((music / "01 - Wrong - Name.wav").string());
    CHECK (tagged->title == "Tagged Title");
    CHECK (tagged->artist == "Tagged Artist");
    CHECK (tagged->album == "Tagged Album");
    CHECK (tagged->genre == "Folk");

    const auto numbered =
        lib.catalog->findByPath ((music / "03 - Robert Example - Quiet Streets.wav").string());
    CHECK (numbered->artist == "Robert Example");
    CHECK (numbered->title == "Quiet Streets");
    const auto plain = lib.catalog->findByPath ((music / "Some Band - Loud Song.wav").string());
    CHECK (plain->artist == "Some Band");
    CHECK (plain->title == "Loud Song");
    const auto bare = lib.catalog->findByPath ((music / "just-a-name.wav").string());
    CHECK (bare->artist.empty());
    CHECK (bare->title == "just-a-name");
}

TEST_CASE ("a library folder that is gone keeps its tracks and is reported", "[scanner]")
{
    Library lib ("scanner-missing-root");
    const auto music = lib.folder / "music";
    REQUIRE (testing::writeAudioFile (music / "kept.wav", FileFormat::wav,
                                      testing::makeSong (100, false, 0.5, 3.0, 22050), 22050));
    REQUIRE (lib.scan().analysed == 1);

    std::filesystem::rename (music, lib.folder / "away");
    const auto report = lib.scan();
    REQUIRE (report.missingRoots.size() == 1);
    CHECK (report.removed == 0);
    CHECK (lib.catalog->getNumTracks() == 1);

    std::filesystem::rename (lib.folder / "away", music);
    const auto back = lib.scan();
    CHECK (back.unchanged == 1);
    CHECK (back.analysed == 0);
}

TEST_CASE ("unreadable files are remembered, not counted as tracks, and reported on a rescan",
           "[scanner]")
{
    Library lib ("scanner-unreadable");
    const auto music = lib.folder / "music";
    const auto song = testing::makeSong (110, false, 0.5, 3.0, 22050);
    for (const auto* name : { "a.wav", "b.wav", "c.wav", "d.wav" })
        REQUIRE (testing::writeAudioFile (music / name, FileFormat::wav, song, 22050));
    std::ofstream (music / "empty.flac").close();
    std::ofstream (music / "fake.mp3") << "a letter, not audio\n";

    const auto first = lib.scan();
    CHECK (first.found == 6);
    CHECK (first.analysed == 4);
    CHECK (first.decoded == 6);
    CHECK (first.failures.size() == 2);
    CHECK (first.stillUnreadable.empty());
    CHECK (lib.catalog->getNumTracks() == 4);
    CHECK (lib.catalog->getAllTracks().size() == 6);   // the failures are remembered

    const auto second = lib.scan();
    CHECK (second.decoded == 0);
    CHECK (second.analysed == 0);
    CHECK (second.unchanged == 4);
    CHECK (second.failures.empty());
    REQUIRE (second.stillUnreadable.size() == 2);
    CHECK (second.stillUnreadable[0].path == (music / "empty.flac").string());
    CHECK_THAT (second.stillUnreadable[0].reason, Catch::Contains ("empty"));
    CHECK (second.stillUnreadable[1].path == (music / "fake.mp3").string());
    CHECK_FALSE (second.stillUnreadable[1].reason.empty());
    CHECK (lib.catalog->getNumTracks() == 4);
    CHECK (lib.catalog->getUnreadableFiles().size() == 2);

    // A repaired file is read again and becomes a track.
    std::filesystem::remove (music / "empty.flac");
    REQUIRE (testing::writeAudioFile (music / "empty.flac", FileFormat::flac, song, 22050));
    const auto repaired = lib.scan();
    CHECK (repaired.analysed == 1);
    CHECK (repaired.decoded == 1);
    CHECK (repaired.unchanged == 4);
    REQUIRE (repaired.stillUnreadable.size() == 1);
    CHECK (repaired.stillUnreadable[0].path == (music / "fake.mp3").string());
    CHECK (lib.catalog->getNumTracks() == 5);
}
