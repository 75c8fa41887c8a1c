// The Spotify layer's pure parts: defensive parsing of the Web API's objects, matching a local
// file to a Spotify track, the push plan and its confirmation, the push records, the cover.
#include "AudioFiles.h"
#include "Auth/Pkce.h"
#include "Spotify/CoverArt.h"
#include "Spotify/PlanBuilder.h"
#include "Spotify/PushJournal.h"
#include "Spotify/SpotifyFeatures.h"
#include "Spotify/TrackResolver.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace moodboard;
using namespace moodboard::spotify;
using nlohmann::json;

namespace
{
json trackJson (const std::string& id, const std::string& name)
{
    return {{"id", id},
            {"name", name},
            {"type", "track"},
            {"duration_ms", 201000},
            {"uri", "spotify:track:" + id},
            {"artists", json::array ({{{"name", "Nina Simone"}}, {{"name", nullptr}}})},
            {"album", {{"name", "Little Girl Blue"}}},
            {"external_ids", {{"isrc", "USBN15800010"}}},
            {"unknown_field", 42}};
}

library::Track localTrack (std::string title, std::string artist, double seconds)
{
    library::Track track;
    track.title = std::move (title);
    track.artist = std::move (artist);
    track.features.durationSeconds = seconds;
    return track;
}

class AnswerPrompt final : public ConfirmationPrompt
{
public:
    explicit AnswerPrompt (bool answer)
        : yes (answer)
    {
    }
    int asked = 0;

protected:
    bool ask (const PushPlan&) override
    {
        ++asked;
        return yes;
    }

private:
    bool yes;
};
} // namespace

TEST_CASE ("Track objects are read from the item field, the older track field, or bare",
           "[spotify]")
{
    const auto bare = trackJson ("4iV5W9uYEdYUVa79Axb7Rh", "Feeling Good");
    const auto parsed = parseTrack (bare);
    REQUIRE (parsed);
    CHECK (parsed->name == "Feeling Good");
    CHECK (parsed->artists == std::vector<std::string>{"Nina Simone"}); // the null name dropped
    CHECK (parsed->album == "Little Girl Blue");
    CHECK (parsed->durationMs == 201000);
    CHECK (parsed->isrc == "USBN15800010");

    CHECK (parseTrack ({{"added_at", "2026-02-01T00:00:00Z"}, {"item", bare}})->id ==
           "4iV5W9uYEdYUVa79Axb7Rh");
    CHECK (parseTrack ({{"item", nullptr}, {"track", bare}})->id == "4iV5W9uYEdYUVa79Axb7Rh");

    auto noId = bare;
    noId.erase ("id");
    CHECK_FALSE (parseTrack (noId));
    auto local = bare;
    local["is_local"] = true;
    CHECK_FALSE (parseTrack (local));
    CHECK_FALSE (parseTrack (json ("a string")));
    auto wrongTypes = bare;
    wrongTypes["duration_ms"] = "long";
    wrongTypes["artists"] = 7;
    const auto defensive = parseTrack (wrongTypes);
    REQUIRE (defensive);
    CHECK (defensive->durationMs == 0);
    CHECK (defensive->artists.empty());
}

TEST_CASE ("A playlist's count is read from items, or from the older tracks field", "[spotify]")
{
    CHECK (parsePlaylist ({{"id", "p1"}, {"items", {{"total", 7}}}}).itemCount == 7);
    CHECK (parsePlaylist ({{"id", "p1"}, {"tracks", {{"total", 3}}}}).itemCount == 3);
    CHECK (parsePlaylist ({{"id", "p1"}}).uri == "spotify:playlist:p1");
}

TEST_CASE ("Spotify's error bodies become short, printable messages", "[spotify]")
{
    CHECK (errorMessageOf (R"({"error":{"status":400,"message":"Invalid limit"}})") ==
           "Invalid limit");
    CHECK (errorMessageOf (R"({"error":"invalid_grant","error_description":"Bad code"})") ==
           "Bad code");
    CHECK (errorMessageOf ("<html>502</html>").empty());
    CHECK (errorMessageOf (R"({"error":{"message":"a\nb"}})") == "ab");
    CHECK (errorMessageOf (json{{"error", {{"message", std::string (500, 'x')}}}}.dump()).size() ==
           203);
}

TEST_CASE ("Titles are compared without version notes, case or punctuation", "[spotify]")
{
    CHECK (normaliseForMatching ("Feeling Good (Remastered 2011)") == "feeling good");
    CHECK (normaliseForMatching ("Song 2 - Radio Edit") == "song 2");
    CHECK (normaliseForMatching ("Crazy in Love feat. Jay-Z") == "crazy in love");
    CHECK (normaliseForMatching ("Déjà Vu!") == "déjà vu");
    CHECK (normaliseForMatching ("君が代") == "君が代");
}

TEST_CASE ("A good match scores high; another song or a far duration scores low", "[spotify]")
{
    SpotifyTrack candidate;
    candidate.name = "Feeling Good - 2011 Remaster";
    candidate.artists = {"Nina Simone"};
    candidate.durationMs = 177000;

    const auto same = matchScore (localTrack ("Feeling Good", "Nina Simone", 178.0), candidate);
    CHECK (same == Approx (1.0));
    const auto otherArtist =
        matchScore (localTrack ("Feeling Good", "Michael Bublé", 237.0), candidate);
    CHECK (otherArtist < 0.6);
    const auto otherSong = matchScore (localTrack ("Sinnerman", "Nina Simone", 622.0), candidate);
    CHECK (otherSong < 0.5);
    const auto featured =
        matchScore (localTrack ("Feeling Good", "Nina Simone feat. Someone", 178.0), candidate);
    CHECK (featured == Approx (1.0));
}

TEST_CASE ("A confirmation holds for the plan it was given for and no other", "[spotify]")
{
    PushPlan plan;
    plan.accountName = "Ann (spotify user ann)";
    plan.name = "Calm evening";
    plan.uris = {"spotify:track:4iV5W9uYEdYUVa79Axb7Rh"};
    plan.totalSeconds = 177;

    AnswerPrompt no (false);
    CHECK_FALSE (no.requestConfirmation (plan));
    CHECK (no.asked == 1);

    AnswerPrompt yes (true);
    const auto confirmation = yes.requestConfirmation (plan);
    REQUIRE (confirmation);
    CHECK (confirmation->getPlanDigest() == plan.digest());

    auto other = plan;
    other.uris.push_back ("spotify:track:1301WleyT98MSxVHPZCA6M");
    CHECK (other.digest() != plan.digest());
    auto renamed = plan;
    renamed.name = "Calm evening 2";
    CHECK (renamed.digest() != plan.digest());
    auto withCover = plan;
    withCover.coverJpegBase64 = "/9j/";
    CHECK (withCover.digest() != plan.digest());

    // What the user is shown: every fact the overlay and the prompt list.
    plan.unresolved = {"Nobody - Unknown Song (not on Spotify)"};
    const auto lines = plan.describe();
    CHECK (lines[0] == "Account: Ann (spotify user ann)");
    CHECK (lines[1] == "New playlist: Calm evening (private)");
    CHECK (lines[2] == "Tracks: 1, 2 min 57 s");
    CHECK (lines[3] == "Not found on Spotify, left out (1):");
    CHECK (lines[4] == "  Nobody - Unknown Song (not on Spotify)");
    CHECK (lines[5] == "Cover: none");
}

TEST_CASE ("Push records survive a round trip and a damaged one is named, not replaced",
           "[spotify]")
{
    testing::ScopedMoodboardHome home ("spotify-journal");
    PushJournal journal (home.getFolder() / "pushes");

    PushRecord record;
    record.plan.name = "Run faster";
    record.plan.uris = {"spotify:track:4iV5W9uYEdYUVa79Axb7Rh",
                        "spotify:track:1301WleyT98MSxVHPZCA6M"};
    record.planDigest = record.plan.digest();
    record.pushId = "abc123";
    record.playlistId = "3cEYpjA9oz9GiPac4AsH4n";
    record.added = 1;
    record.stage = PushRecord::Stage::adding;
    REQUIRE (journal.save (record));

    const auto found = journal.find ("Run faster");
    REQUIRE (found);
    REQUIRE (*found);
    CHECK ((*found)->added == 1);
    CHECK ((*found)->stage == PushRecord::Stage::adding);
    CHECK ((*found)->plan.uris == record.plan.uris);
    CHECK ((*found)->planDigest == record.plan.digest());
    CHECK (journal.unfinished().size() == 1);
    CHECK (*journal.find ("Another name") == std::nullopt);

    // A record whose tracks were changed after the user confirmed them is not carried on.
    {
        PushRecord tampered = record;
        tampered.plan.name = "Tampered";
        REQUIRE (journal.save (tampered));
        const auto tamperedFile =
            journal.getFolder() / (auth::sha256Hex ("Tampered").substr (0, 32) + ".json");
        auto text = nlohmann::json::parse (std::ifstream (tamperedFile));
        text["plan"]["uris"][0] = "spotify:track:1301WleyT98MSxVHPZCA6M";
        std::ofstream (tamperedFile) << text.dump();
        const auto refused = journal.find ("Tampered");
        REQUIRE_FALSE (refused);
        CHECK (refused.error().message.find ("no longer match what was confirmed") !=
               std::string::npos);
        std::vector<std::string> problems;
        CHECK (journal.unfinished (&problems).size() == 1);
        CHECK (problems.size() == 1);
        CHECK (*journal.remove ("Tampered"));
        CHECK_FALSE (*journal.remove ("Tampered"));
    }

    const auto file = *std::filesystem::directory_iterator (journal.getFolder());
    std::ofstream (file.path()) << "{ not json";
    const auto damaged = journal.find ("Run faster");
    REQUIRE_FALSE (damaged);
    CHECK (damaged.error().message.find (file.path().filename().string()) != std::string::npos);
    CHECK (journal.unfinished().empty());
}

TEST_CASE ("The cover is a JPEG whose base64 body fits Spotify's 256 KB, without whitespace",
           "[spotify]")
{
    const std::vector<mood::MoodPoint> arc{{0.2, 0.3}, {0.4, 0.5}, {0.7, 0.8}};
    const auto cover = renderCover (arc);
    REQUIRE (cover);
    CHECK (cover->size == 640);
    REQUIRE (cover->jpeg.size() > 1000);
    CHECK (cover->jpeg[0] == 0xFF);
    CHECK (cover->jpeg[1] == 0xD8);
    CHECK (cover->base64.starts_with ("/9j/"));
    CHECK (cover->base64.size() <= 256 * 1024);
    CHECK (cover->base64.find_first_of (" \r\n\t") == std::string::npos);
    CHECK (cover->base64.size() == 4 * ((cover->jpeg.size() + 2) / 3));

    // A tight limit forces lower quality, then a smaller picture.
    const auto small = renderCover (arc, 640, 12 * 1024);
    REQUIRE (small);
    CHECK (small->base64.size() <= 12 * 1024);
    CHECK ((small->quality < 90 || small->size < 640));
    CHECK_FALSE (renderCover (arc, 640, 100));
}

TEST_CASE ("Spotify's features map onto ours; a local file of the same recording is found",
           "[spotify]")
{
    SpotifyAudioFeatures s;
    s.id = "4iV5W9uYEdYUVa79Axb7Rh";
    s.energy = 0.3;
    s.valence = 0.8;
    s.tempo = 98.5;
    s.loudness = -9.0;
    s.key = 9;
    s.mode = 0;
    const auto f = featuresFromSpotify (s, 200000);
    CHECK (f.durationSeconds == 200.0);
    CHECK (*f.tempoBpm == 98.5);
    CHECK (*f.key == 9);
    CHECK (*f.mode == 0);
    CHECK (*f.valence == 0.8);

    std::vector<library::Track> local{localTrack ("Feeling Good", "Nina Simone", 178.0),
                                      localTrack ("Other", "Someone", 100.0)};
    for (auto& t : local)
    {
        t.analysisVersion = 1;
        t.features.energy = 0.4;
    }
    local[1].isrc = "GBAYE0601498";
    SpotifyTrack byName;
    byName.name = "Feeling Good (Remastered)";
    byName.artists = {"Nina Simone"};
    byName.durationMs = 177000;
    CHECK (findLocalRecording (byName, local) == &local[0]);
    byName.durationMs = 240000;
    CHECK (findLocalRecording (byName, local) == nullptr);
    SpotifyTrack byIsrc;
    byIsrc.isrc = "GBAYE0601498";
    CHECK (findLocalRecording (byIsrc, local) == &local[1]);
}

TEST_CASE ("A push plan takes the matched tracks in order and lists the others with why",
           "[spotify]")
{
    CHECK (truncateUtf8 ("déjà", 2) == "d");
    CHECK (truncateUtf8 ("déjà", 3) == "dé");
    CHECK (truncateUtf8 ("abc", 10) == "abc");
    CHECK (defaultPlaylistName ("sleepy") == "Moodboard: sleepy");
    CHECK (defaultPlaylistName (std::string (100, 'x')).size() == 11 + 80);

    matching::Playlist playlist;
    playlist.mood.explanation = "Calm, then calmer.";
    for (const auto& [title, valence] :
         {std::pair{"One", 0.2}, {"Two", 0.5}, {"Three", 0.8}, {"Four", 0.4}})
    {
        matching::PlaylistEntry entry;
        entry.track = localTrack (title, "Band", 200.0);
        entry.track.features.valence = valence;
        entry.track.features.energy = 0.3;
        playlist.entries.push_back (entry);
    }

    std::vector<Resolution> resolutions (3);
    resolutions[0].status = Resolution::Status::matched;
    resolutions[0].match = SpotifyTrack{.id = "4iV5W9uYEdYUVa79Axb7Rh",
                                        .uri = "spotify:track:4iV5W9uYEdYUVa79Axb7Rh",
                                        .durationMs = 201000};
    resolutions[1].status = Resolution::Status::ambiguous;
    resolutions[1].candidates.resize (2);
    resolutions[2].status = Resolution::Status::matched;
    resolutions[2].match = SpotifyTrack{.id = "1301WleyT98MSxVHPZCA6M",
                                        .uri = "spotify:track:1301WleyT98MSxVHPZCA6M",
                                        .durationMs = 99000};

    const auto built =
        buildPushPlan (playlist, resolutions, "Wind down", "Ann", true, Playback::queue);
    CHECK (built.plan.uris == std::vector<std::string>{"spotify:track:4iV5W9uYEdYUVa79Axb7Rh",
                                                       "spotify:track:1301WleyT98MSxVHPZCA6M"});
    CHECK (built.plan.totalSeconds == Approx (300.0));
    REQUIRE (built.plan.unresolved.size() == 2);
    CHECK (built.plan.unresolved[0].starts_with ("Band - Two"));
    CHECK (built.plan.unresolved[1].starts_with ("Band - Four"));
    CHECK (built.plan.name == "Wind down");
    CHECK (built.plan.accountName == "Ann");
    CHECK (built.plan.description == "Calm, then calmer.");
    CHECK (built.plan.playback == Playback::queue);
    CHECK (built.plan.coverJpegBase64.starts_with ("/9j/"));
    CHECK (built.coverProblem.empty());
}
