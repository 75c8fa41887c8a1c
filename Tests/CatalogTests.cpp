#include "AudioFiles.h"
#include "Library/Catalog.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <fstream>

using namespace moodboard;

namespace
{
library::Track makeTrack (const std::string& path, double energy)
{
    library::Track t;
    t.path = path;
    t.fileSize = 1234;
    t.modifiedTime = 1700000000;
    t.title = "Title of " + path;
    t.artist = "Ártist Ünïcode";
    t.analysisVersion = audio::analysisVersion;
    t.features.durationSeconds = 180.0;
    t.features.energy = energy;
    t.features.valence = 0.4;
    t.features.loudnessLufs = -14.5;
    t.features.tempoBpm = 121.5;
    t.features.key = 9;
    t.features.mode = 0;
    return t;
}

std::string readBytes (const std::filesystem::path& file)
{
    std::ifstream in (file, std::ios::binary);
    return { std::istreambuf_iterator<char> (in), {} };
}
} // namespace

TEST_CASE ("the catalog stores, updates, finds and forgets tracks across reopening", "[catalog]")
{
    const auto folder = testing::makeScratchFolder ("catalog-roundtrip");
    const auto file = folder / "catalog.sqlite";

    {
        auto catalog = library::Catalog::open (file);
        REQUIRE (catalog);
        auto& c = **catalog;
        const auto generation = c.getGeneration();

        REQUIRE (c.store (makeTrack ("/music/a.ogg", 0.2)));
        REQUIRE (c.store (makeTrack ("/music/b.ogg", 0.8)));
        REQUIRE (c.store (makeTrack ("/other/c.ogg", 0.5)));
        CHECK (c.getNumTracks() == 3);
        CHECK (c.getGeneration() > generation);

        // Storing the same path again replaces the row instead of adding one.
        auto updated = makeTrack ("/music/a.ogg", 0.3);
        const auto id = c.store (updated);
        REQUIRE (id);
        CHECK (c.getNumTracks() == 3);
        CHECK (c.findById (*id)->features.energy == Approx (0.3));

        CHECK (c.getTracksUnder ("/music").size() == 2);
        CHECK (c.forget ({ "/music/b.ogg", "/not/there.ogg" }).value() == 1);
    }

    auto reopened = library::Catalog::open (file);
    REQUIRE (reopened);
    const auto tracks = (*reopened)->getAllTracks();
    REQUIRE (tracks.size() == 2);
    CHECK (tracks[0].path == "/music/a.ogg");
    CHECK (tracks[0].artist == "Ártist Ünïcode");
    CHECK (tracks[0].features.tempoBpm == Approx (121.5));
    CHECK (tracks[0].features.key == 9);
    CHECK (tracks[0].features.mode == 0);
    CHECK (! tracks[0].features.keyConfidence.has_value());
    CHECK (tracks[0].isAnalysed());
    CHECK (tracks[1].path == "/other/c.ogg");
}

TEST_CASE ("a damaged catalog file is reported and left untouched", "[catalog]")
{
    const auto folder = testing::makeScratchFolder ("catalog-damaged");
    const auto file = folder / "catalog.sqlite";
    {
        std::ofstream out (file, std::ios::binary);
        out << std::string (8192, 'x') << "this is not a database";
    }
    const auto before = readBytes (file);

    auto catalog = library::Catalog::open (file);
    REQUIRE (! catalog);
    CHECK (catalog.error().kind == Error::Kind::corrupt);
    CHECK_THAT (catalog.error().message, Catch::Contains (file.string()));
    CHECK_THAT (catalog.error().message, Catch::Contains ("move it aside"));
    CHECK (readBytes (file) == before);
}

namespace
{
// The catalog as the first release wrote it (schema version 1), with two rows: one analysed,
// one that failed.
constexpr const char* versionOneCatalog = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE tracks (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    file_size INTEGER NOT NULL,
    modified_time INTEGER NOT NULL,
    title TEXT NOT NULL,
    artist TEXT NOT NULL,
    album TEXT NOT NULL,
    genre TEXT NOT NULL,
    isrc TEXT NOT NULL,
    features TEXT NOT NULL,
    analysis_version INTEGER NOT NULL,
    error TEXT NOT NULL
);
INSERT INTO meta VALUES ('schema_version', '1');
INSERT INTO meta VALUES ('generation', '7');
INSERT INTO tracks VALUES (3, '/music/old.flac', 4242, 1600000000, 'Old Song', 'Old Band',
    'Old Album', 'Jazz', 'USRC17607839',
    '{"duration_s": 201.5, "tempo_bpm": 96.0, "energy": 0.42, "loudness_lufs": -17.25}', 1, '');
INSERT INTO tracks VALUES (9, '/music/broken.mp3', 10, 1600000001, 'broken', '', '', '', '',
    '{"duration_s": 0}', 1, '/music/broken.mp3: not an audio file');
)sql";

std::string schemaVersionOf (const std::filesystem::path& file)
{
    sqlite3* db = nullptr;
    std::string version;
    REQUIRE (sqlite3_open_v2 (file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_exec (
        db, "SELECT value FROM meta WHERE key = 'schema_version'",
        [] (void* out, int, char** values, char**)
        {
            *static_cast<std::string*> (out) = values[0];
            return 0;
        },
        &version, nullptr);
    sqlite3_close (db);
    return version;
}
} // namespace

TEST_CASE ("a catalog from the first release gains the new columns and keeps every row",
           "[catalog]")
{
    const auto folder = testing::makeScratchFolder ("catalog-migration");
    const auto file = folder / "catalog.sqlite";
    {
        sqlite3* db = nullptr;
        REQUIRE (sqlite3_open (file.c_str(), &db) == SQLITE_OK);
        REQUIRE (sqlite3_exec (db, versionOneCatalog, nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close (db);
    }

    {
        auto catalog = library::Catalog::open (file);
        REQUIRE (catalog);
        auto& c = **catalog;
        // Both rows are kept; the file that could not be read is no track.
        CHECK (c.getNumTracks() == 1);
        CHECK (c.getAllTracks().size() == 2);
        REQUIRE (c.getUnreadableFiles().size() == 1);
        CHECK (c.getUnreadableFiles().front().path == "/music/broken.mp3");
        CHECK (c.getGeneration() == 7);

        const auto old = c.findByPath ("/music/old.flac");
        REQUIRE (old);
        CHECK (old->id == 3);
        CHECK (old->fileSize == 4242);
        CHECK (old->modifiedTime == 1600000000);
        CHECK (old->title == "Old Song");
        CHECK (old->artist == "Old Band");
        CHECK (old->album == "Old Album");
        CHECK (old->genre == "Jazz");
        CHECK (old->isrc == "USRC17607839");
        CHECK (old->features.durationSeconds == Approx (201.5));
        CHECK (old->features.tempoBpm == Approx (96.0));
        CHECK (old->features.loudnessLufs == Approx (-17.25));
        CHECK (old->analysisVersion == 1);
        CHECK (old->contentHash.empty());
        CHECK (old->year == 0);
        CHECK (old->replayGain.isEmpty());

        const auto broken = c.findById (9);
        REQUIRE (broken);
        CHECK (broken->path == "/music/broken.mp3");
        CHECK (broken->error == "/music/broken.mp3: not an audio file");

        // The new fields are stored in the migrated file.
        auto updated = *old;
        updated.contentHash = "0123456789abcdef0123456789abcdef";
        updated.year = 1959;
        updated.replayGain.trackGainDb = -4.5;
        updated.replayGain.albumPeak = 0.891;
        REQUIRE (c.updateMany ({ updated }).value() == 1);
    }

    CHECK (schemaVersionOf (file) == "2");

    auto reopened = library::Catalog::open (file);
    REQUIRE (reopened);
    const auto tracks = (*reopened)->getAllTracks();
    REQUIRE (tracks.size() == 2);
    const auto& old = tracks[1];
    CHECK (old.path == "/music/old.flac");
    CHECK (old.id == 3);
    CHECK (old.contentHash == "0123456789abcdef0123456789abcdef");
    CHECK (old.year == 1959);
    CHECK (old.replayGain.trackGainDb == Approx (-4.5));
    CHECK_FALSE (old.replayGain.trackPeak);
    CHECK_FALSE (old.replayGain.albumGainDb);
    CHECK (old.replayGain.albumPeak == Approx (0.891));
    CHECK (old.features.energy == Approx (0.42));
}

TEST_CASE ("a catalog from a newer version is refused and left untouched", "[catalog]")
{
    const auto folder = testing::makeScratchFolder ("catalog-newer");
    const auto file = folder / "catalog.sqlite";
    {
        sqlite3* db = nullptr;
        REQUIRE (sqlite3_open (file.c_str(), &db) == SQLITE_OK);
        REQUIRE (sqlite3_exec (db, versionOneCatalog, nullptr, nullptr, nullptr) == SQLITE_OK);
        REQUIRE (sqlite3_exec (db, "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
                               nullptr, nullptr, nullptr)
                 == SQLITE_OK);
        sqlite3_close (db);
    }

    auto catalog = library::Catalog::open (file);
    REQUIRE_FALSE (catalog);
    CHECK (catalog.error().kind == Error::Kind::unsupported);
    CHECK (schemaVersionOf (file) == "99");
}

TEST_CASE ("updating rows by id moves paths, and a bad update changes nothing", "[catalog]")
{
    const auto folder = testing::makeScratchFolder ("catalog-update");
    auto catalog = library::Catalog::open (folder / "catalog.sqlite");
    REQUIRE (catalog);
    auto& c = **catalog;

    auto a = makeTrack ("/music/a.ogg", 0.2);
    a.id = c.store (a).value();
    auto b = makeTrack ("/music/b.ogg", 0.7);
    b.id = c.store (b).value();
    const auto generation = c.getGeneration();

    a.path = "/elsewhere/a.ogg";
    REQUIRE (c.updateMany ({ a }).value() == 1);
    CHECK (c.getGeneration() > generation);
    CHECK_FALSE (c.findByPath ("/music/a.ogg"));
    CHECK (c.findByPath ("/elsewhere/a.ogg")->id == a.id);
    CHECK (c.findById (a.id)->features.energy == Approx (0.2));

    // A path taken by another row, or an id that does not exist: all or nothing.
    auto clash = b;
    clash.path = "/elsewhere/a.ogg";
    auto fine = a;
    fine.title = "renamed";
    CHECK_FALSE (c.updateMany ({ fine, clash }));
    auto ghost = a;
    ghost.id = 12345;
    const auto missing = c.updateMany ({ ghost });
    REQUIRE_FALSE (missing);
    CHECK_THAT (missing.error().message, Catch::Contains ("12345"));
    CHECK (c.findById (a.id)->title == a.title);
    CHECK (c.findById (b.id)->path == "/music/b.ogg");
    CHECK (c.getNumTracks() == 2);
}
