#include "AudioFiles.h"
#include "Library/Catalog.h"

#include <catch2/catch.hpp>

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
