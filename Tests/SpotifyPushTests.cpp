// Writing a confirmed playlist to the fake Spotify: chunks of 100 in order, the confirmation
// gate, and pushes that are interrupted (cancelled, answers lost, tokens expired) and resumed
// with nothing missing and nothing twice.
#include "Spotify/CoverArt.h"
#include "Spotify/PlaylistWriter.h"
#include "SpotifyPeers.h"

#include <catch2/catch.hpp>

#include <thread>

using namespace moodboard;
using namespace moodboard::spotify;
using namespace moodboard::testing;
using nlohmann::json;

namespace
{
struct PushBench
{
    explicit PushBench (const std::string& name)
        : home (name)
        , journal (home.getFolder() / "pushes")
        , api (tokens, options())
        , writer (api, journal)
    {
    }

    ApiOptions options()
    {
        ApiOptions o;
        o.baseUrl = fake.getBaseUrl();
        o.totalTimeout = std::chrono::seconds (5);
        o.http.firstBackoff = std::chrono::milliseconds (20);
        return o;
    }

    PushPlan plan (int tracks)
    {
        PushPlan p;
        p.accountName = "Fake Listener (spotify user fake-user)";
        p.name = "Evening wind-down";
        p.description = "calm, then calmer";
        p.uris = makeTrackUris (tracks);
        p.totalSeconds = 200.0 * tracks;
        return p;
    }

    Expected<PushResult> push (const PushPlan& p, const std::atomic<bool>* cancel = nullptr)
    {
        TestPrompt prompt;
        auto confirmation = prompt.requestConfirmation (p);
        REQUIRE (confirmation);
        return writer.push (p, std::move (*confirmation), {}, cancel);
    }

    ScopedMoodboardHome home;
    SpotifyFake fake;
    TestTokens tokens;
    PushJournal journal;
    SpotifyApi api;
    PlaylistWriter writer;
};

std::vector<std::string> itemsOf (const json& playlist)
{
    return playlist["items"].get<std::vector<std::string>>();
}
} // namespace

TEST_CASE ("A confirmed push creates one private playlist and adds 100 tracks a call, in order",
           "[spotify][push]")
{
    PushBench bench ("spotify-push");
    const auto plan = bench.plan (250);
    const auto result = bench.push (plan);
    REQUIRE (result);
    CHECK (result->added == 250);
    CHECK_FALSE (result->resumed);

    const auto playlists = bench.fake.playlists();
    REQUIRE (playlists.size() == 1);
    CHECK (playlists[0]["name"] == "Evening wind-down");
    CHECK (playlists[0]["public"] == false);
    CHECK (itemsOf (playlists[0]) == plan.uris);

    std::vector<std::size_t> chunkSizes;
    for (const auto& entry : bench.fake.requests())
        if (entry["method"] == "POST" && entry["path"].get<std::string>().ends_with ("/items"))
            chunkSizes.push_back (entry["uris"].size());
    CHECK (chunkSizes == std::vector<std::size_t>{100, 100, 50});
    CHECK (bench.api.getRequestCount() == 4);

    const auto record = bench.journal.find (plan.name);
    REQUIRE (record);
    CHECK ((*record)->stage == PushRecord::Stage::done);
}

TEST_CASE ("Without the user's confirmation of this very plan nothing is written",
           "[spotify][push]")
{
    PushBench bench ("spotify-gate");
    const auto plan = bench.plan (10);

    TestPrompt declines (false);
    CHECK_FALSE (declines.requestConfirmation (plan));
    CHECK (declines.asked == 1);

    // A confirmation given for one plan does not carry another.
    TestPrompt accepts;
    auto confirmation = accepts.requestConfirmation (plan);
    REQUIRE (confirmation);
    auto other = plan;
    other.uris.push_back ("spotify:track:1301WleyT98MSxVHPZCA6M");
    const auto refused = bench.writer.push (other, std::move (*confirmation));
    REQUIRE_FALSE (refused);
    CHECK (refused.error().message ==
           "this playlist was not the one confirmed; confirm it before sending");
    CHECK (bench.fake.requests().empty());
    CHECK (bench.fake.playlists().empty());
}

TEST_CASE ("A push stopped after its second chunk resumes with nothing missing or doubled",
           "[spotify][push]")
{
    PushBench bench ("spotify-resume");
    const auto plan = bench.plan (250);
    bench.fake.fault (
        {{"method", "POST"}, {"path", "/v1/playlists/*"}, {"kind", "hang"}, {"skip", 2}});

    std::atomic<bool> cancel{false};
    std::thread quitter (
        [&]
        {
            // The user quits while the third chunk is on its way.
            for (int i = 0; i < 200 && bench.fake.count ("POST", "/v1/playlists/") < 3; ++i)
                std::this_thread::sleep_for (std::chrono::milliseconds (25));
            cancel = true;
        });
    const auto stopped = bench.push (plan, &cancel);
    quitter.join();
    REQUIRE_FALSE (stopped);
    CHECK (stopped.error().kind == Error::Kind::cancelled);

    const auto record = bench.journal.find (plan.name);
    REQUIRE (record);
    CHECK ((*record)->stage == PushRecord::Stage::adding);
    CHECK ((*record)->added == 200);
    const auto unfinished = bench.journal.sentPlaylistId (plan.name);
    REQUIRE (unfinished);
    CHECK_FALSE (unfinished->has_value());   // not "sent before" while it is unfinished

    const auto resumed = bench.push (plan);
    REQUIRE (resumed);
    CHECK (resumed->resumed);
    const auto playlists = bench.fake.playlists();
    REQUIRE (playlists.size() == 1);
    CHECK (itemsOf (playlists[0]) == plan.uris);
}

TEST_CASE ("A chunk whose answer was lost is checked before it is sent again", "[spotify][push]")
{
    PushBench bench ("spotify-lost-answer");
    const auto plan = bench.plan (250);

    SECTION ("the chunk landed: it is not sent again")
    {
        bench.fake.fault (
            {{"method", "POST"}, {"path", "/v1/playlists/*"}, {"kind", "drop"}, {"skip", 1}});
        REQUIRE (bench.push (plan));
        CHECK (itemsOf (bench.fake.playlists()[0]) == plan.uris);
        CHECK (bench.fake.count ("POST", "/v1/playlists/") == 3);
    }

    SECTION ("the chunk did not land: it is sent again")
    {
        bench.fake.fault (
            {{"method", "POST"}, {"path", "/v1/playlists/*"}, {"kind", "500"}, {"skip", 1}});
        REQUIRE (bench.push (plan));
        CHECK (itemsOf (bench.fake.playlists()[0]) == plan.uris);
        CHECK (bench.fake.count ("POST", "/v1/playlists/") == 4);
    }

    SECTION ("the playlist's creation was answered by a dropped connection")
    {
        bench.fake.fault ({{"method", "POST"}, {"path", "/v1/me/playlists"}, {"kind", "drop"}});
        const auto first = bench.push (plan);
        REQUIRE_FALSE (first);
        const auto resumed = bench.push (plan);
        REQUIRE (resumed);
        const auto playlists = bench.fake.playlists();
        REQUIRE (playlists.size() == 1); // found again by its reference, not created twice
        CHECK (itemsOf (playlists[0]) == plan.uris);
    }
}

TEST_CASE ("A token that expires mid-push is renewed once and the push goes on", "[spotify][push]")
{
    PushBench bench ("spotify-expire");
    const auto plan = bench.plan (250);
    bench.fake.fault (
        {{"method", "POST"}, {"path", "/v1/playlists/*"}, {"kind", "expire"}, {"skip", 1}});
    const auto result = bench.push (plan);
    REQUIRE (result);
    CHECK (bench.tokens.renewals == 1);
    CHECK (itemsOf (bench.fake.playlists()[0]) == plan.uris);
}

TEST_CASE ("A long rate limit stops the push with when to retry; the push resumes later",
           "[spotify][push]")
{
    PushBench bench ("spotify-ratelimit");
    const auto plan = bench.plan (150);
    bench.fake.fault ({{"method", "POST"},
                       {"path", "/v1/playlists/*"},
                       {"kind", "429"},
                       {"skip", 1},
                       {"retryAfter", 900}});
    const auto stopped = bench.push (plan);
    REQUIRE_FALSE (stopped);
    CHECK (stopped.error().message.find ("try again in about 15 minutes") != std::string::npos);
    CHECK ((*bench.journal.find (plan.name))->added == 100);

    REQUIRE (bench.push (plan));
    CHECK (itemsOf (bench.fake.playlists()[0]) == plan.uris);
}

TEST_CASE ("Updating a playlist sent before replaces its tracks instead of making another",
           "[spotify][push]")
{
    PushBench bench ("spotify-update");
    auto first = bench.plan (120);
    CHECK_FALSE (bench.journal.sentPlaylistId (first.name).value().has_value());
    const auto sent = bench.push (first);
    REQUIRE (sent);
    CHECK (bench.journal.sentPlaylistId (first.name).value() == sent->playlist.id);

    auto second = first;
    second.uris = makeTrackUris (130);
    std::reverse (second.uris.begin(), second.uris.end());
    second.updatesPlaylistId = sent->playlist.id;
    REQUIRE (bench.push (second));

    const auto playlists = bench.fake.playlists();
    REQUIRE (playlists.size() == 1);
    CHECK (itemsOf (playlists[0]) == second.uris);
    CHECK (bench.fake.count ("PUT", "/v1/playlists/") == 1);
}

TEST_CASE ("The cover is uploaded and playback started; a missing device is a note, not a loss",
           "[spotify][push]")
{
    PushBench bench ("spotify-finish");
    auto plan = bench.plan (5);
    const auto cover = renderCover ({{0.3, 0.4}, {0.6, 0.7}});
    REQUIRE (cover);
    plan.coverJpegBase64 = cover->base64;
    plan.playback = Playback::play;

    const auto result = bench.push (plan);
    REQUIRE (result);
    CHECK (result->notes.empty());
    const auto playlist = bench.fake.playlists()[0];
    CHECK (playlist["cover"]["bytes"] == cover->jpeg.size());
    CHECK (bench.fake.count ("PUT", "/v1/me/player/play") == 1);

    bench.fake.admin ("device", {{"active", false}});
    plan.name = "Another";
    plan.playback = Playback::queue;
    const auto noDevice = bench.push (plan);
    REQUIRE (noDevice);
    REQUIRE (noDevice->notes.size() == 1);
    CHECK (noDevice->notes[0].starts_with ("not everything was queued (open Spotify on a device "
                                           "first)"));
    CHECK (itemsOf (bench.fake.playlists()[1]) == plan.uris);
}
