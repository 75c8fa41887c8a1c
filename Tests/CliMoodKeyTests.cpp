#include "AudioFiles.h"
#include "CliRunner.h"

#include "Net/AppChannel.h"

#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <mutex>
#include <vector>

using namespace moodboard;
using namespace std::chrono_literals;

namespace
{
testing::CliOptions withErrors()
{
    testing::CliOptions options;
    options.captureErrors = true;
    return options;
}

// Stands in for the running app: answers like it for the presets Calm, Focus and Wind down and
// keeps the requests it was sent.
class FakeApp final
{
public:
    explicit FakeApp (const std::filesystem::path& home)
    {
        const auto run = home / "run";
        std::filesystem::create_directories (run);
        ::chmod (run.c_str(), 0700);
        auto listening = net::AppChannelServer::listen (run / "app.sock",
                                                        [this] (const net::AppRequest& request)
                                                        { return answer (request); });
        REQUIRE (listening);
        server = std::move (*listening);
    }

    [[nodiscard]] std::vector<std::string> getRequests()
    {
        const std::scoped_lock lock (mutex);
        return requests;
    }

private:
    std::string answer (const net::AppRequest& request)
    {
        const std::scoped_lock lock (mutex);
        requests.push_back (net::formatAppRequest (request));
        for (const auto* name : { "Calm", "Focus", "Wind down" })
            if (request.argument == name)
                return std::string ("ok ") + name;
        if (request.argument == "2")
            return "ok Focus";
        return "unknown preset: " + request.argument + "; presets: Calm, Focus, Wind down";
    }

    std::mutex mutex;
    std::vector<std::string> requests;
    std::unique_ptr<net::AppChannelServer> server;
};
} // namespace

TEST_CASE ("mood-key switches the running app to a preset", "[cli][channel]")
{
    const auto home = testing::makeScratchFolder ("cli-mk");
    FakeApp app (home);

    auto result = testing::runCli (home, { "mood-key", "Calm" });
    CHECK (result.exitCode == 0);
    CHECK (result.output == "Music Moodboard switched to Calm.\n");

    result = testing::runCli (home, { "mood-key", "Wind", "down" });
    CHECK (result.exitCode == 0);
    CHECK (result.output == "Music Moodboard switched to Wind down.\n");

    result = testing::runCli (home, { "mood-key", "2" });
    CHECK (result.exitCode == 0);
    CHECK (result.output == "Music Moodboard switched to Focus.\n");

    CHECK (app.getRequests()
           == std::vector<std::string> { "mood Calm", "mood Wind down", "mood 2" });
}

TEST_CASE ("mood-key passes on the app's words for an unknown preset", "[cli][channel]")
{
    const auto home = testing::makeScratchFolder ("cli-mk-unknown");
    FakeApp app (home);

    const auto result = testing::runCli (home, { "mood-key", "nosuch" }, withErrors());
    CHECK (result.exitCode == 1);
    CHECK (result.output
           == "moodboard: unknown preset: nosuch; presets: Calm, Focus, Wind down\n");
}

TEST_CASE ("mood-key says how to start the app when none is running", "[cli][channel]")
{
    const auto home = testing::makeScratchFolder ("cli-mk-none");
    const std::string expected = "moodboard: Music Moodboard is not running: start it "
                                 "(MusicMoodboard --mood Calm) and try again\n";

    SECTION ("no socket at all")
    {
        const auto result = testing::runCli (home, { "mood-key", "Calm" }, withErrors());
        CHECK (result.exitCode == 3);
        CHECK (result.output == expected);
    }
    SECTION ("a socket left by an app that was killed")
    {
        std::filesystem::create_directories (home / "run");
        const auto path = home / "run" / "app.sock";
        const int fd = ::socket (AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address {};
        address.sun_family = AF_UNIX;
        std::strncpy (address.sun_path, path.c_str(), sizeof (address.sun_path) - 1);
        REQUIRE (::bind (fd, reinterpret_cast<sockaddr*> (&address), sizeof (address)) == 0);
        ::close (fd);

        const auto result = testing::runCli (home, { "mood-key", "Calm" }, withErrors());
        CHECK (result.exitCode == 3);
        CHECK (result.output == expected);
    }
}

TEST_CASE ("mood-key without a name is a usage error", "[cli][channel]")
{
    const auto home = testing::makeScratchFolder ("cli-mk-usage");
    FakeApp app (home);

    auto result = testing::runCli (home, { "mood-key" }, withErrors());
    CHECK (result.exitCode == 2);
    CHECK (result.output.find ("use mood-key NAME") != std::string::npos);

    result = testing::runCli (home, { "mood-key", std::string (300, 'x') }, withErrors());
    CHECK (result.exitCode == 2);
    CHECK (app.getRequests().empty());

    // The help lists every exit code the command returns.
    result = testing::runCli (home, { "mood-key", "--help" });
    CHECK (result.exitCode == 0);
    for (const auto* code : { "Exit 0 switched", "1 not switched", "2 no name", "3 the app" })
        CHECK (result.output.find (code) != std::string::npos);
    CHECK (app.getRequests().empty());
}
