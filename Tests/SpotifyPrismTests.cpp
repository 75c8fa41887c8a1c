// Every request the Spotify client makes, checked by Prism against Spotify's public OpenAPI
// description (Tests/peers/spotify): Prism answers 422 or 415 to a request that breaks the spec,
// which fails the call and so the test.
#include "Spotify/CoverArt.h"
#include "Spotify/PlaylistWriter.h"
#include "Spotify/SpotifyFeatures.h"
#include "Spotify/TrackResolver.h"
#include "SpotifyPeers.h"

#include <catch2/catch.hpp>

using namespace moodboard;
using namespace moodboard::spotify;
using namespace moodboard::testing;

TEST_CASE ("Each request the client makes passes Prism's validation of Spotify's spec",
           "[spotify][prism]")
{
    PeerProcess prism (spotifyPrismScript(), {});
    ScopedMoodboardHome home ("spotify-prism");
    TestTokens tokens;
    ApiOptions options;
    options.baseUrl = prism.getBaseUrl();
    options.totalTimeout = std::chrono::seconds (10);
    SpotifyApi api (tokens, options);

    CHECK (api.getCurrentUser());
    CHECK (api.searchTracks ("track:\"Feeling Good\" artist:\"Nina Simone\"", 10, 0));
    CHECK (api.searchTracks ("isrc:GBUM71029604", 10, 990));
    CHECK (api.getSavedTracks (120));
    CHECK (api.getTopTracks (60));
    CHECK (api.getRecentlyPlayed (50));
    CHECK (api.getMyPlaylists (60));
    CHECK (api.getPlaylist ("3cEYpjA9oz9GiPac4AsH4n"));
    CHECK (api.getPlaylistTracks ("3cEYpjA9oz9GiPac4AsH4n", 60));
    const auto features =
        api.getAudioFeatures ({"4iV5W9uYEdYUVa79Axb7Rh", "1301WleyT98MSxVHPZCA6M"});
    REQUIRE (features);
    CHECK (features->has_value());

    library::Track local;
    local.title = "Feeling Good";
    local.artist = "Nina Simone";
    local.isrc = "GBUM71029604";
    CHECK (TrackResolver::resolveOne (api, local, {}, nullptr).status !=
           Resolution::Status::failed);

    PushJournal journal (home.getFolder() / "pushes");
    PlaylistWriter writer (api, journal);
    PushPlan plan;
    plan.accountName = "Prism";
    plan.name = "Validated";
    plan.uris = makeTrackUris (150);
    const auto cover = renderCover ({{0.2, 0.2}, {0.8, 0.9}});
    REQUIRE (cover);
    plan.coverJpegBase64 = cover->base64;
    plan.playback = Playback::play;

    TestPrompt prompt;
    auto confirmation = prompt.requestConfirmation (plan);
    REQUIRE (confirmation);
    const auto pushed = writer.push (plan, std::move (*confirmation));
    REQUIRE (pushed);
    CHECK (pushed->added == 150);
    CHECK (pushed->notes.empty()); // the cover and playback calls passed too

    auto queued = plan;
    queued.name = "Validated, queued";
    queued.uris.resize (3);
    queued.playback = Playback::queue;
    queued.updatesPlaylistId = "3cEYpjA9oz9GiPac4AsH4n"; // replaces with PUT
    auto second = prompt.requestConfirmation (queued);
    REQUIRE (second);
    const auto updated = writer.push (queued, std::move (*second));
    REQUIRE (updated);
    CHECK (updated->notes.empty());
}
