#include "AudioFiles.h"
#include "CliRunner.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>

using namespace moodboard;

// Runs only when MOODBOARD_DEMO_LIBRARY names the folder that scripts/install-demo-library.sh
// filled with real music; CTest sets it up as a fixture.
TEST_CASE ("on the demo library, the sleepy playlist is slower, quieter and calmer than the upbeat one",
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

    auto mean = [] (const nlohmann::json& tracks, const char* field)
    {
        double sum = 0.0;
        int n = 0;
        for (const auto& t : tracks)
            if (t[field].is_number())
            {
                sum += t[field].get<double>();
                ++n;
            }
        return n > 0 ? sum / n : 0.0;
    };

    INFO ("sleepy: " << sleepy.dump());
    INFO ("upbeat: " << upbeat.dump());
    CHECK (mean (sleepy, "energy") < mean (upbeat, "energy") - 0.1);
    CHECK (mean (sleepy, "loudness_lufs") < mean (upbeat, "loudness_lufs"));
    CHECK (mean (sleepy, "tempo_bpm") < mean (upbeat, "tempo_bpm"));
}
