#include "AudioFiles.h"
#include "CliRunner.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>

using namespace moodboard;

// Runs only when MOODBOARD_DEMO_LIBRARY names the folder that scripts/install-demo-library.sh
// filled with real music; CTest sets it up as a fixture.
TEST_CASE (
    "on the demo library, the sleepy playlist is slower, quieter and calmer than the upbeat one",
    "[.demo]")
{
    const char* demo = std::getenv ("MOODBOARD_DEMO_LIBRARY");
    REQUIRE (demo != nullptr);
    REQUIRE (std::filesystem::is_directory (demo));

    const auto home = testing::makeScratchFolder ("demo-home");
    const auto scan = testing::runCli (home, { "scan", demo });
    REQUIRE (scan.exitCode == 0);
    INFO (scan.output);

    auto suggest = [&] (const std::string& text)
    {
        const auto result = testing::runCli (home, { "suggest", text, "--count", "8", "--json" });
        REQUIRE (result.exitCode == 0);
        return nlohmann::json::parse (result.output)["tracks"];
    };

    const auto sleepy = suggest ("I'm sleepy and need something relaxing");
    const auto upbeat = suggest ("play me something upbeat to wake me up");
    REQUIRE (sleepy.size() == 8);
    REQUIRE (upbeat.size() == 8);


    INFO ("sleepy: " << sleepy.dump());
    INFO ("upbeat: " << upbeat.dump());
    CHECK (testing::meanOf (sleepy, "energy") < testing::meanOf (upbeat, "energy"));
    CHECK (testing::meanOf (sleepy, "loudness_lufs") < testing::meanOf (upbeat, "loudness_lufs"));
    CHECK (testing::meanOf (sleepy, "tempo_bpm") < testing::meanOf (upbeat, "tempo_bpm"));
}
