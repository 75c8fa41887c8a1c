#include "AudioFiles.h"
#include "AudioIO/FileAudioDecoder.h"
#include "Auth/LanguageModelKey.h"
#include "Core/LibraryFolders.h"
#include "Core/SettingsFile.h"
#include "Library/Scanner.h"
#include "Mood/LanguageModelConfig.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace moodboard;

namespace
{
std::string readText (const std::filesystem::path& file)
{
    std::ifstream in (file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeText (const std::filesystem::path& file, const std::string& text)
{
    std::filesystem::create_directories (file.parent_path());
    std::ofstream (file, std::ios::binary) << text;
}

/** Sets or unsets an environment variable for one test and puts the old value back. */
class ScopedVariable final
{
public:
    ScopedVariable (const char* variableName, const char* value) : name (variableName)
    {
        if (const char* old = std::getenv (name))
            previous = old;
        if (value != nullptr)
            ::setenv (name, value, 1);
        else
            ::unsetenv (name);
    }

    ~ScopedVariable()
    {
        if (previous)
            ::setenv (name, previous->c_str(), 1);
        else
            ::unsetenv (name);
    }

private:
    const char* name;
    std::optional<std::string> previous;
};
} // namespace

TEST_CASE ("library settings read the one-folder form of earlier versions and the list",
           "[settings]")
{
    SECTION ("the old form gives one folder")
    {
        const auto read = LibraryFolders::fromJson (nlohmann::json::parse (
            R"({"libraryFolder": "/home/ann/Music/"})"));
        REQUIRE (read);
        CHECK (read->folders == std::vector<std::string> { "/home/ann/Music" });
    }

    SECTION ("the list keeps its order, normalises and drops repeats")
    {
        const auto read = LibraryFolders::fromJson (nlohmann::json::parse (
            R"({"libraryFolders": ["/music", "/more//music/", "/music/", "/a/./b"]})"));
        REQUIRE (read);
        CHECK (read->folders == std::vector<std::string> { "/music", "/more/music", "/a/b" });
    }

    SECTION ("the list wins over the old key when both are there")
    {
        const auto read = LibraryFolders::fromJson (nlohmann::json::parse (
            R"({"libraryFolders": ["/b", "/c"], "libraryFolder": "/a"})"));
        REQUIRE (read);
        CHECK (read->folders == std::vector<std::string> { "/b", "/c" });
    }

    SECTION ("neither key gives no folders")
    {
        const auto read = LibraryFolders::fromJson (nlohmann::json::object());
        REQUIRE (read);
        CHECK (read->folders.empty());
    }

    SECTION ("a wrong shape is an error that says what is expected")
    {
        for (const auto* text : { R"({"libraryFolders": "/music"})",
                                  R"({"libraryFolders": ["/music", 3]})",
                                  R"({"libraryFolder": 7})", R"([1, 2])" })
        {
            const auto read = LibraryFolders::fromJson (nlohmann::json::parse (text));
            REQUIRE_FALSE (read);
            CHECK (read.error().kind == Error::Kind::corrupt);
            CHECK (read.error().message.find ("libraryFolders") != std::string::npos);
        }
    }
}

TEST_CASE ("library settings are written in the new form with the first folder for old readers",
           "[settings]")
{
    const auto folder = testing::makeScratchFolder ("settings-library-write");
    const auto file = folder / "config" / "library.json";

    LibraryFolders folders;
    CHECK (folders.add ("/music"));
    CHECK (folders.add ("/more/"));
    CHECK_FALSE (folders.add ("/music/"));
    CHECK_FALSE (folders.add (""));
    REQUIRE (folders.save (file));

    const auto written = nlohmann::json::parse (readText (file));
    CHECK (written["libraryFolders"] == nlohmann::json { "/music", "/more" });
    CHECK (written["libraryFolder"] == "/music");

    const auto loaded = LibraryFolders::load (file);
    REQUIRE (loaded);
    CHECK (loaded->folders == folders.folders);

    CHECK (folders.remove ("/music/"));
    CHECK_FALSE (folders.remove ("/music"));
    REQUIRE (folders.save (file));
    const auto after = nlohmann::json::parse (readText (file));
    CHECK (after["libraryFolders"] == nlohmann::json { "/more" });
    CHECK (after["libraryFolder"] == "/more");

    folders.remove ("/more");
    REQUIRE (folders.save (file));
    const auto empty = nlohmann::json::parse (readText (file));
    CHECK (empty["libraryFolders"].empty());
    CHECK_FALSE (empty.contains ("libraryFolder"));
}

TEST_CASE ("a damaged library settings file is reported and left as it is", "[settings]")
{
    const auto folder = testing::makeScratchFolder ("settings-library-damaged");
    const auto file = folder / "library.json";

    SECTION ("a missing file is no folders and no error")
    {
        const auto loaded = LibraryFolders::load (file);
        REQUIRE (loaded);
        CHECK (loaded->folders.empty());
    }

    SECTION ("text that is not JSON")
    {
        writeText (file, "{\"libraryFolders\": [\"/music\"");
        const auto loaded = LibraryFolders::load (file);
        REQUIRE_FALSE (loaded);
        CHECK (loaded.error().message.find (file.string()) != std::string::npos);
        CHECK (loaded.error().message.find ("damaged") != std::string::npos);
        CHECK (readText (file) == "{\"libraryFolders\": [\"/music\"");

        const auto kept = keepDamagedSettingsFile (file);
        REQUIRE (kept);
        CHECK (kept->filename() == "library.json.damaged");
        CHECK (readText (*kept) == "{\"libraryFolders\": [\"/music\"");
    }

    SECTION ("JSON of the wrong shape")
    {
        writeText (file, "{\"libraryFolders\": {\"a\": 1}}");
        const auto loaded = LibraryFolders::load (file);
        REQUIRE_FALSE (loaded);
        CHECK (loaded.error().message.find ("left as it is") != std::string::npos);
        CHECK (readText (file) == "{\"libraryFolders\": {\"a\": 1}}");
    }
}

TEST_CASE ("a removed library folder takes only the tracks no other folder holds", "[settings]")
{
    const std::vector<std::string> paths { "/music/a.wav", "/music/jazz/b.wav", "/music2/c.wav",
                                           "/musical/d.wav", "/other/e.wav" };

    CHECK (pathsLeavingWith (paths, "/music", { "/other" })
           == std::vector<std::string> { "/music/a.wav", "/music/jazz/b.wav" });
    // A folder inside another watched folder leaves nothing: the parent still holds its files.
    CHECK (pathsLeavingWith (paths, "/music/jazz", { "/music" }).empty());
    CHECK (pathsLeavingWith (paths, "/music/jazz/", { "/other" })
           == std::vector<std::string> { "/music/jazz/b.wav" });

    CHECK (isPathUnder ("/music/a.wav", "/music/"));
    CHECK_FALSE (isPathUnder ("/musical/d.wav", "/music"));
    CHECK_FALSE (isPathUnder ("/music2/c.wav", "/music"));
    CHECK (isPathUnder ("/x/y", "/"));
}

TEST_CASE ("scanning one library folder keeps the tracks of the others", "[settings]")
{
    const auto folder = testing::makeScratchFolder ("settings-two-folders");
    const auto song = testing::makeSong (110.0, false, 0.6, 3.0, 22050.0);
    std::filesystem::create_directories (folder / "one");
    std::filesystem::create_directories (folder / "two");
    for (const auto* name : { "one/a.wav", "one/b.wav", "two/c.wav" })
        REQUIRE (testing::writeAudioFile (folder / name, testing::FileFormat::wav, song, 22050.0));

    auto catalog = library::Catalog::open (folder / "catalog.sqlite");
    REQUIRE (catalog);
    audio::FileAudioDecoder decoder;
    library::Scanner scanner (**catalog, decoder);
    std::atomic<bool> cancel { false };

    const auto both = scanner.scan ({ folder / "one", folder / "two" }, nullptr, cancel, 2);
    CHECK (both.analysed == 3);
    REQUIRE ((*catalog)->getNumTracks() == 3);

    // The way the service rescans after a change touches only what is gone below a scanned root.
    std::filesystem::remove (folder / "one" / "b.wav");
    const auto one = scanner.scan ({ folder / "one" }, nullptr, cancel, 2);
    CHECK (one.removed == 1);
    CHECK ((*catalog)->getTracksUnder (folder / "two").size() == 1);
    CHECK ((*catalog)->getNumTracks() == 2);

    // Removing folder "two" from the list forgets its track and nothing else.
    std::vector<std::string> paths;
    for (const auto& track : (*catalog)->getAllTracks())
        paths.push_back (track.path);
    const auto leaving = pathsLeavingWith (paths, (folder / "two").string(),
                                           { (folder / "one").string() });
    REQUIRE (leaving.size() == 1);
    CHECK (leaving.front() == (folder / "two" / "c.wav").string());
}

TEST_CASE ("a typed library folder is checked and explained", "[settings]")
{
    const auto folder = testing::makeScratchFolder ("settings-typed-folder");
    std::filesystem::create_directories (folder / "Music");
    writeText (folder / "song.txt", "not a folder");

    const auto ok = checkLibraryFolder ("  " + (folder / "Music").string() + "/  ");
    REQUIRE (ok);
    CHECK (*ok == (folder / "Music").string());

    {
        ScopedVariable home ("HOME", folder.c_str());
        const auto tilde = checkLibraryFolder ("~/Music");
        REQUIRE (tilde);
        CHECK (*tilde == (folder / "Music").string());
    }

    const auto empty = checkLibraryFolder ("   ");
    REQUIRE_FALSE (empty);
    CHECK (empty.error().message.find ("Type the path") != std::string::npos);

    const auto relative = checkLibraryFolder ("Music");
    REQUIRE_FALSE (relative);
    CHECK (relative.error().message.find ("start it with /") != std::string::npos);

    const auto missing = checkLibraryFolder ((folder / "Nothing").string());
    REQUIRE_FALSE (missing);
    CHECK (missing.error().kind == Error::Kind::notFound);
    CHECK (missing.error().message.find ("There is no folder") != std::string::npos);

    const auto file = checkLibraryFolder ((folder / "song.txt").string());
    REQUIRE_FALSE (file);
    CHECK (file.error().message.find ("is a file, not a folder") != std::string::npos);
}

TEST_CASE ("language model endpoint URLs are checked and explained in words", "[settings]")
{
    for (const auto* good : { "http://127.0.0.1:8080/v1", "https://openrouter.example/api/v1",
                              "HTTP://localhost:11434", "http://[::1]:8080/v1",
                              "https://my-model.local/v1/chat/completions", "http://host_1" })
    {
        INFO (good);
        CHECK (mood::checkEndpointUrl (good));
    }

    const std::vector<std::pair<const char*, const char*>> bad {
        { "", "Give the address" },
        { "127.0.0.1:8080/v1", "http:// or https://" },
        { "ftp://example.org", "http:// or https://" },
        { "http://", "no host" },
        { "http:///v1", "no host" },
        { "http://:8080/v1", "no host" },
        { "http://local host/v1", "spaces" },
        { "http://127.0.0.1:99999/v1", "port" },
        { "http://127.0.0.1:/v1", "port" },
        { "http://127.0.0.1:80a/v1", "port" },
        { "http://user:secret@127.0.0.1/v1", "user name or password" },
        { "http://exa<mple>.org", "host name" },
        { "http://[::1/v1", "IPv6" },
    };
    for (const auto& [url, expected] : bad)
    {
        INFO (url);
        const auto checked = mood::checkEndpointUrl (url);
        REQUIRE_FALSE (checked);
        CHECK (checked.error().kind == Error::Kind::invalidInput);
        CHECK (checked.error().message.find (expected) != std::string::npos);
        // The message never repeats the URL, which could hold a secret.
        CHECK (checked.error().message.find ("secret") == std::string::npos);
    }
}

TEST_CASE ("language model settings are validated before anything is written", "[settings]")
{
    const auto folder = testing::makeScratchFolder ("settings-language-model");
    const auto file = folder / "language-model.json";

    mood::LanguageModelConfig config;
    config.url = "localhost:8080";
    config.model = "qwen2.5";
    const auto refused = config.save (file);
    REQUIRE_FALSE (refused);
    CHECK (refused.error().message.find ("http://") != std::string::npos);
    CHECK_FALSE (std::filesystem::exists (file));

    config.url = "http://127.0.0.1:8080/v1";
    config.model = "";
    CHECK_FALSE (config.validate());
    config.model = "two words";
    CHECK_FALSE (config.validate());

    config.model = "qwen2.5";
    config.localRulesOnly = true;
    REQUIRE (config.save (file));
    const auto written = nlohmann::json::parse (readText (file));
    CHECK (written == nlohmann::json { { "url", "http://127.0.0.1:8080/v1" },
                                       { "model", "qwen2.5" }, { "localRulesOnly", true } });

    // A bad value later leaves the saved file as it was.
    auto worse = config;
    worse.url = "http://";
    REQUIRE_FALSE (worse.save (file));
    CHECK (nlohmann::json::parse (readText (file)) == written);

    const auto loaded = mood::LanguageModelConfig::load (file);
    REQUIRE (loaded);
    CHECK (loaded->url == config.url);
    CHECK (loaded->model == config.model);
    CHECK (loaded->localRulesOnly);

    SECTION ("no URL and no model is a valid choice: no model")
    {
        CHECK (mood::LanguageModelConfig {}.validate());
        CHECK_FALSE (mood::LanguageModelConfig {}.toSettings (nullptr));
    }

    SECTION ("a damaged file is an error and stays as it is")
    {
        writeText (file, "{\"url\": 5}");
        const auto damaged = mood::LanguageModelConfig::load (file);
        REQUIRE_FALSE (damaged);
        CHECK (damaged.error().message.find ("\"url\"") != std::string::npos);
        CHECK (readText (file) == "{\"url\": 5}");

        writeText (file, "not json");
        CHECK_FALSE (mood::LanguageModelConfig::load (file));
        CHECK (readText (file) == "not json");
    }
}

TEST_CASE ("the language model in force: local rules only, the settings file, then the environment",
           "[settings]")
{
    testing::ScopedMoodboardHome home ("settings-model-in-force");
    ScopedVariable store ("MOODBOARD_SECRET_STORE", "file");
    ScopedVariable url ("MOODBOARD_LLM_URL", nullptr);
    ScopedVariable model ("MOODBOARD_LLM_MODEL", nullptr);
    ScopedVariable key ("MOODBOARD_LLM_API_KEY", nullptr);

    CHECK_FALSE (auth::configuredLanguageModel());

    mood::LanguageModelConfig config;
    config.url = "http://127.0.0.1:9/v1";
    config.model = "from-settings";
    REQUIRE (config.save (mood::LanguageModelConfig::defaultFile()));

    int keyAsked = 0;
    const auto countingKey = [&keyAsked]() -> std::optional<std::string>
    {
        ++keyAsked;
        return std::string ("k");
    };
    const auto settings = config.toSettings (countingKey);
    REQUIRE (settings);
    CHECK (settings->apiKey == "k");
    CHECK (keyAsked == 1);

    {
        ScopedVariable envKey ("MOODBOARD_LLM_API_KEY", "environment-key");
        const auto inForce = auth::configuredLanguageModel();
        REQUIRE (inForce);
        CHECK (inForce->model == "from-settings");
        CHECK (inForce->url == "http://127.0.0.1:9/v1");
        CHECK (inForce->apiKey == "environment-key");
    }

    {
        ScopedVariable envUrl ("MOODBOARD_LLM_URL", "http://127.0.0.1:10/v1");
        ScopedVariable envModel ("MOODBOARD_LLM_MODEL", "from-environment");
        const auto inForce = auth::configuredLanguageModel();
        REQUIRE (inForce);
        CHECK (inForce->model == "from-environment");
    }

    config.localRulesOnly = true;
    REQUIRE (config.save (mood::LanguageModelConfig::defaultFile()));
    CHECK_FALSE (config.toSettings (countingKey));
    CHECK (keyAsked == 1);
    CHECK_FALSE (auth::configuredLanguageModel());

    // The switch is a promise that nothing goes out: a model named by the environment is not
    // asked either.
    ScopedVariable envUrl ("MOODBOARD_LLM_URL", "http://127.0.0.1:10/v1");
    ScopedVariable envModel ("MOODBOARD_LLM_MODEL", "from-environment");
    CHECK_FALSE (auth::configuredLanguageModel());
}
