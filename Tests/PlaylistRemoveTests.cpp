// Removed tracks: a track the user removed from a playlist stays out of every later refinement of
// that playlist ("more upbeat", then "calmer"), the playlist keeps the length asked for while the
// library has tracks enough, and the same recording in another file stays out too.
#include "Assistant/Assistant.h"
#include "AudioFiles.h"
#include "Matching/PlaylistEdit.h"
#include "Matching/Sequencer.h"
#include "PoolHelpers.h"

#include <catch2/catch.hpp>

using namespace moodboard;
using testing::countPath;
using testing::pointers;
using matching::Sequencer;

namespace
{
library::Track removeTrack (int n, double valence, double energy)
{
    library::Track t;
    t.id = n + 1;
    t.path = "/music/remove-" + std::to_string (n) + ".flac";
    t.title = "Song " + std::to_string (n);
    t.artist = "Artist " + std::to_string (n);
    t.analysisVersion = audio::analysisVersion;
    t.features.durationSeconds = 210.0;
    t.features.valence = valence;
    t.features.energy = energy;
    t.features.loudnessLufs = -14.0;
    t.features.tempoBpm = 90.0 + 2 * n;
    t.features.key = n % 12;
    t.features.mode = 1;
    return t;
}

// Twenty-four tracks from calm to lively.
std::vector<library::Track> library24()
{
    std::vector<library::Track> tracks;
    for (int i = 0; i < 24; ++i)
        tracks.push_back (removeTrack (i, 0.04 * i, 0.04 * i));
    return tracks;
}

mood::MoodTarget moodAt (double valence, double energy, int count)
{
    mood::MoodTarget t;
    t.end = { valence, energy };
    t.count = count;
    return t;
}

} // namespace

TEST_CASE ("a removed track stays out of every refinement and the length holds", "[matching]")
{
    const auto tracks = library24();
    const auto pool = pointers (tracks);

    const auto shown = Sequencer::build (pool, moodAt (0.7, 0.7, 8));
    REQUIRE (shown.entries.size() == 8);
    CHECK (shown.removed.empty());

    // The user removes the liveliest track, which "more upbeat" would choose first.
    const auto liveliest = std::ranges::max_element (shown.entries, {}, [] (const auto& e)
                                                     { return *e.track.features.energy; });
    const auto position = (std::size_t) (liveliest - shown.entries.begin());
    const auto gone = liveliest->track;
    const auto edited = matching::removeEntry (shown, position);
    REQUIRE (edited.entries.size() == 7);
    REQUIRE (edited.removed.size() == 1);
    CHECK (edited.removed[0].path == gone.path);
    CHECK (countPath (edited, gone.path) == 0);

    // "More upbeat": without the removal the track would be chosen again.
    const auto upbeat = moodAt (0.78, 0.78, 8);
    REQUIRE (countPath (Sequencer::build (pool, upbeat), gone.path) == 1);

    const auto refined = Sequencer::build (pool, upbeat, matching::refinementOptionsOf (edited));
    CHECK (refined.entries.size() == 8);
    CHECK (countPath (refined, gone.path) == 0);
    REQUIRE (refined.removed.size() == 1);
    CHECK (refined.removed[0].path == gone.path);

    // A second refinement of the refined playlist, after the user locked its first track.
    const auto locked = matching::setEntryLocked (refined, 0, true);
    const auto again = Sequencer::build (pool, moodAt (0.74, 0.74, 8),
                                         matching::refinementOptionsOf (locked));
    CHECK (again.entries.size() == 8);
    CHECK (countPath (again, gone.path) == 0);
    CHECK (again.entries[0].track.path == refined.entries[0].track.path);
    CHECK (again.entries[0].locked);

    // Another removal adds to the first.
    const auto second = matching::removeEntry (again, 1);
    const auto twice = Sequencer::build (pool, upbeat, matching::refinementOptionsOf (second));
    CHECK (twice.entries.size() == 8);
    CHECK (countPath (twice, gone.path) == 0);
    CHECK (countPath (twice, again.entries[1].track.path) == 0);
    CHECK (twice.removed.size() == 2);
}

TEST_CASE ("a removal leaves out the same recording in another file", "[matching]")
{
    auto tracks = library24();
    auto copy = tracks[20];
    copy.id = 100;
    copy.path = "/music/copies/remove-20.mp3";
    tracks.push_back (copy);
    const auto pool = pointers (tracks);

    matching::Playlist shown;
    shown.entries.push_back ({ tracks[20], {}, 0.0, "" });
    const auto edited = matching::removeEntry (shown, 0);

    const auto target = moodAt (tracks[20].features.valence.value_or (0.8),
                                tracks[20].features.energy.value_or (0.8), 6);
    const auto plain = Sequencer::build (pool, target);
    REQUIRE (countPath (plain, tracks[20].path) + countPath (plain, copy.path) == 1);

    const auto refined = Sequencer::build (pool, target, matching::refinementOptionsOf (edited));
    CHECK (refined.entries.size() == 6);
    CHECK (countPath (refined, tracks[20].path) == 0);
    CHECK (countPath (refined, copy.path) == 0);
}

TEST_CASE ("the assistant's refinements leave out what the user removed", "[assistant]")
{
    testing::ScopedMoodboardHome home ("assistant-removed");
    const auto tracks = library24();
    const auto pool = pointers (tracks);

    // The services as the app wires them: a refinement reads the playlist the user sees.
    std::optional<matching::Playlist> seen;
    int refinements = 0;
    assistant::AssistantServices services;
    services.suggest = [&] (const mood::MoodTarget& target) -> Expected<matching::Playlist>
    { return Sequencer::build (pool, target); };
    services.refine = [&] (const mood::MoodTarget& target) -> Expected<matching::Playlist>
    {
        ++refinements;
        REQUIRE (seen);
        return Sequencer::build (pool, target, matching::refinementOptionsOf (*seen));
    };

    assistant::Assistant chat (services, home.getFolder() / "assistant.json");
    (void) chat.say ("something happy and energetic, 8 songs");
    REQUIRE (chat.getPlaylist());
    const auto asked = chat.getPlaylist()->entries.size();
    REQUIRE (asked >= 4);

    const auto gone = chat.getPlaylist()->entries[0].track;
    seen = matching::removeEntry (*chat.getPlaylist(), 0);
    chat.setPlaylist (*seen);

    for (const auto* change : { "more upbeat", "calmer" })
    {
        INFO (change);
        const auto before = refinements;
        const auto reply = chat.say (change);
        CHECK (reply.toolCalls == std::vector<std::string> { "refine_playlist" });
        CHECK (refinements == before + 1);
        REQUIRE (chat.getPlaylist());
        CHECK (chat.getPlaylist()->entries.size() == asked);
        CHECK (countPath (*chat.getPlaylist(), gone.path) == 0);
        seen = *chat.getPlaylist();
    }
}
