#include "AudioFiles.h"
#include "Matching/FeatureSpace.h"
#include "Matching/Suggester.h"
#include "Matching/TrackIndex.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <set>

using namespace moodboard;

namespace
{
struct Fixture
{
    std::filesystem::path folder;
    std::unique_ptr<library::Catalog> catalog;

    explicit Fixture (const std::string& name)
        : folder (testing::makeScratchFolder (name)),
          catalog (std::move (library::Catalog::open (folder / "catalog.sqlite").value()))
    {
    }

    // A grid of tracks over the mood plane, five artists taking turns.
    void fillGrid (int steps = 8)
    {
        int n = 0;
        for (int v = 0; v < steps; ++v)
            for (int e = 0; e < steps; ++e, ++n)
                add ("grid" + std::to_string (n), "Artist " + std::to_string (n % 5),
                     (v + 0.5) / steps, (e + 0.5) / steps);
    }

    void add (const std::string& name, const std::string& artist, double valence, double energy,
              double seconds = 200.0, bool analysed = true)
    {
        library::Track t;
        t.path = "/library/" + name + ".ogg";
        t.title = name;
        t.artist = artist;
        t.analysisVersion = audio::analysisVersion;
        t.features.durationSeconds = seconds;
        if (analysed)
        {
            t.features.valence = valence;
            t.features.energy = energy;
            t.features.loudnessLufs = -30.0 + 22.0 * energy;
            t.features.tempoBpm = 70.0 + 80.0 * energy;
            t.features.danceability = 0.3 + 0.5 * energy;
            t.features.acousticness = 1.0 - energy;
            t.features.brightness = 0.3 + 0.4 * energy;
        }
        REQUIRE (catalog->store (t));
    }

    [[nodiscard]] matching::Playlist suggest (const mood::MoodTarget& target)
    {
        matching::Suggester suggester (*catalog, folder / "features.hnsw");
        auto playlist = suggester.suggest (target);
        REQUIRE (playlist);
        return *playlist;
    }
};

mood::MoodTarget steadyAt (double valence, double energy, int count)
{
    mood::MoodTarget target;
    target.end = { valence, energy };
    target.count = count;
    return target;
}
} // namespace

TEST_CASE ("a steady playlist takes the nearest tracks and never the same artist twice in a row",
           "[matching]")
{
    Fixture f ("suggest-steady");
    f.fillGrid();
    const auto playlist = f.suggest (steadyAt (0.1, 0.1, 10));

    REQUIRE (playlist.entries.size() == 10);
    std::set<std::string> paths;
    for (std::size_t i = 0; i < playlist.entries.size(); ++i)
    {
        const auto& e = playlist.entries[i];
        CHECK (*e.track.features.valence < 0.45);
        CHECK (*e.track.features.energy < 0.45);
        CHECK (! e.reason.empty());
        CHECK (paths.insert (e.track.path).second);
        if (i > 0)
            CHECK (e.track.artist != playlist.entries[i - 1].track.artist);
    }
    CHECK_THAT (playlist.entries.front().reason,
                Catch::Contains ("BPM") && Catch::Contains ("LUFS"));
}

TEST_CASE ("a rising arc starts low and ends high", "[matching]")
{
    Fixture f ("suggest-rising");
    f.fillGrid();
    auto target = steadyAt (0.85, 0.85, 8);
    target.start = mood::MoodPoint { 0.15, 0.15 };
    target.arc = mood::Arc::rising;

    const auto playlist = f.suggest (target);
    REQUIRE (playlist.entries.size() == 8);
    const auto& first = playlist.entries.front().track.features;
    const auto& last = playlist.entries.back().track.features;
    CHECK (*first.energy < 0.3);
    CHECK (*last.energy > 0.7);
    CHECK (*first.valence < 0.3);
    CHECK (*last.valence > 0.7);
    CHECK_THAT (playlist.entries.front().reason, Catch::Contains ("start"));
    CHECK_THAT (playlist.entries.back().reason, Catch::Contains ("end"));
}

TEST_CASE ("a requested duration is met within one track", "[matching]")
{
    Fixture f ("suggest-duration");
    f.fillGrid();
    auto target = steadyAt (0.5, 0.5, 12);
    target.durationSeconds = 45 * 60.0;

    const auto playlist = f.suggest (target);
    CHECK (playlist.getTotalSeconds() >= 45 * 60.0);
    CHECK (playlist.getTotalSeconds() < 45 * 60.0 + 200.0);
}

TEST_CASE ("exclusions, small catalogs and unanalysed tracks", "[matching]")
{
    Fixture f ("suggest-constraints");
    f.add ("calm one", "Quiet Band", 0.3, 0.1);
    f.add ("calm two", "Metal Heads", 0.3, 0.12);
    f.add ("calm three", "Other", 0.35, 0.15);
    f.add ("silent", "Nobody", 0.0, 0.0, 30.0, false);

    auto target = steadyAt (0.3, 0.1, 10);
    target.exclude = { "metal" };
    const auto playlist = f.suggest (target);

    REQUIRE (playlist.entries.size() == 2);
    for (const auto& e : playlist.entries)
    {
        CHECK (e.track.artist != "Metal Heads");
        CHECK (e.track.title != "silent");
    }
    REQUIRE (playlist.notes.size() == 2);
    CHECK_THAT (playlist.notes[0], Catch::Contains ("only 2"));
    CHECK_THAT (playlist.notes[1], Catch::Contains ("Left out 1"));
}

TEST_CASE ("the feature index is persisted, refreshed when the catalog changes, and rebuilt when "
           "damaged",
           "[matching]")
{
    Fixture f ("suggest-index");
    f.fillGrid (4);
    const auto indexFile = f.folder / "features.hnsw";
    CHECK (f.suggest (steadyAt (0.9, 0.9, 1)).entries.size() == 1);
    REQUIRE (std::filesystem::exists (indexFile));
    REQUIRE (std::filesystem::exists (indexFile.string() + ".json"));

    // A new track right at the target must be found: the index notices the catalog changed.
    f.add ("newcomer", "New Artist", 0.99, 0.99);
    auto playlist = f.suggest (steadyAt (0.99, 0.99, 1));
    REQUIRE (playlist.entries.size() == 1);
    CHECK (playlist.entries[0].track.title == "newcomer");

    // Truncate the graph: the checksum no longer matches, so it is rebuilt, not trusted.
    std::filesystem::resize_file (indexFile, std::filesystem::file_size (indexFile) / 3);
    playlist = f.suggest (steadyAt (0.99, 0.99, 1));
    REQUIRE (playlist.entries.size() == 1);
    CHECK (playlist.entries[0].track.title == "newcomer");

    std::filesystem::remove (indexFile);
    CHECK (f.suggest (steadyAt (0.1, 0.1, 3)).entries.size() == 3);
    CHECK (std::filesystem::exists (indexFile));
}

TEST_CASE ("an empty library gives an error that says what to do", "[matching]")
{
    Fixture f ("suggest-empty");
    matching::Suggester suggester (*f.catalog, f.folder / "features.hnsw");
    auto playlist = suggester.suggest (steadyAt (0.5, 0.5, 5));
    REQUIRE (! playlist);
    CHECK_THAT (playlist.error().message, Catch::Contains ("moodboard scan"));
}

TEST_CASE ("an M3U8 file lists every track with its length and name", "[matching]")
{
    Fixture f ("suggest-m3u");
    f.fillGrid (4);
    const auto playlist = f.suggest (steadyAt (0.5, 0.5, 4));
    const auto file = f.folder / "out" / "mood.m3u8";
    REQUIRE (matching::writeM3u8 (playlist, file));

    std::ifstream in (file);
    std::vector<std::string> lines;
    for (std::string line; std::getline (in, line);)
        lines.push_back (line);

    REQUIRE (lines.size() == 2 + 2 * 4);
    CHECK (lines[0] == "#EXTM3U");
    CHECK (lines[1] == "#PLAYLIST:mood"); // no name given: the file's
    CHECK_THAT (lines[2], Catch::StartsWith ("#EXTINF:200,Artist "));
    CHECK (lines[3] == playlist.entries[0].track.path);
}

TEST_CASE ("the index follows the catalog track by track", "[matching]")
{
    Fixture f ("suggest-sync");
    f.fillGrid (4);
    CHECK (f.suggest (steadyAt (0.1, 0.1, 1)).entries.size() == 1);

    // Re-analysis moves a track; removal and an unanalysed file leave it out of every answer.
    auto moved = f.catalog->findByPath ("/library/grid0.ogg").value();
    moved.features.valence = 0.99;
    moved.features.energy = 0.01;
    REQUIRE (f.catalog->store (moved));
    REQUIRE (f.catalog->forget ({ "/library/grid5.ogg" }).value() == 1);

    auto playlist = f.suggest (steadyAt (0.99, 0.01, 1));
    REQUIRE (playlist.entries.size() == 1);
    CHECK (playlist.entries[0].track.path == "/library/grid0.ogg");

    const auto all = f.suggest (steadyAt (0.5, 0.5, 100));
    CHECK (all.entries.size() == 15);
    for (const auto& e : all.entries)
        CHECK (e.track.path != "/library/grid5.ogg");
}

TEST_CASE ("a loaded index counts its deleted tracks even on reused memory", "[matching]")
{
    Fixture f ("suggest-reload");
    f.fillGrid (4);
    auto tracks = f.catalog->getAllTracks();
    const auto file = f.folder / "features.hnsw";

    matching::TrackIndex saved;
    saved.build (tracks, 1);
    tracks.pop_back();   // the last track vanished from the catalog
    REQUIRE (saved.sync (tracks, 2).removed == 1);
    REQUIRE (saved.save (file));

    // hnswlib allocates the loaded graph with new; leave freed blocks of every small size full
    // of ones behind, so a counter the loader forgets to clear starts from garbage, not zero.
    std::vector<void*> blocks;
    for (std::size_t bytes = 64; bytes <= 2048; bytes += 8)
        for (int copy = 0; copy < 7; ++copy)
            blocks.push_back (std::memset (::operator new (bytes), 0xff, bytes));
    for (auto* block : blocks)
        ::operator delete (block);

    matching::TrackIndex loaded;
    REQUIRE (loaded.load (file));
    CHECK (loaded.size() == 15);
    CHECK (loaded.getCatalogGeneration() == 2);
    CHECK (loaded.nearest (*matching::FeatureSpace::embed (tracks[0].features), 100).size() == 15);
}

TEST_CASE ("an index of another feature-space version is rebuilt", "[matching]")
{
    Fixture f ("suggest-version");
    f.fillGrid (4);
    CHECK (f.suggest (steadyAt (0.5, 0.5, 3)).entries.size() == 3);

    const auto description = f.folder / "features.hnsw.json";
    auto json = nlohmann::json::parse (std::ifstream (description));
    json["feature_space_version"] = 0;
    std::ofstream (description) << json.dump();

    CHECK (f.suggest (steadyAt (0.5, 0.5, 3)).entries.size() == 3);
    CHECK (nlohmann::json::parse (std::ifstream (description))["feature_space_version"]
           == matching::FeatureSpace::version);
}

TEST_CASE ("a tempo range is kept while the library allows it, then relaxed with a note",
           "[matching]")
{
    Fixture f ("suggest-tempo");
    f.fillGrid();   // tempo 70 + 80 * energy

    auto target = steadyAt (0.5, 0.5, 5);
    target.tempoBpm = mood::TempoRange { 100.0, 120.0 };
    auto playlist = f.suggest (target);
    REQUIRE (playlist.entries.size() == 5);
    for (const auto& e : playlist.entries)
    {
        const auto bpm = *e.track.features.tempoBpm;
        const auto within = [] (double b) { return b >= 100 && b <= 120; };
        CHECK ((within (bpm) || within (bpm / 2) || within (bpm * 2)));
    }
    CHECK (playlist.notes.empty());

    target.tempoBpm = mood::TempoRange { 71.0, 72.0 };
    target.count = 10;
    playlist = f.suggest (target);
    CHECK (playlist.entries.size() == 10);
    REQUIRE_FALSE (playlist.notes.empty());
    CHECK_THAT (playlist.notes[0], Catch::Contains ("tempo range was relaxed"));
}

TEST_CASE ("like this track, and a path from one track to another", "[matching]")
{
    Fixture f ("suggest-like");
    f.fillGrid();

    matching::Suggester suggester (*f.catalog, f.folder / "features.hnsw");
    const auto seed = f.catalog->findByPath ("/library/grid9.ogg").value();   // v 0.19, e 0.19
    auto like = suggester.suggestLike (seed.path, 5);
    REQUIRE (like);
    REQUIRE (like->entries.size() == 5);
    CHECK (like->entries.front().track.path == seed.path);
    for (const auto& e : like->entries)
        CHECK (std::abs (*e.track.features.energy - *seed.features.energy) < 0.3);

    const auto low = f.catalog->findByPath ("/library/grid0.ogg").value();
    const auto high = f.catalog->findByPath ("/library/grid63.ogg").value();
    auto path = suggester.suggestPath (low.path, std::to_string (high.id), 6);
    REQUIRE (path);
    REQUIRE (path->entries.size() == 6);
    CHECK (path->entries.front().track.path == low.path);
    CHECK (path->entries.back().track.path == high.path);
    CHECK (*path->entries[2].track.features.energy < *path->entries[4].track.features.energy);

    auto missing = suggester.suggestLike ("/library/nope.ogg", 3);
    REQUIRE_FALSE (missing);
    CHECK_THAT (missing.error().message, Catch::Contains ("not an analysed track"));
}

TEST_CASE ("XSPF export with escaped names and file URIs; the extension picks the format",
           "[matching]")
{
    Fixture f ("suggest-xspf");
    f.add ("Rock & Roll <live>", "Ünïcode Band", 0.5, 0.5);
    const auto playlist = f.suggest (steadyAt (0.5, 0.5, 1));

    const auto file = f.folder / "mood.xspf";
    REQUIRE (matching::writePlaylistFile (playlist, file));
    std::ifstream in (file);
    const std::string xml ((std::istreambuf_iterator<char> (in)), {});
    CHECK_THAT (xml, Catch::Contains ("<title>Rock &amp; Roll &lt;live&gt;</title>"));
    CHECK_THAT (xml, Catch::Contains ("<creator>Ünïcode Band</creator>"));
    CHECK_THAT (xml, Catch::Contains ("<location>file:///library/"
                                      "Rock%20%26%20Roll%20%3Clive%3E.ogg</location>"));
    CHECK_THAT (xml, Catch::Contains ("<duration>200000</duration>"));

    CHECK (matching::writePlaylistFile (playlist, f.folder / "mood.m3u8"));
    const auto wrong = matching::writePlaylistFile (playlist, f.folder / "mood.txt");
    REQUIRE_FALSE (wrong);
    CHECK_THAT (wrong.error().message, Catch::Contains (".xspf"));
}

TEST_CASE ("opposite moods stay apart in a library whose energies lie close together",
           "[matching]")
{
    // Like a collection of orchestral game music: valence spreads from 0.2 to 0.7, energy only
    // from 0.45 to 0.7, and tempi have nothing to do with either (so a chain of similar tempi
    // is always at hand and must not outweigh the mood).
    Fixture f ("suggest-narrow");
    std::uint32_t state = 12345;
    auto next = [&state]
    {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) / 16777216.0;
    };
    for (int i = 0; i < 60; ++i)
    {
        library::Track t;
        t.path = "/library/narrow" + std::to_string (i) + ".ogg";
        t.title = "narrow" + std::to_string (i);
        t.artist = "Artist " + std::to_string (i % 7);
        t.analysisVersion = audio::analysisVersion;
        t.features.durationSeconds = 200.0;
        t.features.valence = 0.2 + 0.5 * next();
        t.features.energy = 0.45 + 0.25 * next();
        t.features.loudnessLufs = -20.0 + 8.0 * next();
        t.features.tempoBpm = 80.0 + 120.0 * next();
        t.features.danceability = 0.2 + 0.5 * next();
        t.features.acousticness = 0.75 + 0.25 * next();
        t.features.brightness = 0.3 + 0.4 * next();
        REQUIRE (f.catalog->store (t));
    }

    const auto calm = f.suggest (steadyAt (0.56, 0.15, 12));
    const auto upbeat = f.suggest (steadyAt (0.79, 0.81, 12));
    REQUIRE (calm.entries.size() == 12);
    REQUIRE (upbeat.entries.size() == 12);

    std::set<std::string> calmPaths;
    double calmEnergy = 0.0, upbeatEnergy = 0.0;
    for (const auto& e : calm.entries)
    {
        calmPaths.insert (e.track.path);
        calmEnergy += *e.track.features.energy / 12.0;
    }
    int shared = 0;
    for (const auto& e : upbeat.entries)
    {
        shared += calmPaths.contains (e.track.path) ? 1 : 0;
        upbeatEnergy += *e.track.features.energy / 12.0;
    }

    INFO ("calm energy " << calmEnergy << ", upbeat energy " << upbeatEnergy);
    CHECK (shared <= 1);
    // Each takes its own end of what the library has: 0.45..0.70 splits at about 0.575.
    CHECK (calmEnergy < 0.54);
    CHECK (upbeatEnergy > 0.61);
}
