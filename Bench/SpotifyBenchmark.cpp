// Spotify figures against the fake Web API (Tests/fakes/spotify-fake.mjs, started here on
// 127.0.0.1 with 50 ms added to every answer, as a distant server would): requests per pushed
// 500-track playlist, and the time to resolve 500 local tracks with 1, 4 and 8 parallel calls
// under the resolver's rate pacing. Usage: moodboard_bench --spotify [tracks].

#include "Spotify/CoverArt.h"
#include "Spotify/PlaylistWriter.h"
#include "Spotify/TrackResolver.h"

#include <nlohmann/json.hpp>

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

extern char** environ;

namespace moodboard::bench
{
namespace
{
using Clock = std::chrono::steady_clock;

// The fake, started with node; stopped by its process id.
class FakeSpotify
{
public:
    explicit FakeSpotify (const std::filesystem::path& script)
    {
        int out[2];
        if (::pipe (out) != 0)
            return;
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init (&actions);
        posix_spawn_file_actions_adddup2 (&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose (&actions, out[0]);
        std::string node = "node", path = script.string();
        char* argv[] = {node.data(), path.data(), nullptr};
        const auto spawned = ::posix_spawnp (&pid, "node", &actions, nullptr, argv, environ);
        posix_spawn_file_actions_destroy (&actions);
        ::close (out[1]);
        std::string text;
        pollfd p{out[0], POLLIN, 0};
        while (spawned == 0 && text.find ('\n') == std::string::npos && ::poll (&p, 1, 20000) > 0)
        {
            char buffer[128];
            const auto n = ::read (out[0], buffer, sizeof (buffer));
            if (n <= 0)
                break;
            text.append (buffer, static_cast<std::size_t> (n));
        }
        ::close (out[0]);
        if (text.starts_with ("listening "))
            url = "http://127.0.0.1:" + std::to_string (std::stoi (text.substr (10)));
    }

    ~FakeSpotify()
    {
        if (pid > 0)
        {
            ::kill (pid, SIGTERM);
            ::waitpid (pid, nullptr, 0);
        }
    }

    void admin (const std::string& name, const nlohmann::json& body)
    {
        net::HttpRequest request;
        request.method = "POST";
        request.url = url + "/admin/" + name;
        request.headers = {{"Content-Type", "application/json"}};
        request.body = body.dump();
        (void) http.send (request);
    }

    pid_t pid = -1;
    std::string url;
    net::HttpClient http;
};

class BenchTokens final : public spotify::AccessTokenSource
{
public:
    Expected<std::string> getToken (const std::atomic<bool>*) override { return "bench-token"; }
    Expected<std::string> renew (const std::string&, const std::atomic<bool>*) override
    {
        return "bench-token";
    }
};

class BenchPrompt final : public spotify::ConfirmationPrompt
{
protected:
    bool ask (const spotify::PushPlan&) override { return true; } // the benchmark is the user
};
} // namespace

int runSpotifyBenchmark (int trackCount)
{
    FakeSpotify fake (std::filesystem::path (MOODBOARD_SOURCE_DIR) / "Tests" / "fakes" /
                      "spotify-fake.mjs");
    if (fake.url.empty())
    {
        std::fprintf (stderr, "the fake Spotify did not start; is node installed?\n");
        return 1;
    }

    nlohmann::json catalog = nlohmann::json::array();
    std::vector<library::Track> local;
    for (int i = 0; i < trackCount; ++i)
    {
        const auto title = "Bench song " + std::to_string (i);
        const auto artist = "Artist " + std::to_string (i % 37);
        catalog.push_back ({{"name", title},
                            {"artists", {artist}},
                            {"album", "A"},
                            {"duration_ms", 150000 + (i % 90) * 1000}});
        library::Track track;
        track.title = title;
        track.artist = artist;
        track.features.durationSeconds = 150.0 + (i % 90);
        local.push_back (track);
    }
    fake.admin ("catalog", {{"tracks", catalog}});
    fake.admin ("latency", {{"ms", 50}});

    BenchTokens tokens;
    spotify::ApiOptions options;
    options.baseUrl = fake.url;

    std::vector<std::string> uris;
    for (const int parallel : {1, 4, 8})
    {
        spotify::TrackResolver::Options resolverOptions;
        resolverOptions.parallelCalls = parallel;
        resolverOptions.requestsPerSecond = 50.0;
        spotify::TrackResolver resolver (tokens, options, resolverOptions);
        const auto start = Clock::now();
        const auto results = resolver.resolveAll (local);
        const auto seconds = std::chrono::duration<double> (Clock::now() - start).count();
        int matched = 0;
        uris.clear();
        for (const auto& r : results)
            if (r.status == spotify::Resolution::Status::matched)
            {
                ++matched;
                uris.push_back (r.match->uri);
            }
        std::printf ("spotify_resolve_%d_tracks_%d_parallel: %.2f s (%d matched, %d requests, "
                     "50 ms latency, paced at 50/s)\n",
                     trackCount, parallel, seconds, matched, resolver.getRequestCount());
    }

    const auto folder = std::filesystem::temp_directory_path() /
                        ("moodboard-bench-push-" + std::to_string (::getpid()));
    spotify::PushJournal journal (folder);
    spotify::SpotifyApi api (tokens, options);
    spotify::PlaylistWriter writer (api, journal);
    spotify::PushPlan plan;
    plan.name = "Bench push";
    plan.uris = uris;
    if (auto cover = spotify::renderCover ({{0.2, 0.3}, {0.8, 0.9}}))
        plan.coverJpegBase64 = cover->base64;
    BenchPrompt prompt;
    auto confirmation = prompt.requestConfirmation (plan);
    const auto start = Clock::now();
    const auto pushed = writer.push (plan, std::move (*confirmation));
    const auto seconds = std::chrono::duration<double> (Clock::now() - start).count();
    std::filesystem::remove_all (folder);
    if (!pushed)
    {
        std::fprintf (stderr, "push failed: %s\n", pushed.error().message.c_str());
        return 1;
    }
    std::printf ("spotify_push_%zu_tracks_requests: %d (create 1, items %zu, cover 1)\n",
                 uris.size(), api.getRequestCount(), (uris.size() + 99) / 100);
    std::printf ("spotify_push_%zu_tracks_time: %.2f s\n", uris.size(), seconds);
    std::printf ("spotify_cover_base64: %zu bytes (limit 262144)\n", plan.coverJpegBase64.size());
    return 0;
}

} // namespace moodboard::bench
