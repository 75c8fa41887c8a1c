// The loopback redirect listener with real sockets: stray requests, silent preconnects, the one
// callback, a second callback, taken ports, timeouts and cancellation.
#include "AuthPeers.h"
#include "Net/LoopbackListener.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>
#include <thread>

using namespace moodboard;
using namespace moodboard::testing;

namespace
{
// A raw client: connects to 127.0.0.1:port and sends `request` (possibly nothing).
int connectTo (std::uint16_t port)
{
    const int fd = ::socket (AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
    address.sin_port = htons (port);
    if (::connect (fd, reinterpret_cast<sockaddr*> (&address), sizeof (address)) != 0)
    {
        ::close (fd);
        return -1;
    }
    return fd;
}

std::string readAnswer (int fd)
{
    std::string answer;
    char buffer[4096];
    for (;;)
    {
        pollfd p{fd, POLLIN, 0};
        if (::poll (&p, 1, 5000) <= 0)
            break;
        const auto n = ::recv (fd, buffer, sizeof (buffer), 0);
        if (n <= 0)
            break;
        answer.append (buffer, static_cast<std::size_t> (n));
    }
    ::close (fd);
    return answer;
}

std::string get (std::uint16_t port, const std::string& target)
{
    const int fd = connectTo (port);
    if (fd < 0)
        return "refused";
    const auto request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    ::send (fd, request.data(), request.size(), MSG_NOSIGNAL);
    return readAnswer (fd);
}

net::CallbackPage okPage (const net::Parameters&)
{
    return {200, "Signed in", "All good."};
}

std::unique_ptr<net::LoopbackListener> openListener (std::vector<std::uint16_t> ports = {})
{
    net::LoopbackOptions options;
    options.ports = std::move (ports);
    auto listener = net::LoopbackListener::open (options);
    REQUIRE (listener);
    return std::move (*listener);
}
} // namespace

TEST_CASE ("The listener binds 127.0.0.1 on a free port and names its redirect URI", "[net]")
{
    AuthSandbox sandbox ("loopback-bind");
    auto listener = openListener();
    CHECK (listener->getPort() > 0);
    CHECK (listener->getRedirectUri() ==
           "http://127.0.0.1:" + std::to_string (listener->getPort()) + "/callback");
}

TEST_CASE (
    "Stray requests and silent connections are answered and ignored; the callback ends the wait",
    "[net]")
{
    AuthSandbox sandbox ("loopback-stray");
    auto listener = openListener();
    const auto port = listener->getPort();

    auto waiting = std::async (
        std::launch::async,
        [&] { return listener->waitForCallback (std::chrono::seconds (10), nullptr, okPage); });

    const int preconnect = connectTo (port); // a browser's speculative connection: sends nothing
    REQUIRE (preconnect >= 0);
    const auto favicon = get (port, "/favicon.ico");
    const auto bare = get (port, "/callback");
    const auto other = get (port, "/callback?foo=bar");
    const auto page = get (port, "/callback?code=the%2Bcode&state=s%20t");

    auto query = waiting.get();
    ::close (preconnect);

    CHECK_THAT (favicon, Catch::StartsWith ("HTTP/1.1 404"));
    CHECK_THAT (bare, Catch::StartsWith ("HTTP/1.1 404"));
    CHECK_THAT (other, Catch::StartsWith ("HTTP/1.1 404"));
    CHECK_THAT (page, Catch::StartsWith ("HTTP/1.1 200"));
    CHECK_THAT (page, Catch::Contains ("Signed in") && Catch::Contains ("You can close this tab."));
    CHECK_THAT (page, Catch::Contains ("Cache-Control: no-store"));
    REQUIRE (query);
    CHECK (net::findParameter (*query, "code") == "the+code");
    CHECK (net::findParameter (*query, "state") == "s t");

    // Closed after the one callback.
    CHECK (get (port, "/callback?code=again&state=x") == "refused");
}

TEST_CASE ("A second callback queued behind the first stops the attempt", "[net]")
{
    AuthSandbox sandbox ("loopback-double");
    auto listener = openListener();
    const auto port = listener->getPort();

    // Both requests wait in the listen queue before the listener starts reading.
    auto first =
        std::async (std::launch::async, [&] { return get (port, "/callback?code=one&state=a"); });
    auto second =
        std::async (std::launch::async, [&] { return get (port, "/callback?code=two&state=a"); });
    std::this_thread::sleep_for (std::chrono::milliseconds (200));

    bool judged = false;
    auto query = listener->waitForCallback (std::chrono::seconds (5), nullptr,
                                            [&] (const net::Parameters& q)
                                            {
                                                judged = true;
                                                return okPage (q);
                                            });

    REQUIRE_FALSE (query);
    CHECK_THAT (query.error().message, Catch::Contains ("two sign-in responses"));
    CHECK_FALSE (judged);
    CHECK_THAT (first.get(),
                Catch::StartsWith ("HTTP/1.1 400") && Catch::Contains ("Sign-in stopped"));
    CHECK_THAT (second.get(),
                Catch::StartsWith ("HTTP/1.1 400") && Catch::Contains ("Sign-in stopped"));
}

TEST_CASE ("A port taken by another program moves to the next one, or fails naming the ports",
           "[net]")
{
    AuthSandbox sandbox ("loopback-taken");
    auto squatter = openListener(); // another program holding a port
    const auto taken = squatter->getPort();

    net::LoopbackOptions only;
    only.ports = {taken};
    auto refused = net::LoopbackListener::open (only);
    REQUIRE_FALSE (refused);
    CHECK_THAT (refused.error().message, Catch::Contains (std::to_string (taken)) &&
                                             Catch::Contains ("MOODBOARD_AUTH_PORTS"));

    auto spare = openListener();
    const auto freePort = spare->getPort();
    spare.reset();

    auto moved = openListener ({taken, freePort});
    CHECK (moved->getPort() == freePort);
}

TEST_CASE ("The wait ends at the timeout and on cancel, and answers the browser", "[net]")
{
    AuthSandbox sandbox ("loopback-timeout");

    SECTION ("timeout")
    {
        auto listener = openListener();
        const auto started = std::chrono::steady_clock::now();
        auto query = listener->waitForCallback (std::chrono::milliseconds (300), nullptr, okPage);
        REQUIRE_FALSE (query);
        CHECK (query.error().kind == Error::Kind::cancelled);
        CHECK_THAT (query.error().message, Catch::Contains ("no sign-in response arrived"));
        CHECK (std::chrono::steady_clock::now() - started < std::chrono::seconds (2));
    }

    SECTION ("cancel")
    {
        auto listener = openListener();
        std::atomic<bool> cancel{false};
        std::thread canceller (
            [&]
            {
                std::this_thread::sleep_for (std::chrono::milliseconds (150));
                cancel = true;
            });
        auto query = listener->waitForCallback (std::chrono::seconds (30), &cancel, okPage);
        canceller.join();
        REQUIRE_FALSE (query);
        CHECK (query.error().message == "sign-in cancelled");
    }
}

TEST_CASE ("Malformed requests get 400 and the listener keeps waiting", "[net]")
{
    AuthSandbox sandbox ("loopback-malformed");
    auto listener = openListener();
    const auto port = listener->getPort();

    auto waiting = std::async (
        std::launch::async,
        [&] { return listener->waitForCallback (std::chrono::seconds (10), nullptr, okPage); });

    const int fd = connectTo (port);
    const std::string junk = "\x16\x03\x01 not http at all\r\n\r\n";
    ::send (fd, junk.data(), junk.size(), MSG_NOSIGNAL);
    const auto refusedAnswer = readAnswer (fd);
    const auto post = [&]
    {
        const int p = connectTo (port);
        const std::string request =
            "POST /callback?code=x&state=y HTTP/1.1\r\nContent-Length: 0\r\n\r\n";
        ::send (p, request.data(), request.size(), MSG_NOSIGNAL);
        return readAnswer (p);
    }();
    const auto page = get (port, "/callback?code=c&state=s");

    CHECK_THAT (refusedAnswer, Catch::StartsWith ("HTTP/1.1 400"));
    CHECK_THAT (post, Catch::StartsWith ("HTTP/1.1 405"));
    CHECK_THAT (page, Catch::StartsWith ("HTTP/1.1 200"));
    REQUIRE (waiting.get());
}

TEST_CASE ("Pages escape what they show", "[net]")
{
    const auto html = net::LoopbackListener::renderPage ({400, "<b>", "a & \"b\" <script>"});
    CHECK_THAT (html, Catch::Contains ("&lt;b&gt;") &&
                          Catch::Contains ("a &amp; &quot;b&quot; &lt;script&gt;"));
    CHECK_THAT (html, !Catch::Contains ("<script>"));
}
