// Locked tracks: the user pins tracks of a playlist; a refined playlist keeps each at its place,
// fills the other slots around it and never repeats it. The assistant refines with the shell's
// locks only for refinements, and works on the playlist as the user edited it.
#include "Assistant/Assistant.h"
#include "AudioFiles.h"
#include "Matching/PlaylistEdit.h"
#include "Matching/Sequencer.h"
#include "PoolHelpers.h"

#include <catch2/catch.hpp>

#include <set>

using namespace moodboard;
using testing::countPath;
using testing::pointers;
using matching::LockedTrack;
using matching::Sequencer;

namespace
{
library::Track lockTrack (int n, double valence, double energy, const std::string& artist)
{
    library::Track t;
    t.id = n;
    t.path = "/music/lock-" + std::to_string (n) + ".flac";
    t.title = "Piece " + std::to_string (n);
    t.artist = artist;
    t.analysisVersion = audio::analysisVersion;
    t.features.durationSeconds = 200.0;
    t.features.valence = valence;
    t.features.energy = energy;
    t.features.loudnessLufs = -20.0;
    t.features.tempoBpm = 100.0 + n;
    t.features.key = n % 12;
    t.features.mode = 1;
    return t;
}

mood::MoodTarget upbeat (int count)
{
    mood::MoodTarget t;
    t.end = { 0.8, 0.85 };
    t.count = count;
    return t;
}

// Twenty tracks from calm to lively, each by its own artist.
std::vector<library::Track> spread()
{
    std::vector<library::Track> tracks;
    for (int i = 0; i < 20; ++i)
        tracks.push_back (lockTrack (i, 0.05 * i, 0.05 * i, "Artist " + std::to_string (i)));
    return tracks;
}

} // namespace

TEST_CASE ("locked tracks keep their slot in a rebuilt playlist and are not repeated", "[matching]")
{
    const auto tracks = spread();
    const auto pool = pointers (tracks);

    // The calmest track does not fit "upbeat" at all; the liveliest fits best and would be
    // picked on its own merit too.
    const auto& calm = tracks[0];
    const auto& lively = tracks[19];

    matching::SequenceOptions options;
    options.locked = { LockedTrack { 0, &calm }, LockedTrack { 4, &lively } };
    const auto playlist = Sequencer::build (pool, upbeat (8), options);

    REQUIRE (playlist.entries.size() == 8);
    CHECK (playlist.entries[0].track.path == calm.path);
    CHECK (playlist.entries[0].locked);
    CHECK (playlist.entries[4].track.path == lively.path);
    CHECK (playlist.entries[4].locked);
    CHECK (countPath (playlist, calm.path) == 1);
    CHECK (countPath (playlist, lively.path) == 1);

    std::set<std::string> paths;
    int lockedEntries = 0;
    for (const auto& entry : playlist.entries)
    {
        paths.insert (entry.track.path);
        lockedEntries += entry.locked ? 1 : 0;
    }
    CHECK (paths.size() == 8);
    CHECK (lockedEntries == 2);

    // The free slots still follow the mood: without locks, the calm track is not chosen.
    const auto free = Sequencer::build (pool, upbeat (8));
    CHECK (countPath (free, calm.path) == 0);
    for (const auto& entry : free.entries)
        CHECK_FALSE (entry.locked);
}

TEST_CASE ("a locked track past the end of a shorter playlist closes it", "[matching]")
{
    const auto tracks = spread();
    matching::SequenceOptions options;
    options.locked = { LockedTrack { 9, &tracks[3] }, LockedTrack { 1, &tracks[18] } };

    const auto playlist = Sequencer::build (pointers (tracks), upbeat (5), options);
    REQUIRE (playlist.entries.size() == 6);
    CHECK (playlist.entries[1].track.path == tracks[18].path);
    CHECK (playlist.entries.back().track.path == tracks[3].path);
    CHECK (playlist.entries.back().locked);

    // A pool too small for the playlist still keeps every locked track, after the free ones.
    const std::vector<const library::Track*> tiny { &tracks[10] };
    const auto small = Sequencer::build (tiny, upbeat (8), options);
    REQUIRE (small.entries.size() == 3);
    CHECK (small.entries[0].track.path == tracks[10].path);
    CHECK (small.entries[1].track.path == tracks[18].path);
    CHECK (small.entries[2].track.path == tracks[3].path);
}

TEST_CASE ("the assistant refines with the shell's locks and works on the edited playlist",
           "[assistant]")
{
    testing::ScopedMoodboardHome home ("assistant-locks");

    int suggested = 0, refined = 0;
    assistant::AssistantServices services;
    auto makeList = [] (const mood::MoodTarget& target, const std::string& reason)
    {
        matching::Playlist playlist;
        playlist.mood = target;
        for (int i = 0; i < 4; ++i)
            playlist.entries.push_back ({ lockTrack (i, 0.5, 0.5, "A"), target.end, 0.1, reason });
        return playlist;
    };
    services.suggest = [&] (const mood::MoodTarget& target) -> Expected<matching::Playlist>
    {
        ++suggested;
        return makeList (target, "new");
    };
    services.refine = [&] (const mood::MoodTarget& target) -> Expected<matching::Playlist>
    {
        ++refined;
        return makeList (target, "refined");
    };

    assistant::Assistant chat (services, home.getFolder() / "assistant.json");
    (void) chat.say ("something calm for the evening");
    CHECK (suggested == 1);
    CHECK (refined == 0);

    // The user removed the first track and locked the (new) first one.
    auto edited = *chat.getPlaylist();
    edited.entries.erase (edited.entries.begin());
    edited.entries[0].locked = true;
    chat.setPlaylist (edited);
    REQUIRE (chat.getPlaylist()->entries.size() == 3);

    const auto why = chat.say ("why the first one?");
    CHECK (why.text.rfind ("Piece 1:", 0) == 0);

    const auto more = chat.say ("more upbeat");
    CHECK (more.toolCalls == std::vector<std::string> { "refine_playlist" });
    CHECK (refined == 1);
    CHECK (suggested == 1);
}

TEST_CASE ("edits make new playlists and leave the shared one as it was", "[matching]")
{
    matching::Playlist shown;
    for (int i = 0; i < 5; ++i)
        shown.entries.push_back ({ lockTrack (i, 0.5, 0.5, "A"), {}, 0.0, "" });
    auto titles = [] (const matching::Playlist& p)
    {
        std::string out;
        for (const auto& e : p.entries)
            out += e.track.title.back();
        return out;
    };

    CHECK (titles (matching::moveEntry (shown, 0, 3)) == "12304");
    CHECK (titles (matching::moveEntry (shown, 4, 1)) == "04123");
    CHECK (titles (matching::moveEntry (shown, 2, 9)) == "01234");
    CHECK (titles (matching::removeEntry (shown, 1)) == "0234");
    CHECK (titles (matching::removeEntry (shown, 5)) == "01234");
    CHECK (titles (shown) == "01234");

    const auto locked =
        matching::setEntryLocked (matching::setEntryLocked (shown, 3, true), 1, true);
    CHECK_FALSE (shown.entries[3].locked);
    const auto locks = matching::lockedTracksOf (locked);
    REQUIRE (locks.size() == 2);
    CHECK (locks[0].slot == 1);
    CHECK (locks[0].track == &locked.entries[1].track);
    CHECK (locks[1].slot == 3);

    // A locked track moved by the user is locked at its new place.
    const auto moved = matching::moveEntry (locked, 3, 0);
    CHECK (matching::lockedTracksOf (moved)[0].slot == 0);
    CHECK (moved.entries[0].track.title == "Piece 3");
}
