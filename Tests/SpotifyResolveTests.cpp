// Finding the user's local tracks on Spotify through the fake: by ISRC, by title and artist with
// a score, non-ASCII searched as it is, unclear matches listed instead of guessed, and many
// tracks resolved in parallel under a rate limit.
#include "Spotify/TrackResolver.h"
#include "SpotifyPeers.h"

#include <catch2/catch.hpp>

using namespace moodboard;
using namespace moodboard::spotify;
using namespace moodboard::testing;
using nlohmann::json;

namespace
{
json track (const std::string& id, const std::string& name, const std::string& artist,
            int durationMs, const std::string& isrc = {})
{
    return {{"id", id},
            {"name", name},
            {"artists", {artist}},
            {"album", "Album"},
            {"duration_ms", durationMs},
            {"isrc", isrc}};
}

library::Track local (const std::string& title, const std::string& artist, double seconds,
                      const std::string& isrc = {})
{
    library::Track t;
    t.title = title;
    t.artist = artist;
    t.isrc = isrc;
    t.features.durationSeconds = seconds;
    return t;
}

ApiOptions optionsFor (const SpotifyFake& fake)
{
    ApiOptions options;
    options.baseUrl = fake.getBaseUrl();
    options.totalTimeout = std::chrono::seconds (5);
    return options;
}
} // namespace

TEST_CASE ("Local tracks are found by ISRC, by title and artist, and in their own script",
           "[spotify][resolve]")
{
    SpotifyFake fake;
    fake.admin ("catalog",
                {{"tracks",
                  {track ("0VjIjW4GlUZAMYd2vXMi3b", "Blinding Lights", "The Weeknd", 200040,
                          "USUG11904206"),
                   track ("2Fxmhks0bxGSBdJ92vM42m", "Blinding Lights - Live", "Cover Band", 230000),
                   track ("5nujrmhLynf4yMoMtj8AQF", "Déjà Vu", "Beyoncé", 240000),
                   track ("3AhXZa8sUQht0UEdBJgpGc", "君が代", "東京合唱団", 65000),
                   track ("1AhDOtG9vPSOmsWgNW0BEY", "Intro", "The xx", 127000),
                   track ("7Ae9tC7rW3hvOsKiV0S5uE", "Intro", "The xx", 128000, "GBBKS0900124"),
                   track ("4u7EnebtmKWzUH433cf5Qv", "Intro (Live)", "The xx", 131000)}}});
    TestTokens tokens;
    SpotifyApi api (tokens, optionsFor (fake));
    const TrackResolver::Options options;

    const auto byIsrc = TrackResolver::resolveOne (
        api, local ("Blinding Lights (radio)", "Weeknd", 0, "USUG11904206"), options, nullptr);
    CHECK (byIsrc.status == Resolution::Status::matched);
    CHECK (byIsrc.byIsrc);
    CHECK (byIsrc.match->id == "0VjIjW4GlUZAMYd2vXMi3b");

    const auto byName = TrackResolver::resolveOne (
        api, local ("Blinding Lights", "The Weeknd", 200.5), options, nullptr);
    CHECK (byName.status == Resolution::Status::matched);
    CHECK (byName.match->id == "0VjIjW4GlUZAMYd2vXMi3b");
    CHECK (byName.score > 0.95);

    const auto accented =
        TrackResolver::resolveOne (api, local ("Déjà Vu", "Beyoncé", 240.0), options, nullptr);
    CHECK (accented.status == Resolution::Status::matched);
    CHECK (accented.match->id == "5nujrmhLynf4yMoMtj8AQF");

    const auto japanese =
        TrackResolver::resolveOne (api, local ("君が代", "東京合唱団", 65.0),
                                   options, nullptr);
    CHECK (japanese.status == Resolution::Status::matched);
    CHECK (japanese.match->id == "3AhXZa8sUQht0UEdBJgpGc");

    // Two studio recordings a second apart with no ISRC on the file: listed, not guessed.
    const auto unclear =
        TrackResolver::resolveOne (api, local ("Intro", "The xx", 127.5), options, nullptr);
    CHECK (unclear.status == Resolution::Status::ambiguous);
    CHECK_FALSE (unclear.match);
    REQUIRE (unclear.candidates.size() >= 2);

    const auto missing = TrackResolver::resolveOne (
        api, local ("A Song Nobody Wrote", "Nobody", 180.0), options, nullptr);
    CHECK (missing.status == Resolution::Status::notFound);

    bool sentAsIs = false;
    for (const auto& entry : fake.requests())
        if (entry["query"].value ("q", "") == "track:\"Déjà Vu\" artist:\"Beyoncé\"")
            sentAsIs = true;
    CHECK (sentAsIs);
}

TEST_CASE ("Many tracks are resolved in parallel and in order, within the rate limit",
           "[spotify][resolve]")
{
    SpotifyFake fake;
    json catalog = json::array();
    std::vector<library::Track> tracks;
    for (int i = 0; i < 40; ++i)
    {
        const auto name = "Song number " + std::to_string (i);
        catalog.push_back ({{"name", name},
                            {"artists", {"Band " + std::to_string (i % 7)}},
                            {"album", "A"},
                            {"duration_ms", 180000 + i * 1000}});
        tracks.push_back (local (name, "Band " + std::to_string (i % 7), 180.0 + i));
    }
    fake.admin ("catalog", {{"tracks", catalog}});
    fake.admin ("ratelimit", {{"perSecond", 25}});
    fake.fault ({{"method", "GET"},
                 {"path", "/v1/search"},
                 {"kind", "429"},
                 {"retryAfter", 1},
                 {"times", 3},
                 {"skip", 5}});

    TestTokens tokens;
    TrackResolver::Options options;
    options.parallelCalls = 4;
    options.requestsPerSecond = 40; // faster than the fake allows: its 429s are waited out
    TrackResolver resolver (tokens, optionsFor (fake), options);
    std::atomic<int> reported{0};
    const auto results = resolver.resolveAll (tracks,
                                              [&] (int done, int total)
                                              {
                                                  CHECK (total == 40);
                                                  reported = std::max (reported.load(), done);
                                              });

    REQUIRE (results.size() == 40);
    for (int i = 0; i < 40; ++i)
    {
        INFO ("track " << i);
        REQUIRE (results[i].status == Resolution::Status::matched);
        CHECK (results[i].match->name == "Song number " + std::to_string (i));
    }
    CHECK (reported == 40);
    int limited = 0;
    for (const auto& entry : fake.requests())
        limited += entry["status"] == 429 ? 1 : 0;
    CHECK (limited >= 3);
    CHECK (resolver.getRequestCount() == 40 + limited);
}
