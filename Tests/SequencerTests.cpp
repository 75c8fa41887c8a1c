#include "Matching/Sequencer.h"
#include "Matching/Transitions.h"
#include "PoolHelpers.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>

using namespace moodboard;
using testing::countPath;
using testing::pointers;
using matching::Sequencer;
using matching::Transitions;

namespace
{
library::Track makeTrack (int n, double valence, double energy, double bpm, int key, int mode,
                          const std::string& artist, const std::string& album = {})
{
    library::Track t;
    t.id = n;
    t.path = "/music/" + std::to_string (n) + ".flac";
    t.title = "Song " + std::to_string (n);
    t.artist = artist;
    t.album = album;
    t.analysisVersion = audio::analysisVersion;
    t.features.durationSeconds = 180.0;
    t.features.valence = valence;
    t.features.energy = energy;
    t.features.loudnessLufs = -25.0 + 15.0 * energy;
    t.features.tempoBpm = bpm;
    t.features.key = key;
    t.features.mode = mode;
    return t;
}

mood::MoodTarget steady (double v, double e, int count)
{
    mood::MoodTarget t;
    t.end = { v, e };
    t.count = count;
    return t;
}
} // namespace

TEST_CASE ("tempo steps fold half and double time; keys mix along the circle of fifths",
           "[matching]")
{
    audio::Features a, b;
    a.tempoBpm = 62.0;
    b.tempoBpm = 120.0;
    CHECK (Transitions::tempoStep (a, b) == Approx (4.0));
    b.tempoBpm = 90.0;
    CHECK (Transitions::tempoStep (a, b) == Approx (28.0));

    auto key = [] (int k, int m) { audio::Features f; f.key = k; f.mode = m; return f; };
    CHECK (Transitions::areKeysCompatible (key (0, 1), key (0, 1)));    // C major, C major
    CHECK (Transitions::areKeysCompatible (key (0, 1), key (9, 0)));    // C major, A minor
    CHECK (Transitions::areKeysCompatible (key (0, 1), key (7, 1)));    // C major, G major
    CHECK (Transitions::areKeysCompatible (key (0, 1), key (5, 1)));    // C major, F major
    CHECK (Transitions::areKeysCompatible (key (9, 0), key (4, 0)));    // A minor, E minor
    CHECK_FALSE (Transitions::areKeysCompatible (key (0, 1), key (6, 1)));  // C major, F# major
    CHECK_FALSE (Transitions::areKeysCompatible (key (0, 1), key (2, 1)));  // C major, D major
    CHECK (Transitions::areKeysCompatible (key (0, 1), audio::Features {}));
}

TEST_CASE ("recordings are recognised across remasters and by ISRC", "[matching]")
{
    auto a = makeTrack (1, 0.5, 0.5, 100, 0, 1, "The Band");
    auto b = makeTrack (2, 0.5, 0.5, 100, 0, 1, "the band");
    a.title = "Song Title";
    b.title = "Song Title (Remastered 2011)";
    CHECK (Transitions::recordingKey (a) == Transitions::recordingKey (b));
    b.title = "Other Song";
    CHECK (Transitions::recordingKey (a) != Transitions::recordingKey (b));
    a.isrc = b.isrc = "GBAYE0601498";
    CHECK (Transitions::recordingKey (a) == Transitions::recordingKey (b));
}

TEST_CASE ("no album more than twice, no duplicate recordings, no artist twice in a row",
           "[matching]")
{
    std::vector<library::Track> tracks;
    for (int i = 0; i < 6; ++i)
        tracks.push_back (makeTrack (i, 0.5, 0.5, 100, 0, 1, "Solo Artist", "One Album"));
    for (int i = 6; i < 13; ++i)
        tracks.push_back (makeTrack (i, 0.52, 0.52, 100, 0, 1, "Artist " + std::to_string (i),
                                     "Album " + std::to_string (i)));
    tracks[7].title = tracks[8].title = "Same Song";
    tracks[7].artist = tracks[8].artist = "Twin";

    const auto playlist = Sequencer::build (pointers (tracks), steady (0.5, 0.5, 8));
    REQUIRE (playlist.entries.size() == 8);

    int fromAlbum = 0, twins = 0;
    for (std::size_t i = 0; i < playlist.entries.size(); ++i)
    {
        const auto& t = playlist.entries[i].track;
        fromAlbum += t.album == "One Album" ? 1 : 0;
        twins += t.artist == "Twin" ? 1 : 0;
        if (i > 0)
            CHECK (t.artist != playlist.entries[i - 1].track.artist);
    }
    CHECK (fromAlbum == 2);
    CHECK (twins == 1);
    CHECK (playlist.notes.empty());

    // With only the album left, the rule gives way and says so.
    std::vector<library::Track> onlyAlbum (tracks.begin(), tracks.begin() + 6);
    const auto small = Sequencer::build (pointers (onlyAlbum), steady (0.5, 0.5, 4));
    CHECK (small.entries.size() == 4);
    CHECK_FALSE (small.notes.empty());
}

TEST_CASE ("sequencing flows better than plain nearest-neighbour order for the same tracks",
           "[matching]")
{
    // Tracks of similar mood with scattered tempi and keys: the order is what differs.
    std::mt19937 random (42);
    std::uniform_real_distribution<double> near (0.45, 0.55), bpm (70.0, 170.0);
    std::uniform_int_distribution<int> key (0, 11), mode (0, 1);
    std::vector<library::Track> tracks;
    for (int i = 0; i < 60; ++i)
        tracks.push_back (makeTrack (i, near (random), near (random), bpm (random), key (random),
                                     mode (random), "Artist " + std::to_string (i)));

    const auto target = steady (0.5, 0.5, 15);
    const auto ours = Sequencer::build (pointers (tracks), target);
    REQUIRE (ours.entries.size() == 15);

    // The same tracks, ordered by distance to the target alone.
    matching::Playlist plain = ours;
    std::sort (plain.entries.begin(), plain.entries.end(),
               [] (const auto& a, const auto& b) { return a.distance < b.distance; });

    const auto q = Sequencer::measure (ours);
    const auto p = Sequencer::measure (plain);
    INFO ("ours: tempo step " << q.meanTempoStep << ", harmonic " << q.harmonicShare);
    INFO ("plain: tempo step " << p.meanTempoStep << ", harmonic " << p.harmonicShare);
    CHECK (q.meanTempoStep < p.meanTempoStep);
    CHECK (q.harmonicShare > p.harmonicShare);
}

TEST_CASE ("variety trades closeness for spread, and a seed repeats a playlist", "[matching]")
{
    std::vector<library::Track> tracks;
    int n = 0;
    for (int v = 0; v < 12; ++v)
        for (int e = 0; e < 12; ++e, ++n)
            tracks.push_back (makeTrack (n, (v + 0.5) / 12, (e + 0.5) / 12, 100, 0, 1,
                                         "A" + std::to_string (n)));

    const auto target = steady (0.5, 0.5, 12);
    matching::SequenceOptions same, surprise;
    surprise.variety = 1.0;
    surprise.seed = 7;

    const auto close = Sequencer::build (pointers (tracks), target, same);
    const auto wide = Sequencer::build (pointers (tracks), target, surprise);
    const auto again = Sequencer::build (pointers (tracks), target, surprise);

    CHECK (Sequencer::measure (close).arcDeviation < Sequencer::measure (wide).arcDeviation);
    REQUIRE (again.entries.size() == wide.entries.size());
    for (std::size_t i = 0; i < wide.entries.size(); ++i)
        CHECK (again.entries[i].track.path == wide.entries[i].track.path);
}
