// The Spotify client against a fault-injecting fake of the Web API: rate limits, server errors,
// dropped and cut-off answers, expired tokens, runaway pages, refused audio features.
#include "Spotify/SpotifyApi.h"
#include "Spotify/SpotifyFeatures.h"
#include "SpotifyPeers.h"

#include <catch2/catch.hpp>

using namespace moodboard;
using namespace moodboard::spotify;
using namespace moodboard::testing;
using nlohmann::json;

namespace
{
ApiOptions fakeOptions (const SpotifyFake& fake)
{
    ApiOptions options;
    options.baseUrl = fake.getBaseUrl();
    options.totalTimeout = std::chrono::seconds (5);
    options.http.firstBackoff = std::chrono::milliseconds (20);
    options.http.longestBackoff = std::chrono::milliseconds (100);
    return options;
}

json catalogTrack (const std::string& name, const std::string& artist, int durationMs,
                   const std::string& isrc = {})
{
    return {{"name", name},
            {"artists", {artist}},
            {"album", name + " (album)"},
            {"duration_ms", durationMs},
            {"isrc", isrc}};
}
} // namespace

TEST_CASE ("A short rate limit is waited out; a long one ends the call with when to retry",
           "[spotify][net]")
{
    SpotifyFake fake;
    TestTokens tokens;
    SpotifyApi api (tokens, fakeOptions (fake));

    fake.fault ({{"method", "GET"}, {"path", "/v1/me"}, {"kind", "429"}, {"retryAfter", 1}});
    const auto user = api.getCurrentUser();
    REQUIRE (user);
    CHECK (user->id == "fake-user");
    CHECK (fake.count ("GET", "/v1/me") == 2);

    fake.fault ({{"method", "GET"}, {"path", "/v1/me"}, {"kind", "429"}, {"retryAfter", 3600}});
    const auto limited = api.getCurrentUser();
    REQUIRE_FALSE (limited);
    CHECK (limited.error().message ==
           "Spotify is limiting how often this app may call it; try again in about 60 "
           "minutes (nothing was lost)");
    CHECK (api.getLastProblem().status == 429);
    CHECK (api.getLastProblem().retryAfter == std::chrono::seconds (3600));
    CHECK (fake.count ("GET", "/v1/me") == 3); // the long wait was not attempted
}

TEST_CASE ("Server errors and dropped answers to reads are retried a bounded number of times",
           "[spotify][net]")
{
    SpotifyFake fake;
    TestTokens tokens;
    SpotifyApi api (tokens, fakeOptions (fake));

    fake.fault ({{"method", "GET"}, {"path", "/v1/me"}, {"kind", "500"}, {"times", 2}});
    CHECK (api.getCurrentUser());
    CHECK (fake.count ("GET", "/v1/me") == 3);

    fake.fault ({{"method", "GET"}, {"path", "/v1/me"}, {"kind", "503"}, {"times", 9}});
    const auto failed = api.getCurrentUser();
    REQUIRE_FALSE (failed);
    CHECK (failed.error().message ==
           "Spotify could not read your Spotify profile (HTTP 503); try again in a few minutes");
    CHECK (fake.count ("GET", "/v1/me") == 6);

    fake.admin ("reset", json::object());
    fake.fault ({{"method", "GET"}, {"path", "/v1/me"}, {"kind", "drop"}});
    CHECK (api.getCurrentUser());
    CHECK (fake.count ("GET", "/v1/me") == 2);
}

TEST_CASE ("A cut-off answer to a read is asked for once more, then reported", "[spotify][net]")
{
    SpotifyFake fake;
    TestTokens tokens;
    SpotifyApi api (tokens, fakeOptions (fake));

    fake.fault ({{"method", "GET"}, {"path", "/v1/me"}, {"kind", "truncate"}});
    CHECK (api.getCurrentUser());
    CHECK (fake.count ("GET", "/v1/me") == 2);

    fake.fault ({{"method", "GET"}, {"path", "/v1/me"}, {"kind", "truncate"}, {"times", 2}});
    const auto damaged = api.getCurrentUser();
    REQUIRE_FALSE (damaged);
    CHECK (damaged.error().kind == Error::Kind::corrupt);
    CHECK (damaged.error().message ==
           "Spotify's answer to read your Spotify profile was cut off or damaged; try again");
}

TEST_CASE ("An expired token is renewed once and the call repeated once, never in a loop",
           "[spotify][net]")
{
    SpotifyFake fake;
    TestTokens tokens;
    SpotifyApi api (tokens, fakeOptions (fake));

    fake.fault ({{"method", "GET"}, {"path", "/v1/me"}, {"kind", "expire"}});
    CHECK (api.getCurrentUser());
    CHECK (tokens.renewals == 1);
    CHECK (fake.count ("GET", "/v1/me") == 2);

    fake.fault ({{"method", "GET"}, {"path", "/v1/me"}, {"kind", "expire"}, {"times", 5}});
    const auto refused = api.getCurrentUser();
    REQUIRE_FALSE (refused);
    CHECK (refused.error().message ==
           "Spotify refused the sign-in to read your Spotify profile; run `moodboard login` "
           "again");
    CHECK (tokens.renewals == 2);
    CHECK (fake.count ("GET", "/v1/me") == 4);
}

TEST_CASE ("Pages are followed by next and stop at the total even when next runs past it",
           "[spotify][net]")
{
    SpotifyFake fake;
    TestTokens tokens;
    SpotifyApi api (tokens, fakeOptions (fake));

    json saved = json::array();
    for (int i = 0; i < 120; ++i)
        saved.push_back (catalogTrack ("Song " + std::to_string (i), "Band", 200000));
    fake.admin ("saved", {{"tracks", saved}});
    fake.fault (
        {{"method", "GET"}, {"path", "/v1/me/tracks*"}, {"kind", "nextPastTotal"}, {"times", 10}});

    const auto tracks = api.getSavedTracks (1000);
    REQUIRE (tracks);
    REQUIRE (tracks->size() == 120);
    CHECK (tracks->front().name == "Song 0");
    CHECK (tracks->back().name == "Song 119");
    CHECK (fake.count ("GET", "/v1/me/tracks") == 3);

    const auto few = api.getSavedTracks (70);
    REQUIRE (few);
    CHECK (few->size() == 70);
}

TEST_CASE ("A 403 on audio features is remembered; local analysis fills in where it can",
           "[spotify][net]")
{
    SpotifyFake fake;
    TestTokens tokens;
    ScopedMoodboardHome home ("spotify-features");
    const auto stateFile = home.getFolder() / "spotify-state.json";

    fake.admin ("catalog", {{"tracks",
                             {catalogTrack ("Feeling Good", "Nina Simone", 177000, "GBUM71029604"),
                              catalogTrack ("Unknown Song", "Nobody", 200000)}}});
    SpotifyApi finder (tokens, fakeOptions (fake));
    auto tracks = finder.searchTracks ("artist:Nina");
    REQUIRE (tracks);
    auto others = finder.searchTracks ("Unknown Song");
    REQUIRE (others);
    tracks->insert (tracks->end(), others->begin(), others->end());
    REQUIRE (tracks->size() == 2);

    library::Track mine;
    mine.id = 7;
    mine.title = "Feeling Good";
    mine.artist = "Nina Simone";
    mine.isrc = "GBUM71029604";
    mine.analysisVersion = 1;
    mine.features.durationSeconds = 177.0;
    mine.features.valence = 0.71;

    SpotifyApi api (tokens, fakeOptions (fake));
    const auto first = attachFeatures (api, *tracks, {mine}, stateFile);
    REQUIRE (first);
    CHECK ((*first)[0].origin == FeatureOrigin::localAnalysis);
    CHECK ((*first)[0].localTrackId == 7);
    CHECK (*(*first)[0].features->valence == 0.71);
    CHECK ((*first)[1].origin == FeatureOrigin::none);
    CHECK (fake.count ("GET", "/v1/audio-features") == 1);

    // A new client in a later run reads the remembered refusal and does not ask.
    SpotifyApi later (tokens, fakeOptions (fake));
    REQUIRE (attachFeatures (later, *tracks, {mine}, stateFile));
    CHECK (fake.count ("GET", "/v1/audio-features") == 1);

    // An account that still gets them.
    fake.admin ("audio-features", {{"allowed", true}});
    SpotifyApi allowed (tokens, fakeOptions (fake));
    const auto fromSpotify = attachFeatures (allowed, *tracks, {}, home.getFolder() / "other.json");
    REQUIRE (fromSpotify);
    CHECK ((*fromSpotify)[0].origin == FeatureOrigin::spotify);
    CHECK ((*fromSpotify)[0].features->valence.has_value());
    CHECK (fake.count ("GET", "/v1/audio-features") == 2);
}

TEST_CASE ("Spotify's error message reaches the user; the bearer token goes nowhere else",
           "[spotify][net]")
{
    SpotifyFake fake;
    TestTokens tokens;
    SpotifyApi api (tokens, fakeOptions (fake));

    const auto refused = api.searchTracks ("");
    REQUIRE_FALSE (refused);
    CHECK (refused.error().message.starts_with ("Spotify refused to search Spotify (HTTP 400): "));
    CHECK (refused.error().message.find ("token-") == std::string::npos);
    for (const auto& entry : fake.requests())
        CHECK (entry.dump().find ("token-1") == std::string::npos);
}
