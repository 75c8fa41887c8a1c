#include "AudioFiles.h"
#include "CliRunner.h"
#include "AudioIO/FileAudioDecoder.h"
#include "Library/ContentHash.h"
#include "Library/Scanner.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>

using namespace moodboard;
using testing::FileFormat;
namespace fs = std::filesystem;

namespace
{
/** The real decoder, counting the files it is asked to open: a moved file must not be opened. */
class CountingDecoder final : public audio::AudioDecoder
{
public:
    [[nodiscard]] Expected<std::unique_ptr<audio::AudioStream>>
        open (const fs::path& file) const override
    {
        ++opened;
        return inner.open (file);
    }

    [[nodiscard]] std::vector<std::string> getExtensions() const override
    {
        return inner.getExtensions();
    }

    mutable std::atomic<int> opened { 0 };

private:
    audio::FileAudioDecoder inner;
};

struct MovingLibrary
{
    fs::path folder;
    fs::path music;
    std::unique_ptr<library::Catalog> catalog;
    CountingDecoder decoder;
    bool verifyContent = false;

    explicit MovingLibrary (const std::string& name)
        : folder (testing::makeScratchFolder (name)),
          music (folder / "music"),
          catalog (std::move (library::Catalog::open (folder / "catalog.sqlite").value()))
    {
        fs::create_directories (music / "sub");
    }

    /** Scans and returns the report; `decodes` is how many files the decoder opened. */
    library::ScanReport scan (const std::vector<fs::path>& roots, int& decodes)
    {
        const auto before = decoder.opened.load();
        const std::atomic<bool> cancel { false };
        library::Scanner scanner (*catalog, decoder);
        scanner.setVerifyContent (verifyContent);
        auto report = scanner.scan (roots, {}, cancel, 2);
        decodes = decoder.opened.load() - before;
        return report;
    }

    library::ScanReport scan (int& decodes) { return scan ({ music }, decodes); }

    void write (const fs::path& file, double bpm, double level)
    {
        REQUIRE (testing::writeAudioFile (file, FileFormat::wav,
                                          testing::makeSong (bpm, false, level, 4.0, 22050.0),
                                          22050.0));
    }

    library::Track stored (const fs::path& file) const
    {
        const auto track = catalog->findByPath (file.string());
        REQUIRE (track);
        return *track;
    }
};

void checkSameAnalysis (const library::Track& before, const library::Track& after)
{
    CHECK (after.id == before.id);
    CHECK (after.contentHash == before.contentHash);
    CHECK (after.isAnalysed());
    CHECK (after.analysisVersion == before.analysisVersion);
    CHECK (after.features.durationSeconds == before.features.durationSeconds);
    CHECK (after.features.loudnessLufs == before.features.loudnessLufs);
    CHECK (after.features.tempoBpm == before.features.tempoBpm);
    CHECK (after.features.energy == before.features.energy);
}
} // namespace

TEST_CASE ("a moved or renamed file keeps its catalog row and analysis without decoding",
           "[library][scanner]")
{
    MovingLibrary lib ("library-move");
    lib.write (lib.music / "Some Band - Old Name.wav", 120.0, 0.7);
    lib.write (lib.music / "other.wav", 90.0, 0.3);

    int decodes = 0;
    REQUIRE (lib.scan (decodes).analysed == 2);
    REQUIRE (decodes == 2);
    const auto before = lib.stored (lib.music / "Some Band - Old Name.wav");
    REQUIRE (before.contentHash.size() == 32);
    CHECK (before.artist == "Some Band");

    SECTION ("renamed in place: the title from the new file name, the analysis kept")
    {
        const auto renamed = lib.music / "Other Band - New Name.wav";
        fs::rename (lib.music / "Some Band - Old Name.wav", renamed);

        const auto report = lib.scan (decodes);
        CHECK (decodes == 0);
        CHECK (report.decoded == 0);
        CHECK (report.moved == 1);
        CHECK (report.analysed == 0);
        CHECK (report.unchanged == 1);
        CHECK (report.removed == 0);
        CHECK (lib.catalog->getNumTracks() == 2);
        CHECK_FALSE (lib.catalog->findByPath ((lib.music / "Some Band - Old Name.wav").string()));

        const auto after = lib.stored (renamed);
        checkSameAnalysis (before, after);
        CHECK (after.artist == "Other Band");
        CHECK (after.title == "New Name");
    }

    SECTION ("moved into a subfolder")
    {
        const auto moved = lib.music / "sub" / "deeper" / "Some Band - Old Name.wav";
        fs::create_directories (moved.parent_path());
        fs::rename (lib.music / "Some Band - Old Name.wav", moved);

        const auto report = lib.scan (decodes);
        CHECK (decodes == 0);
        CHECK (report.moved == 1);
        CHECK (report.analysed == 0);
        CHECK (lib.catalog->getNumTracks() == 2);
        checkSameAnalysis (before, lib.stored (moved));
    }

    SECTION ("moved to another library folder, scanned together")
    {
        const auto elsewhere = lib.folder / "second-library" / "x.wav";
        fs::create_directories (elsewhere.parent_path());
        fs::rename (lib.music / "Some Band - Old Name.wav", elsewhere);

        const auto report = lib.scan ({ lib.music, elsewhere.parent_path() }, decodes);
        CHECK (decodes == 0);
        CHECK (report.moved == 1);
        CHECK (report.removed == 0);
        CHECK (lib.catalog->getNumTracks() == 2);
        checkSameAnalysis (before, lib.stored (elsewhere));
    }

    SECTION ("the whole folder moved, and only the new folder is scanned")
    {
        const auto newHome = lib.folder / "renamed-music";
        fs::rename (lib.music, newHome);

        const auto report = lib.scan ({ newHome }, decodes);
        CHECK (decodes == 0);
        CHECK (report.moved == 2);
        CHECK (report.analysed == 0);
        CHECK (lib.catalog->getNumTracks() == 2);
        checkSameAnalysis (before, lib.stored (newHome / "Some Band - Old Name.wav"));
        CHECK (lib.catalog->getTracksUnder (lib.music).empty());
    }

    SECTION ("moved and edited: analysed again, the old row forgotten")
    {
        const auto moved = lib.music / "sub" / "Some Band - Old Name.wav";
        fs::rename (lib.music / "Some Band - Old Name.wav", moved);
        lib.write (moved, 150.0, 0.95);

        const auto report = lib.scan (decodes);
        CHECK (decodes == 1);
        CHECK (report.moved == 0);
        CHECK (report.analysed == 1);
        CHECK (report.removed == 1);
        CHECK (lib.catalog->getNumTracks() == 2);

        const auto after = lib.stored (moved);
        CHECK (after.contentHash != before.contentHash);
        CHECK (*after.features.loudnessLufs > *before.features.loudnessLufs + 2.0);
    }
}

TEST_CASE ("a copy is a file of its own, and two identical files moved stay two rows",
           "[library][scanner]")
{
    MovingLibrary lib ("library-copy");
    lib.write (lib.music / "a.wav", 110.0, 0.6);

    int decodes = 0;
    REQUIRE (lib.scan (decodes).analysed == 1);
    const auto original = lib.stored (lib.music / "a.wav");

    fs::copy_file (lib.music / "a.wav", lib.music / "sub" / "copy.wav");
    const auto copied = lib.scan (decodes);
    CHECK (decodes == 1);
    CHECK (copied.moved == 0);
    CHECK (copied.analysed == 1);
    CHECK (copied.unchanged == 1);
    REQUIRE (lib.catalog->getNumTracks() == 2);

    const auto copy = lib.stored (lib.music / "sub" / "copy.wav");
    CHECK (copy.id != original.id);
    CHECK (copy.contentHash == original.contentHash);
    CHECK (lib.stored (lib.music / "a.wav").id == original.id);

    // Both identical files move: each row follows one of them, neither is decoded.
    const auto moved = lib.folder / "moved";
    fs::rename (lib.music, moved);
    const auto report = lib.scan ({ moved }, decodes);
    CHECK (decodes == 0);
    CHECK (report.moved == 2);
    REQUIRE (lib.catalog->getNumTracks() == 2);

    const auto first = lib.stored (moved / "a.wav");
    const auto second = lib.stored (moved / "sub" / "copy.wav");
    CHECK (first.id != second.id);
    CHECK (std::set<std::int64_t> { first.id, second.id }
           == std::set<std::int64_t> { original.id, copy.id });
}

TEST_CASE ("a touched file is not analysed again, a changed one of the same size is",
           "[library][scanner]")
{
    MovingLibrary lib ("library-touch");
    const auto file = lib.music / "song.wav";
    lib.write (file, 100.0, 0.5);

    int decodes = 0;
    REQUIRE (lib.scan (decodes).analysed == 1);
    const auto before = lib.stored (file);

    fs::last_write_time (file, fs::last_write_time (file) + std::chrono::seconds (30));
    const auto touched = lib.scan (decodes);
    CHECK (decodes == 0);
    CHECK (touched.unchanged == 1);
    CHECK (touched.touched == 1);
    CHECK (touched.analysed == 0);

    const auto after = lib.stored (file);
    CHECK (after.modifiedTime == before.modifiedTime + 30);
    checkSameAnalysis (before, after);

    // The new time is stored, so the next scan needs no hash to know.
    const auto again = lib.scan (decodes);
    CHECK (again.touched == 0);
    CHECK (again.unchanged == 1);

    // Same length and format, other audio, a later time: analysed again.
    lib.write (file, 100.0, 0.9);
    fs::last_write_time (file, fs::last_write_time (file) + std::chrono::seconds (90));
    REQUIRE ((std::int64_t) fs::file_size (file) == before.fileSize);
    const auto changed = lib.scan (decodes);
    CHECK (decodes == 1);
    CHECK (changed.analysed == 1);
    CHECK (changed.touched == 0);
    CHECK (lib.stored (file).contentHash != before.contentHash);
}

TEST_CASE ("a failed file is tried again when its time changes, even with the same content",
           "[library][scanner]")
{
    MovingLibrary lib ("library-retry");
    const auto file = lib.music / "broken.wav";
    std::ofstream (file, std::ios::binary) << std::string (4000, 'x');

    int decodes = 0;
    REQUIRE (lib.scan (decodes).failures.size() == 1);
    REQUIRE (decodes == 1);
    REQUIRE_FALSE (lib.stored (file).error.empty());

    fs::last_write_time (file, fs::last_write_time (file) + std::chrono::seconds (30));
    const auto retried = lib.scan (decodes);
    CHECK (decodes == 1);
    CHECK (retried.touched == 0);
    CHECK (retried.failures.size() == 1);
}

TEST_CASE ("a verifying scan finds a file changed under its old size and time",
           "[library][scanner]")
{
    MovingLibrary lib ("library-verify");
    const auto file = lib.music / "song.wav";
    lib.write (file, 100.0, 0.5);

    int decodes = 0;
    REQUIRE (lib.scan (decodes).analysed == 1);
    const auto before = lib.stored (file);
    const auto time = fs::last_write_time (file);

    // A tool rewrites the audio and puts the old time back.
    lib.write (file, 100.0, 0.9);
    fs::last_write_time (file, time);
    REQUIRE ((std::int64_t) fs::file_size (file) == before.fileSize);

    const auto trusting = lib.scan (decodes);
    CHECK (decodes == 0);
    CHECK (trusting.unchanged == 1);

    lib.verifyContent = true;
    const auto verified = lib.scan (decodes);
    CHECK (decodes == 1);
    CHECK (verified.analysed == 1);
    CHECK (verified.unchanged == 0);
    const auto after = lib.stored (file);
    CHECK (after.contentHash != before.contentHash);
    CHECK (*after.features.loudnessLufs > *before.features.loudnessLufs + 2.0);

    const auto again = lib.scan (decodes);
    CHECK (decodes == 0);
    CHECK (again.unchanged == 1);
}

TEST_CASE ("rows without a content hash get one at the next scan and are then found when moved",
           "[library][scanner]")
{
    MovingLibrary lib ("library-backfill");
    lib.write (lib.music / "a.wav", 128.0, 0.5);

    int decodes = 0;
    REQUIRE (lib.scan (decodes).analysed == 1);

    // What a catalog from before content hashes holds.
    auto old = lib.stored (lib.music / "a.wav");
    const auto hash = old.contentHash;
    old.contentHash.clear();
    REQUIRE (lib.catalog->updateMany ({ old }));

    const auto unchanged = lib.scan (decodes);
    CHECK (decodes == 0);
    CHECK (unchanged.unchanged == 1);
    CHECK (lib.stored (lib.music / "a.wav").contentHash == hash);

    fs::rename (lib.music / "a.wav", lib.music / "sub" / "a.wav");
    const auto moved = lib.scan (decodes);
    CHECK (decodes == 0);
    CHECK (moved.moved == 1);
    CHECK (lib.stored (lib.music / "sub" / "a.wav").id == old.id);
}

TEST_CASE ("a file of a missing library folder keeps its row; the same file elsewhere gets a copy "
           "of its analysis", "[library][scanner]")
{
    MovingLibrary lib ("library-unplugged");
    lib.write (lib.music / "a.wav", 128.0, 0.5);
    int decodes = 0;
    REQUIRE (lib.scan (decodes).analysed == 1);
    const auto original = lib.stored (lib.music / "a.wav");

    // The folder is gone (an unplugged drive, or renamed), and the same file is in another one.
    const auto other = lib.folder / "other";
    fs::create_directories (other);
    fs::copy_file (lib.music / "a.wav", other / "a.wav");
    fs::rename (lib.music, lib.folder / "unplugged");

    const auto report = lib.scan ({ lib.music, other }, decodes);
    CHECK (report.missingRoots.size() == 1);
    CHECK (report.moved == 1);
    CHECK (report.analysed == 0);
    CHECK (report.removed == 0);
    CHECK (decodes == 0);
    REQUIRE (lib.catalog->getNumTracks() == 2);
    CHECK (lib.catalog->findById (original.id)->path == original.path);

    const auto copy = lib.stored (other / "a.wav");
    CHECK (copy.id != original.id);
    CHECK (copy.features.loudnessLufs == original.features.loudnessLufs);

    // The drive is back: its file is where the catalog expects it.
    fs::rename (lib.folder / "unplugged", lib.music);
    const auto back = lib.scan ({ lib.music, other }, decodes);
    CHECK (decodes == 0);
    CHECK (back.unchanged == 2);
    CHECK (back.moved == 0);
}

TEST_CASE ("the content hash reads the size, head, middle and tail of a file", "[library]")
{
    const auto folder = testing::makeScratchFolder ("library-content-hash");
    auto writeBytes = [&] (const std::string& name, const std::string& bytes)
    {
        std::ofstream (folder / name, std::ios::binary) << bytes;
        return library::computeContentHash (folder / name).value();
    };

    const std::string big (1'000'000, 'a');
    const auto base = writeBytes ("base", big);
    CHECK (base.size() == 32);
    CHECK (writeBytes ("same", big) == base);

    auto changedAt = [&] (std::size_t offset)
    {
        auto bytes = big;
        bytes[offset] = 'b';
        return writeBytes ("changed", bytes);
    };

    CHECK (changedAt (10) != base);                      // head
    CHECK (changedAt (big.size() / 2) != base);          // middle window
    CHECK (changedAt (big.size() - 10) != base);         // tail
    CHECK (changedAt (200'000) == base);                 // between the windows: not read
    CHECK (writeBytes ("longer", big + "a") != base);    // size

    CHECK (writeBytes ("small", "abc") != writeBytes ("small2", "abd"));
    CHECK (writeBytes ("empty", "").size() == 32);
    CHECK_FALSE (library::computeContentHash (folder / "no-such-file"));
}

TEST_CASE ("moodboard scan reports a moved folder's files as moved, not analysed", "[library][e2e]")
{
    const testing::ScopedMoodboardHome home ("library-move-cli");
    const auto music = home.getFolder() / "music";
    fs::create_directories (music);
    for (const auto& [name, bpm] : { std::pair { "t0.wav", 90.0 }, std::pair { "t1.wav", 120.0 } })
        REQUIRE (testing::writeAudioFile (music / name, FileFormat::wav,
                                          testing::makeSong (bpm, false, 0.5, 3.0, 22050.0),
                                          22050.0));

    const auto first = testing::runCli (home.getFolder(), { "scan", music.string() });
    REQUIRE (first.exitCode == 0);
    CHECK_THAT (first.output, Catch::Contains ("2 analysed, 0 unchanged, 0 moved"));

    const auto renamed = home.getFolder() / "Music Library";
    fs::rename (music, renamed);
    const auto moved = testing::runCli (home.getFolder(), { "scan", renamed.string() });
    CHECK (moved.exitCode == 0);
    CHECK_THAT (moved.output, Catch::Contains ("0 analysed, 0 unchanged, 2 moved, 0 failed"));
    CHECK_THAT (moved.output, Catch::Contains ("catalog: 2 tracks"));

    const auto verified = testing::runCli (home.getFolder(),
                                           { "scan", "--verify", renamed.string() });
    CHECK (verified.exitCode == 0);
    CHECK_THAT (verified.output, Catch::Contains ("0 analysed, 2 unchanged, 0 moved, 0 failed"));
}
