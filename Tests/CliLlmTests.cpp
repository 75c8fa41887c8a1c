// The command line with a language model: the key kept in the secret store, the model asked by
// `mood`, and the local engine answering, with a reason, when the model fails.
#include "AudioFiles.h"
#include "CliRunner.h"
#include "FakeOpenAiServer.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace moodboard;
using testing::CliOptions;
using testing::runCli;

namespace
{
CliOptions withModel (const testing::FakeOpenAiServer& server, const std::string& model)
{
    CliOptions options;
    options.environment = { { "MOODBOARD_SECRET_STORE", "file" },
                            { "MOODBOARD_LLM_URL",
                              "http://127.0.0.1:" + std::to_string (server.getPort()) + "/v1" },
                            { "MOODBOARD_LLM_MODEL", model },
                            { "MOODBOARD_LLM_TIMEOUT_MS", "1500" } };
    options.captureErrors = true;
    return options;
}

std::string readWholeFolder (const std::filesystem::path& folder)
{
    std::string all;
    for (const auto& entry : std::filesystem::recursive_directory_iterator (folder))
        if (entry.is_regular_file() && entry.path().filename() != "credentials.json")
        {
            std::ifstream in (entry.path(), std::ios::binary);
            all.append (std::istreambuf_iterator<char> (in), {});
        }
    return all;
}
} // namespace

TEST_CASE ("the language model's key is kept in the secret store and used by mood", "[cli][llm]")
{
    testing::FakeOpenAiServer server;
    const auto home = testing::makeScratchFolder ("cli-llm-key");
    auto options = withModel (server, "valid");

    // Without a key the fake refuses (401), and the local engine answers with the reason.
    auto refused = runCli (home, { "mood", "happy", "--json" }, options);
    CHECK (refused.exitCode == 0);
    CHECK_THAT (refused.output, Catch::Contains ("the language model was not used")
                                    && Catch::Contains ("401"));

    auto set = options;
    set.input = "test-key\n";
    const auto stored = runCli (home, { "llm-key", "set" }, set);
    REQUIRE (stored.exitCode == 0);
    CHECK_THAT (stored.output, Catch::Contains ("stored in"));
    CHECK_THAT (stored.output, ! Catch::Contains ("test-key"));

    // With the stored key the model answers: its explanation is the fake's.
    auto answered = runCli (home, { "mood", "happy", "--json" }, options);
    REQUIRE (answered.exitCode == 0);
    const auto json = nlohmann::json::parse (answered.output.substr (answered.output.find ('{')));
    CHECK (json["explanation"] == "Bright, danceable pop from the model.");

    const auto status = runCli (home, { "llm-key", "status" }, options);
    CHECK_THAT (status.output,
                Catch::Contains ("API key: stored in") && ! Catch::Contains ("test-key"));

    // The key is in no file but the secret store, the log included.
    CHECK (readWholeFolder (home).find ("test-key") == std::string::npos);

    CHECK (runCli (home, { "llm-key", "forget" }, options).exitCode == 0);
    CHECK_THAT (runCli (home, { "llm-key", "status" }, options).output,
                Catch::Contains ("none stored"));
    CHECK (runCli (home, { "llm-key", "rotate" }, options).exitCode == 2);
}

TEST_CASE ("a failing language model leaves suggest to the local engine", "[cli][llm]")
{
    testing::FakeOpenAiServer server;
    const auto home = testing::makeScratchFolder ("cli-llm-fallback");
    auto options = withModel (server, "500");
    options.environment.emplace_back ("MOODBOARD_LLM_API_KEY", "test-key");

    const auto result = runCli (home, { "mood", "I'm sleepy and need something relaxing",
                                        "--json" }, options);
    REQUIRE (result.exitCode == 0);
    CHECK_THAT (result.output, Catch::Contains ("the language model was not used"));
    const auto json = nlohmann::json::parse (result.output.substr (result.output.find ('{')));
    CHECK (json["energy"].get<double>() < 0.3);
}
