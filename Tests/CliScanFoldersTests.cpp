#include "AudioFiles.h"
#include "CliRunner.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace moodboard;

namespace
{
std::string readText (const std::filesystem::path& file)
{
    std::ifstream in (file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> rememberedFolders (const std::filesystem::path& home)
{
    return nlohmann::json::parse (readText (home / "config" / "library.json"))["libraryFolders"]
        .get<std::vector<std::string>>();
}
} // namespace

TEST_CASE ("moodboard scan keeps the same list of library folders as the app's settings page",
           "[cli][library]")
{
    const auto home = testing::makeScratchFolder ("scan-folders-home");
    const auto first = testing::makeScratchFolder ("scan-folders-first");
    const auto second = testing::makeScratchFolder ("scan-folders-second");
    const auto third = testing::makeScratchFolder ("scan-folders-third");
    const auto config = home / "config";
    std::filesystem::create_directories (config);

    REQUIRE (testing::runCli (home, { "scan", first.string() + "/" }).exitCode == 0);
    CHECK (rememberedFolders (home) == std::vector<std::string> { first.string() });

    // A single file is scanned but not watched.
    REQUIRE (testing::writeAudioFile (second / "one.wav", testing::FileFormat::wav,
                                      testing::makeSong (0, true, 0.2, 2.0, 22050), 22050, {}));
    REQUIRE (testing::runCli (home, { "scan", (second / "one.wav").string() }).exitCode == 0);
    CHECK (rememberedFolders (home) == std::vector<std::string> { first.string() });

    // The list an earlier version of the command kept is merged once, then removed.
    std::ofstream (config / "library-folders.json") << nlohmann::json { third.string() }.dump();
    REQUIRE (testing::runCli (home, { "scan" }).exitCode == 0);
    CHECK (rememberedFolders (home) == std::vector<std::string> { first.string(), third.string() });
    CHECK_FALSE (std::filesystem::exists (config / "library-folders.json"));

    // A damaged list is left as it is: folders given are still scanned, a plain scan stops.
    const std::string damaged = "{\"libraryFolders\": [";
    std::ofstream (config / "library.json", std::ios::trunc) << damaged;
    const auto given = testing::runCli (home, { "scan", second.string() });
    CHECK (given.exitCode == 0);
    CHECK (given.output.find ("1 audio file") != std::string::npos);
    CHECK (testing::runCli (home, { "scan" }).exitCode == 1);
    CHECK (readText (config / "library.json") == damaged);
}
