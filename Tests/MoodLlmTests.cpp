#include "FakeOpenAiServer.h"
#include "Mood/LlmMoodReader.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

using namespace moodboard::mood;
using moodboard::testing::FakeOpenAiServer;

namespace
{
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
