#include "AudioFiles.h"

#include "Net/AppChannel.h"

#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <fstream>
#include <thread>

using namespace moodboard;
using namespace std::chrono_literals;

namespace
{
// A handler that answers like the app does for a known list, and counts its calls.
struct PresetHandler
{
    std::atomic<int> calls { 0 };

    net::AppRequestHandler make()
    {
        return [this] (const net::AppRequest& request) -> std::string
        {
            ++calls;
            if (request.kind == net::AppRequest::Kind::show)
                return "ok shown";
            if (request.argument == "Calm" || request.argument == "Focus")
                return "ok " + request.argument;
            return "unknown preset: " + request.argument + "; presets: Calm, Focus";
        };
    }
};

// A plain Unix socket of the test's own at `path`: bound and, when asked, listening.
int bindRawSocket (const std::filesystem::path& path, bool listening)
{
    const int fd = ::socket (AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    std::strncpy (address.sun_path, path.c_str(), sizeof (address.sun_path) - 1);
    REQUIRE (::bind (fd, reinterpret_cast<sockaddr*> (&address), sizeof (address)) == 0);
    if (listening)
        REQUIRE (::listen (fd, 4) == 0);
    return fd;
}

int modeOf (const std::filesystem::path& path)
{
    struct stat info {};
    REQUIRE (::lstat (path.c_str(), &info) == 0);
    return (int) (info.st_mode & 0777);
}

std::unique_ptr<net::AppChannelServer> listenOrFail (const std::filesystem::path& path,
                                                     net::AppRequestHandler handler,
                                                     net::AppChannelOptions options = {})
{
    auto server = net::AppChannelServer::listen (path, std::move (handler), options);
    if (! server)
        FAIL ("listen failed: " << server.error().message);
    return std::move (*server);
}
} // namespace

TEST_CASE ("App requests are read from one short line", "[channel]")
{
    auto mood = net::parseAppRequest ("mood  Wind down \r");
    REQUIRE (mood);
    CHECK (mood->kind == net::AppRequest::Kind::mood);
    CHECK (mood->argument == "Wind down");
    CHECK (net::formatAppRequest (*mood) == "mood Wind down");

    auto show = net::parseAppRequest ("show");
    REQUIRE (show);
    CHECK (show->kind == net::AppRequest::Kind::show);

    CHECK_FALSE (net::parseAppRequest (""));
    CHECK_FALSE (net::parseAppRequest ("mood"));
    CHECK_FALSE (net::parseAppRequest ("mood   "));
    CHECK_FALSE (net::parseAppRequest ("show Calm"));
    CHECK_FALSE (net::parseAppRequest ("dance Calm"));
    CHECK (net::parseAppRequest (std::string ("mood Ca\0lm", 10)).error().message.find ("control")
           != std::string::npos);
}

TEST_CASE ("The app channel answers a request and removes its socket when it stops", "[channel]")
{
    const auto path = testing::makeScratchFolder ("ch-trip") / "app.sock";
    PresetHandler handler;
    {
        auto server = listenOrFail (path, handler.make());
        CHECK (modeOf (path) == 0600);

        auto answer = net::sendAppRequest (path, "mood Calm", 2000ms);
        REQUIRE (answer);
        CHECK (*answer == "ok Calm");

        answer = net::sendAppRequest (path, "mood nosuch", 2000ms);
        REQUIRE (answer);
        CHECK (*answer == "unknown preset: nosuch; presets: Calm, Focus");

        answer = net::sendAppRequest (path, "show", 2000ms);
        REQUIRE (answer);
        CHECK (*answer == "ok shown");
        CHECK (handler.calls == 3);
        CHECK (server->getAnsweredCount() == 3);
    }
    CHECK_FALSE (std::filesystem::exists (path));

    const auto gone = net::sendAppRequest (path, "show", 500ms);
    REQUIRE_FALSE (gone);
    CHECK (gone.error().kind == Error::Kind::notFound);
}

TEST_CASE ("A socket file without a listener is stale: clients see no app, a listener replaces it",
           "[channel]")
{
    const auto path = testing::makeScratchFolder ("ch-stale") / "app.sock";
    ::close (bindRawSocket (path, true));   // what a killed app leaves behind
    REQUIRE (std::filesystem::is_socket (path));

    const auto none = net::sendAppRequest (path, "show", 500ms);
    REQUIRE_FALSE (none);
    CHECK (none.error().kind == Error::Kind::notFound);

    PresetHandler handler;
    auto server = listenOrFail (path, handler.make());
    const auto answer = net::sendAppRequest (path, "mood Focus", 2000ms);
    REQUIRE (answer);
    CHECK (*answer == "ok Focus");
}

TEST_CASE ("A second listener on the same socket is refused and the first keeps serving",
           "[channel]")
{
    const auto path = testing::makeScratchFolder ("ch-second") / "app.sock";
    PresetHandler first, second;
    auto server = listenOrFail (path, first.make());

    const auto again = net::AppChannelServer::listen (path, second.make());
    REQUIRE_FALSE (again);
    CHECK (again.error().kind == Error::Kind::unsupported);
    CHECK (again.error().message.find ("already running") != std::string::npos);

    const auto answer = net::sendAppRequest (path, "mood Calm", 2000ms);
    REQUIRE (answer);
    CHECK (*answer == "ok Calm");
    CHECK (first.calls == 1);
    CHECK (second.calls == 0);

    // Once the first is gone the lock is free again.
    server.reset();
    auto next = listenOrFail (path, second.make());
    CHECK (net::sendAppRequest (path, "show", 2000ms).value_or ("") == "ok shown");
}

TEST_CASE ("Oversized, garbled and silent requests get an error and the server keeps serving",
           "[channel]")
{
    const auto path = testing::makeScratchFolder ("ch-bad") / "app.sock";
    PresetHandler handler;
    net::AppChannelOptions options;
    options.readTimeout = 300ms;
    auto server = listenOrFail (path, handler.make(), options);

    SECTION ("too long")
    {
        const auto answer = net::sendAppRequest (path, "mood " + std::string (10000, 'a'), 2000ms);
        REQUIRE (answer);
        CHECK (answer->starts_with ("error: the request is longer than 256 bytes"));
    }
    SECTION ("binary bytes")
    {
        const std::string garbage ("\x01\x02\xff\x00zz", 6);
        const auto answer = net::sendAppRequest (path, garbage, 2000ms);
        REQUIRE (answer);
        CHECK (answer->starts_with ("error: the request holds control characters"));
    }
    SECTION ("an unknown verb")
    {
        const auto answer = net::sendAppRequest (path, "GET / HTTP/1.1", 2000ms);
        REQUIRE (answer);
        CHECK (*answer == "error: unknown request; send 'mood NAME' or 'show'");
    }
    SECTION ("nothing sent")
    {
        const int fd = ::socket (AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address {};
        address.sun_family = AF_UNIX;
        std::strncpy (address.sun_path, path.c_str(), sizeof (address.sun_path) - 1);
        REQUIRE (::connect (fd, reinterpret_cast<sockaddr*> (&address), sizeof (address)) == 0);
        char buffer[200] {};
        const auto started = std::chrono::steady_clock::now();
        const auto n = ::recv (fd, buffer, sizeof (buffer) - 1, 0);
        const auto waited = std::chrono::steady_clock::now() - started;
        ::close (fd);
        CHECK (std::string (buffer, (std::size_t) std::max<ssize_t> (n, 0))
               == "error: no request line arrived within 300 ms\n");
        CHECK (waited >= 250ms);
        CHECK (waited < 2000ms);
    }

    CHECK (handler.calls == 0);
    const auto answer = net::sendAppRequest (path, "mood Calm", 2000ms);
    REQUIRE (answer);
    CHECK (*answer == "ok Calm");
    CHECK (handler.calls == 1);
}

TEST_CASE ("A client gives up when the app does not answer", "[channel]")
{
    const auto path = testing::makeScratchFolder ("ch-mute") / "app.sock";
    const int mute = bindRawSocket (path, true);   // listens, never accepts or answers

    const auto started = std::chrono::steady_clock::now();
    const auto answer = net::sendAppRequest (path, "mood Calm", 300ms);
    const auto waited = std::chrono::steady_clock::now() - started;
    ::close (mute);

    REQUIRE_FALSE (answer);
    CHECK (answer.error().kind == Error::Kind::io);
    CHECK (answer.error().message == "no answer within 300 ms");
    CHECK (waited >= 250ms);
    CHECK (waited < 2000ms);
}

TEST_CASE ("A server stops at once even while a client holds a connection open", "[channel]")
{
    const auto path = testing::makeScratchFolder ("ch-stop") / "app.sock";
    PresetHandler handler;
    auto server = listenOrFail (path, handler.make());   // reads wait 1 s by default

    const int fd = ::socket (AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    std::strncpy (address.sun_path, path.c_str(), sizeof (address.sun_path) - 1);
    REQUIRE (::connect (fd, reinterpret_cast<sockaddr*> (&address), sizeof (address)) == 0);
    std::this_thread::sleep_for (50ms);

    const auto started = std::chrono::steady_clock::now();
    server.reset();
    CHECK (std::chrono::steady_clock::now() - started < 500ms);
    ::close (fd);
    CHECK (handler.calls == 0);
}

TEST_CASE ("The channel lives in a folder only the user may enter", "[channel]")
{
    testing::ScopedMoodboardHome home ("ch-perm");
    const auto run = home.getFolder() / "run";
    std::filesystem::create_directories (run);
    ::chmod (run.c_str(), 0755);   // as if made loosely by hand

    const auto path = net::appChannelPath();
    REQUIRE (path);
    CHECK (*path == run / "app.sock");
    CHECK (modeOf (run) == 0700);

    PresetHandler handler;
    auto server = listenOrFail (*path, handler.make());
    CHECK (modeOf (*path) == 0600);
    CHECK (modeOf (path->string() + ".lock") == 0600);

    SECTION ("a socket path longer than a socket address holds is refused with advice")
    {
        const auto longPath = std::filesystem::path ("/tmp") / std::string (120, 'x') / "app.sock";
        const auto refused = net::AppChannelServer::listen (longPath, handler.make());
        REQUIRE_FALSE (refused);
        CHECK (refused.error().message.find ("shorter MOODBOARD_HOME") != std::string::npos);
    }
    SECTION ("a file that is not a socket is not replaced")
    {
        server.reset();
        std::filesystem::remove (*path);
        { std::ofstream (path->string()) << "keep me"; }
        const auto refused = net::AppChannelServer::listen (*path, handler.make());
        REQUIRE_FALSE (refused);
        CHECK (refused.error().message.find ("is not a socket") != std::string::npos);
        CHECK (std::filesystem::file_size (*path) == 7);
    }
}
