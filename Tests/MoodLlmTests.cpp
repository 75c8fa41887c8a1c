#include "Mood/LlmMoodReader.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

using namespace moodboard::mood;

namespace
{
/** The fake OpenAI-compatible server in Tests/fakes, on 127.0.0.1, stopped by its pid. */
class FakeOpenAiServer final
{
public:
    FakeOpenAiServer()
    {
        const auto script = std::filesystem::path (MOODBOARD_TEST_SOURCE_DIR) / "fakes"
                            / "fake_openai_server.py";
        int fds[2];
        REQUIRE (pipe (fds) == 0);
        pid = fork();
        REQUIRE (pid >= 0);
        if (pid == 0)
        {
            dup2 (fds[1], STDOUT_FILENO);
            close (fds[0]);
            close (fds[1]);
            execlp ("python3", "python3", script.c_str(), static_cast<char*> (nullptr));
            _exit (127);
        }
        close (fds[1]);
        std::string line;
        char c = 0;
        while (read (fds[0], &c, 1) == 1 && c != '\n')
            line += c;
        close (fds[0]);
        port = std::atoi (line.c_str());
        REQUIRE (port > 0);
    }

    ~FakeOpenAiServer()
    {
        kill (pid, SIGTERM);
        waitpid (pid, nullptr, 0);
    }

    [[nodiscard]] LlmSettings settings (std::string model) const
    {
        return { "http://127.0.0.1:" + std::to_string (port) + "/v1", std::move (model),
                 "test-key", std::chrono::milliseconds (1500) };
    }

private:
    pid_t pid = -1;
    int port = 0;
};

void checkNoSecret (const LlmReading& r)
{
    CHECK (r.target.explanation.find ("test-key") == std::string::npos);
    CHECK (r.problem.find ("test-key") == std::string::npos);
}
} // namespace

TEST_CASE ("A language model's valid answer fills the target", "[mood][llm]")
{
    FakeOpenAiServer server;
    const LlmMoodReader reader (server.settings ("valid"));
    const auto r = reader.readWithDetails ("party time, 20 songs, no metal");
    REQUIRE (r.fromModel);
    CHECK (r.problem.empty());
    CHECK (r.target.end.valence == Approx (0.9));
    CHECK (r.target.end.energy == Approx (0.85));
    REQUIRE (r.target.tempoBpm.has_value());
    CHECK (r.target.tempoBpm->min == Approx (120.0));
    CHECK (r.target.danceability == Approx (0.8));
    CHECK (r.target.instrumental == false);
    CHECK (r.target.exclude == std::vector<std::string> { "metal" });
    // The model left the count out; the parser read it from the text.
    CHECK (r.target.count == 20);
    CHECK (r.target.explanation == "Bright, danceable pop from the model.");

    const auto rising = LlmMoodReader (server.settings ("valid-rising")).read ("sad, cheer me up");
    CHECK (rising.arc == Arc::rising);
    REQUIRE (rising.start.has_value());
    CHECK (rising.start->valence == Approx (0.2));
}

TEST_CASE ("Out-of-range numbers from the model are clamped", "[mood][llm]")
{
    FakeOpenAiServer server;
    const auto r = LlmMoodReader (server.settings ("out-of-range")).readWithDetails ("happy");
    REQUIRE (r.fromModel);
    CHECK (r.target.end.valence == 1.0);
    CHECK (r.target.end.energy == 0.0);
    CHECK (r.target.count == 500);
    REQUIRE (r.target.tempoBpm.has_value());
    CHECK (r.target.tempoBpm->min == 30.0);
    CHECK (r.target.tempoBpm->max == 300.0);
}

TEST_CASE ("Bad answers fall back to the local engine and say why", "[mood][llm]")
{
    FakeOpenAiServer server;
    const MoodParser parser;
    const auto local = parser.parse ("I'm sad, cheer me up");

    struct Case
    {
        const char* model;
        const char* why;
    };
    for (const auto& c : { Case { "invalid-json", "not JSON" },
                           Case { "bad-arguments", "arguments were not JSON" },
                           Case { "wrong-types", "valence must be a number" },
                           Case { "no-tool-call", "did not fill the mood target" },
                           Case { "429", "rate-limited" },
                           Case { "500", "HTTP 500" },
                           Case { "slow", "did not answer within 1.50 s" } })
    {
        INFO (c.model);
        const LlmMoodReader reader (server.settings (c.model));
        const auto r = reader.readWithDetails ("I'm sad, cheer me up");
        CHECK_FALSE (r.fromModel);
        CHECK (r.problem.find (c.why) != std::string::npos);
        CHECK (r.target.end.valence == Approx (local.end.valence));
        CHECK (r.target.arc == local.arc);
        CHECK (r.target.explanation.starts_with ("The language model "));
        CHECK (r.target.explanation.find ("the local engine read this") != std::string::npos);
        checkNoSecret (r);
    }
}

TEST_CASE ("A wrong key or an unreachable server falls back without leaking the key",
           "[mood][llm]")
{
    FakeOpenAiServer server;
    auto settings = server.settings ("valid");
    settings.apiKey = "sk-wrong-secret";
    const auto refused = LlmMoodReader (settings).readWithDetails ("happy");
    CHECK_FALSE (refused.fromModel);
    CHECK (refused.problem.find ("HTTP 401") != std::string::npos);
    CHECK (refused.target.explanation.find ("sk-wrong-secret") == std::string::npos);

    // Port 1 on loopback: nothing listens there.
    LlmSettings closed { "http://user:sk-in-url@127.0.0.1:1/v1?key=sk-in-query", "valid",
                         "sk-wrong-secret", std::chrono::milliseconds (1000) };
    const auto unreachable = LlmMoodReader (closed).readWithDetails ("happy");
    CHECK_FALSE (unreachable.fromModel);
    CHECK (unreachable.problem.find ("could not be reached at 127.0.0.1:1") != std::string::npos);
    CHECK (unreachable.problem.find ("sk-") == std::string::npos);
    CHECK (unreachable.target.end.valence > 0.7);
}

TEST_CASE ("The request carries the tool schema and forces the tool", "[mood][llm]")
{
    const LlmMoodReader reader ({ "http://127.0.0.1:9/v1", "some-model", "sk-secret", {} });
    const auto body = nlohmann::json::parse (reader.requestBody ("calm \xff music"));
    CHECK (body.at ("model") == "some-model");
    CHECK (body.at ("tool_choice").at ("function").at ("name") == "set_mood_target");
    const auto& parameters = body.at ("tools").at (0).at ("function").at ("parameters");
    CHECK (parameters.at ("required") == nlohmann::json { "valence", "energy", "arc" });
    CHECK (parameters.at ("properties").at ("arc").at ("enum").size() == 3);
    CHECK (body.dump().find ("sk-secret") == std::string::npos);
    CHECK (body.at ("messages").at (1).at ("content").get<std::string>().starts_with ("calm "));
}
