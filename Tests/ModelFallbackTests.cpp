// When a configured language model cannot be used, the chat says so in one sentence: why (the
// HTTP status, the host that could not be reached, the timeout; never the key) and that the local
// rules read the mood instead. Each failure is a real one on 127.0.0.1: the fake model refusing
// the key, a port nothing listens on, and a listener that never answers.
#include "Assistant/Assistant.h"
#include "Assistant/ModelFallback.h"
#include "AudioFiles.h"
#include "FakeOpenAiServer.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace moodboard;
using namespace moodboard::assistant;
using namespace moodboard::testing;

namespace
{
constexpr const char* wrongKey = "sk-wrong-9f8e7d6c5b4a";

library::Track fallbackTrack (int i)
{
    library::Track t;
    t.id = i + 1;
    t.path = "/music/fallback-" + std::to_string (i) + ".flac";
    t.title = "Fallback " + std::to_string (i);
    t.artist = "Band " + std::to_string (i);
    t.analysisVersion = 1;
    t.features.durationSeconds = 180;
    t.features.energy = 0.1 * i;
    t.features.valence = 0.5;
    return t;
}

AssistantServices localServices()
{
    AssistantServices s;
    s.libraryTracks = []
    {
        std::vector<library::Track> tracks;
        for (int i = 0; i < 6; ++i)
            tracks.push_back (fallbackTrack (i));
        return tracks;
    };
    s.suggest = [] (const mood::MoodTarget& target) -> Expected<matching::Playlist>
    {
        matching::Playlist playlist;
        playlist.mood = target;
        for (int i = 0; i < std::min (target.count, 6); ++i)
            playlist.entries.push_back ({ fallbackTrack (i), target.end, 0.1, "fits" });
        return playlist;
    };
    s.reader = "user:anonymous";
    return s;
}

// A socket on 127.0.0.1 with a port of its own; listening or not, it never answers.
class SilentPort final
{
public:
    explicit SilentPort (bool listen)
    {
        fd = socket (AF_INET, SOCK_STREAM, 0);
        REQUIRE (fd >= 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
        REQUIRE (bind (fd, reinterpret_cast<sockaddr*> (&address), sizeof (address)) == 0);
        socklen_t size = sizeof (address);
        REQUIRE (getsockname (fd, reinterpret_cast<sockaddr*> (&address), &size) == 0);
        port = ntohs (address.sin_port);
        if (listen)
            REQUIRE (::listen (fd, 4) == 0);
        else
            close (std::exchange (fd, -1)); // nothing listens there any more
    }

    ~SilentPort()
    {
        if (fd >= 0)
            close (fd);
    }

    [[nodiscard]] int getPort() const { return port; }

    [[nodiscard]] mood::LlmSettings settings() const
    {
        return { "http://127.0.0.1:" + std::to_string (port) + "/v1", "any-model", wrongKey,
                 std::chrono::milliseconds (1000) };
    }

private:
    int fd = -1;
    int port = 0;
};
} // namespace

TEST_CASE ("a refused key is named as the reason and the local rules read the mood",
           "[assistant][llm]")
{
    ScopedMoodboardHome home ("fallback-401");
    FakeOpenAiServer server;
    auto settings = server.settings ("assistant-bad-args");
    settings.apiKey = wrongKey;

    Assistant assistant (localServices(), home.getFolder() / "a.json", settings);
    const auto reply = assistant.say ("something calm for the evening");
    CHECK (reply.problem == "the model answered HTTP 401");
    CHECK (reply.toolCalls == std::vector<std::string> { "build_playlist" });
    REQUIRE (assistant.getPlaylist());

    const auto notice = describeModelFallback (reply);
    CHECK (notice
           == "The language model could not be used (the model answered HTTP 401: the API key "
              "was refused), so the local rules read the mood instead.");
    CHECK (notice.find (wrongKey) == std::string::npos);

    // A question asks for no playlist: the local rules answered it.
    const auto question = assistant.say ("what is a good tempo for running?");
    CHECK (question.problem == "the model answered HTTP 401");
    CHECK (describeModelFallback (question)
           == "The language model could not be used (the model answered HTTP 401: the API key "
              "was refused), so the local rules answered instead.");
}

TEST_CASE ("a host nothing listens on and a model that never answers are named as the reason",
           "[assistant][llm]")
{
    ScopedMoodboardHome home ("fallback-network");

    SECTION ("nothing listens")
    {
        const SilentPort closed (false);
        Assistant assistant (localServices(), home.getFolder() / "b.json", closed.settings());
        const auto reply = assistant.say ("upbeat songs for cooking");
        const auto host = "127.0.0.1:" + std::to_string (closed.getPort());
        CHECK (reply.problem
               == "could not be reached at " + host + " (Couldn't connect to server)");
        const auto notice = describeModelFallback (reply);
        CHECK (notice
               == "The language model could not be used (it could not be reached at " + host
                      + ": Couldn't connect to server), so the local rules read the mood instead.");
        CHECK (notice.find (wrongKey) == std::string::npos);
        CHECK (assistant.getPlaylist());
    }

    SECTION ("a listener that never answers")
    {
        const SilentPort silent (true);
        Assistant assistant (localServices(), home.getFolder() / "c.json", silent.settings());
        const auto reply = assistant.say ("upbeat songs for cooking");
        CHECK (reply.problem == "did not answer within 1.00 s");
        CHECK (describeModelFallback (reply)
               == "The language model could not be used (it did not answer within 1.00 s), so "
                  "the local rules read the mood instead.");
        CHECK (assistant.getPlaylist());
    }
}

TEST_CASE ("a model that answered leaves no notice, and a key in a reason is masked",
           "[assistant][llm]")
{
    AssistantReply answered;
    answered.toolCalls = { "build_playlist" };
    CHECK (describeModelFallback (answered).empty());

    AssistantReply leaked;
    leaked.problem = "the model answered HTTP 500, Authorization: Bearer sk-live-123456";
    leaked.toolCalls = { "refine_playlist" };
    const auto notice = describeModelFallback (leaked);
    CHECK (notice.find ("sk-live-123456") == std::string::npos);
    CHECK (notice
           == "The language model could not be used (the model answered HTTP 500, "
              "Authorization: [redacted]), so the local rules read the mood instead.");
}
