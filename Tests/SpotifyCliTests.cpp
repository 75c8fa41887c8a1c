// `moodboard spotify` and `moodboard push` as a user runs them, against the fake Spotify: reading
// the account, a push from the library confirmed at the prompt, a refused prompt that writes
// nothing, and a push interrupted in one process and finished by `push --resume` in another.
#include "AudioFiles.h"
#include "Auth/TokenSet.h"
#include "Auth/UserScope.h"
#include "CliRunner.h"
#include "Spotify/PlaylistWriter.h"
#include "SpotifyPeers.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>

#include <fstream>
#include <thread>

using namespace moodboard;
using namespace moodboard::spotify;
using namespace moodboard::testing;
using nlohmann::json;

namespace
{
// A stored Spotify sign-in in the file secret store of `home`.
void storeSpotifySignIn (const std::filesystem::path& home)
{
    auth::TokenSet tokens;
    tokens.accessToken = "cli-access-token-5b2e";
    tokens.refreshToken = "cli-refresh-token-77a1";
    tokens.expiresAt = auth::SystemClock::now() + std::chrono::hours (1);
    tokens.subject = "fake-user";
    tokens.displayName = "Fake Listener";
    std::filesystem::create_directories (home / "state");
    const auto file = home / "state" / "credentials.json";
    std::ofstream (file) << json{{"spotify", tokens.toJson()}}.dump();
    ::chmod (file.c_str(), 0600);
}

CliOptions spotifyEnvironment (const SpotifyFake& fake, std::string input = {})
{
    CliOptions options;
    options.environment = {{"MOODBOARD_SECRET_STORE", "file"},
                           {"MOODBOARD_SPOTIFY_CLIENT_ID", "cli-test-client"},
                           {"MOODBOARD_SPOTIFY_API_URL", fake.getBaseUrl()}};
    options.input = std::move (input);
    options.captureErrors = true;
    return options;
}
} // namespace

TEST_CASE ("The CLI reads the Spotify account and says when nobody is signed in", "[spotify][cli]")
{
    ScopedMoodboardHome home ("spotify-cli-read");
    SpotifyFake fake;
    fake.admin ("catalog", {{"tracks",
                             {{{"name", "Déjà Vu"},
                               {"artists", {"Beyoncé"}},
                               {"album", "B'Day"},
                               {"duration_ms", 240000}}}}});

    const auto nobody = runCli (home.getFolder(), {"spotify", "me"}, spotifyEnvironment (fake));
    CHECK (nobody.exitCode == 1);
    CHECK (nobody.output.find ("not signed in to Spotify; run `moodboard login`") !=
           std::string::npos);

    storeSpotifySignIn (home.getFolder());
    const auto me = runCli (home.getFolder(), {"spotify", "me"}, spotifyEnvironment (fake));
    CHECK (me.exitCode == 0);
    CHECK (me.output.find ("Fake Listener (Spotify user fake-user, DE)") != std::string::npos);

    const auto found =
        runCli (home.getFolder(), {"spotify", "search", "déjà vu"}, spotifyEnvironment (fake));
    CHECK (found.exitCode == 0);
    CHECK (found.output.find ("1. Déjà Vu - Beyoncé (4:00, features: none)")
           != std::string::npos);

    const auto wrong = runCli (home.getFolder(), {"spotify", "search"}, spotifyEnvironment (fake));
    CHECK (wrong.exitCode == 2);
    CHECK (wrong.output.find ("cli-access-token") == std::string::npos);
}

TEST_CASE ("`moodboard push` writes only after the user says yes at the prompt", "[spotify][cli]")
{
    ScopedMoodboardHome home ("spotify-cli-push");
    SpotifyFake fake;
    storeSpotifySignIn (home.getFolder());

    // A small library whose file names are the titles Spotify knows.
    const auto music = makeScratchFolder ("spotify-cli-music");
    json catalog = json::array();
    for (int i = 0; i < 6; ++i)
    {
        const auto title = "Quiet Hour " + std::to_string (i + 1);
        REQUIRE (writeAudioFile (music / (title + ".wav"), FileFormat::wav,
                                 makeSong (70.0 + i, true, 0.3, 12.0, 22050.0), 22050.0));
        catalog.push_back ({{"name", title},
                            {"artists", {"Nobody Known"}},
                            {"album", "A"},
                            {"duration_ms", 12000}});
    }
    fake.admin ("catalog", {{"tracks", catalog}});
    REQUIRE (runCli (home.getFolder(), {"scan", music.string()}).exitCode == 0);

    const auto declined =
        runCli (home.getFolder(), {"push", "calm and quiet", "--count", "4", "--name", "Quiet"},
                spotifyEnvironment (fake, "n\n"));
    CHECK (declined.exitCode == 1);
    CHECK (declined.output.find ("New playlist: Quiet (private)") != std::string::npos);
    CHECK (declined.output.find ("Tracks: 4,") != std::string::npos);
    CHECK (declined.output.find ("Nothing was written to Spotify.") != std::string::npos);
    CHECK (fake.playlists().empty());
    CHECK (fake.count ("POST", "/v1/") == 0);

    const auto accepted = runCli (
        home.getFolder(), {"push", "calm and quiet", "--count", "4", "--name", "Quiet", "--cover"},
        spotifyEnvironment (fake, "y\n"));
    CHECK (accepted.exitCode == 0);
    CHECK (accepted.output.find ("Sent \"Quiet\": 4 tracks") != std::string::npos);
    const auto playlists = fake.playlists();
    REQUIRE (playlists.size() == 1);
    CHECK (playlists[0]["items"].size() == 4);
    CHECK (playlists[0]["cover"]["bytes"].get<int>() > 1000);

    // The same name again: with --yes the CLI will not guess between update and new.
    const auto again = runCli (
        home.getFolder(), {"push", "calm and quiet", "--count", "3", "--name", "Quiet", "--yes"},
        spotifyEnvironment (fake));
    CHECK (again.exitCode == 2);
    const auto updated =
        runCli (home.getFolder(),
                {"push", "calm and quiet", "--count", "3", "--name", "Quiet", "--yes", "--update"},
                spotifyEnvironment (fake));
    CHECK (updated.exitCode == 0);
    REQUIRE (fake.playlists().size() == 1);
    CHECK (fake.playlists()[0]["items"].size() == 3);
    CHECK (readWholeFile (home.getFolder() / "state" / "moodboard.log").find ("cli-access-token") ==
           std::string::npos);
}

TEST_CASE ("A push interrupted in one process is finished by `push --resume` in another",
           "[spotify][cli]")
{
    ScopedMoodboardHome home ("spotify-cli-resume");
    SpotifyFake fake;
    storeSpotifySignIn (home.getFolder());

    const auto nothing = runCli (home.getFolder(), {"push", "--resume"}, spotifyEnvironment (fake));
    CHECK (nothing.exitCode == 0);
    CHECK (nothing.output.find ("No push is waiting to be finished.") != std::string::npos);

    // The first process: two chunks in, then it stops while the third is under way.
    PushPlan plan;
    plan.accountName = "Fake Listener (spotify user fake-user)";
    plan.name = "Long run";
    plan.uris = makeTrackUris (250);
    plan.totalSeconds = 250 * 200.0;
    {
        TestTokens tokens;
        ApiOptions options;
        options.baseUrl = fake.getBaseUrl();
        SpotifyApi api (tokens, options);
        PushJournal journal (auth::userDataDir ("spotify", "fake-user") / "pushes");
        PlaylistWriter writer (api, journal);
        fake.fault (
            {{"method", "POST"}, {"path", "/v1/playlists/*"}, {"kind", "hang"}, {"skip", 2}});
        std::atomic<bool> cancel{false};
        std::thread quitter (
            [&]
            {
                for (int i = 0; i < 200 && fake.count ("POST", "/v1/playlists/") < 3; ++i)
                    std::this_thread::sleep_for (std::chrono::milliseconds (25));
                cancel = true;
            });
        TestPrompt prompt;
        auto confirmation = prompt.requestConfirmation (plan);
        REQUIRE (confirmation);
        REQUIRE_FALSE (writer.push (plan, std::move (*confirmation), {}, &cancel));
        quitter.join();
    }
    REQUIRE (fake.playlists()[0]["items"].size() == 200);

    const auto declined =
        runCli (home.getFolder(), {"push", "--resume"}, spotifyEnvironment (fake, "no\n"));
    CHECK (declined.exitCode == 1);
    CHECK (declined.output.find ("\"Long run\" stopped with 200 of 250 tracks added.") !=
           std::string::npos);
    CHECK (fake.playlists()[0]["items"].size() == 200);

    const auto resumed =
        runCli (home.getFolder(), {"push", "--resume", "--yes"}, spotifyEnvironment (fake));
    CHECK (resumed.exitCode == 0);
    CHECK (resumed.output.find ("Finished \"Long run\": 250 tracks") != std::string::npos);
    const auto playlists = fake.playlists();
    REQUIRE (playlists.size() == 1);
    CHECK (playlists[0]["items"].get<std::vector<std::string>>() == plan.uris);
}

TEST_CASE ("A push whose process is killed during its third chunk resumes without duplicates",
           "[spotify][cli]")
{
    ScopedMoodboardHome home ("spotify-cli-kill");
    SpotifyFake fake;
    storeSpotifySignIn (home.getFolder());

    // A confirmed push recorded as about to start, as `push` leaves it before its first request.
    PushPlan plan;
    plan.accountName = "Fake Listener (spotify user fake-user)";
    plan.name = "Killed mid-way";
    plan.uris = makeTrackUris (260);
    PushJournal journal (auth::userDataDir ("spotify", "fake-user") / "pushes");
    PushRecord record;
    record.plan = plan;
    record.planDigest = plan.digest();
    record.pushId = "killtest0001";
    REQUIRE (journal.save (record));

    fake.fault ({{"method", "POST"}, {"path", "/v1/playlists/*"}, {"kind", "hang"}, {"skip", 2}});
    ::setenv ("MOODBOARD_SECRET_STORE", "file", 1);
    ::setenv ("MOODBOARD_SPOTIFY_CLIENT_ID", "cli-test-client", 1);
    ::setenv ("MOODBOARD_SPOTIFY_API_URL", fake.getBaseUrl().c_str(), 1);
    // SIGKILL after 4 s: the first two chunks are long in, the third is hanging.
    const auto status = std::system (("timeout -s KILL 4 '" + std::string (MOODBOARD_TEST_CLI) +
                                      "' push --resume --yes > /dev/null 2>&1")
                                         .c_str());
    ::unsetenv ("MOODBOARD_SPOTIFY_API_URL");
    CHECK (WEXITSTATUS (status) == 137); // killed, as a crash or a power cut would
    REQUIRE (fake.playlists().size() == 1);
    CHECK (fake.playlists()[0]["items"].size() == 200);
    CHECK ((*journal.find (plan.name))->added == 200);

    const auto resumed =
        runCli (home.getFolder(), {"push", "--resume", "--yes"}, spotifyEnvironment (fake));
    CHECK (resumed.exitCode == 0);
    CHECK (resumed.output.find ("Finished \"Killed mid-way\": 260 tracks") != std::string::npos);
    REQUIRE (fake.playlists().size() == 1);
    CHECK (fake.playlists()[0]["items"].get<std::vector<std::string>>() == plan.uris);
    ::unsetenv ("MOODBOARD_SECRET_STORE");
    ::unsetenv ("MOODBOARD_SPOTIFY_CLIENT_ID");
}

TEST_CASE ("A damaged push record is reported, not skipped, and `push --drop` forgets it",
           "[spotify][cli]")
{
    ScopedMoodboardHome home ("spotify-cli-damaged");
    SpotifyFake fake;
    storeSpotifySignIn (home.getFolder());

    PushJournal journal (auth::userDataDir ("spotify", "fake-user") / "pushes");
    PushRecord record;
    record.plan.name = "Cut short";
    record.plan.uris = makeTrackUris (3);
    record.planDigest = record.plan.digest();
    record.pushId = "damaged00001";
    REQUIRE (journal.save (record));
    const auto file = *std::filesystem::directory_iterator (journal.getFolder());
    const auto whole = readWholeFile (file.path());
    std::ofstream (file.path()) << whole.substr (0, whole.size() / 2);

    const auto resumed =
        runCli (home.getFolder(), {"push", "--resume", "--yes"}, spotifyEnvironment (fake));
    CHECK (resumed.exitCode == 1);
    CHECK (resumed.output.find ("the record of an earlier push is damaged") != std::string::npos);
    CHECK (fake.requests().empty());

    const auto dropped =
        runCli (home.getFolder(), {"push", "--drop", "Cut short"}, spotifyEnvironment (fake));
    CHECK (dropped.exitCode == 0);
    CHECK (dropped.output == "Forgot the push of \"Cut short\"; nothing on Spotify changed.\n");
    CHECK_FALSE (std::filesystem::exists (file.path()));
    const auto nothing = runCli (home.getFolder(), {"push", "--resume"}, spotifyEnvironment (fake));
    CHECK (nothing.exitCode == 0);
    CHECK (nothing.output.find ("No push is waiting to be finished.") != std::string::npos);
}
