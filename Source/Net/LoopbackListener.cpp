#include "Net/LoopbackListener.h"

#include "Core/Log.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <thread>

namespace moodboard::net
{
namespace
{
using Clock = std::chrono::steady_clock;

constexpr auto sweepQuietTime = std::chrono::milliseconds (100);
constexpr auto sweepLongest = std::chrono::milliseconds (500);

int bindLoopback (bool ipv6, std::uint16_t wantedPort, std::uint16_t& boundPort, int& failure)
{
    const int fd =
        ::socket (ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
    {
        failure = errno;
        return -1;
    }

    // Lets a second sign-in reuse a port whose last connections are still in TIME_WAIT; on Linux
    // it does not allow binding a port another socket is listening on.
    const int on = 1;
    ::setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof (on));

    int result = -1;

    if (ipv6)
    {
        sockaddr_in6 address{};
        address.sin6_family = AF_INET6;
        address.sin6_addr = in6addr_loopback;
        address.sin6_port = htons (wantedPort);
        ::setsockopt (fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof (on));
        result = ::bind (fd, reinterpret_cast<sockaddr*> (&address), sizeof (address));
    }
    else
    {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
        address.sin_port = htons (wantedPort);
        result = ::bind (fd, reinterpret_cast<sockaddr*> (&address), sizeof (address));
    }

    if (result != 0 || ::listen (fd, 16) != 0)
    {
        failure = errno;
        ::close (fd);
        return -1;
    }

    sockaddr_storage bound{};
    socklen_t length = sizeof (bound);
    ::getsockname (fd, reinterpret_cast<sockaddr*> (&bound), &length);
    boundPort = ipv6 ? ntohs (reinterpret_cast<sockaddr_in6*> (&bound)->sin6_port)
                     : ntohs (reinterpret_cast<sockaddr_in*> (&bound)->sin_port);
    return fd;
}

std::string escapeHtml (std::string_view text)
{
    std::string out;
    for (const char c : text)
    {
        switch (c)
        {
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string reasonPhrase (int status)
{
    switch (status)
    {
        case 200:
            return "OK";
        case 400:
            return "Bad Request";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        default:
            return "Status";
    }
}

std::string makeResponse (const CallbackPage& page)
{
    const auto body = LoopbackListener::renderPage (page);
    return "HTTP/1.1 " + std::to_string (page.status) + " " + reasonPhrase (page.status) +
           "\r\n"
           "Content-Type: text/html; charset=utf-8\r\n"
           "Content-Length: " +
           std::to_string (body.size()) +
           "\r\n"
           "Cache-Control: no-store\r\n"
           "Referrer-Policy: no-referrer\r\n"
           "X-Content-Type-Options: nosniff\r\n"
           "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\n"
           "Connection: close\r\n\r\n" +
           body;
}

void sendAll (int fd, const std::string& data)
{
    std::size_t sent = 0;
    const auto giveUp = Clock::now() + std::chrono::seconds (2);

    while (sent < data.size() && Clock::now() < giveUp)
    {
        const auto n = ::send (fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n > 0)
        {
            sent += static_cast<std::size_t> (n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        {
            pollfd p{fd, POLLOUT, 0};
            ::poll (&p, 1, 50);
            continue;
        }
        return;
    }
}

bool isCallback (const HttpRequestHead& head, const std::string& callbackPath)
{
    return head.path == callbackPath &&
           (findParameter (head.query, "code") || findParameter (head.query, "error"));
}

const CallbackPage strayPage{404, "Nothing here",
                             "This address only receives the sign-in response of Music Moodboard."};
} // namespace

struct LoopbackListener::Connection
{
    int fd = -1;
    std::string buffer;
    Clock::time_point deadline;
    std::optional<HttpRequestHead> head; // set once a whole head has arrived
};

LoopbackListener::LoopbackListener (int socket, std::uint16_t boundPort, bool isIpv6,
                                    LoopbackOptions opts)
    : socketFd (socket)
    , port (boundPort)
    , ipv6 (isIpv6)
    , options (std::move (opts))
{
}

LoopbackListener::~LoopbackListener()
{
    close();
}

Expected<std::unique_ptr<LoopbackListener>> LoopbackListener::open (LoopbackOptions options)
{
    std::vector<std::uint16_t> candidates = options.ports;
    if (candidates.empty())
        candidates.push_back (0);

    std::string taken;

    for (const auto wanted : candidates)
    {
        for (const bool ipv6 : {false, true})
        {
            std::uint16_t bound = 0;
            int failure = 0;
            const int fd = bindLoopback (ipv6, wanted, bound, failure);

            if (fd >= 0)
            {
                log::info ("net", "sign-in listener on " +
                                      std::string (ipv6 ? "[::1]" : "127.0.0.1") + ":" +
                                      std::to_string (bound));
                return std::unique_ptr<LoopbackListener> (
                    new LoopbackListener (fd, bound, ipv6, std::move (options)));
            }

            // Only a missing IPv4 loopback sends us to [::1]; a taken port moves to the next one.
            if (failure == EADDRINUSE || failure == EACCES)
            {
                taken += (taken.empty() ? "" : ", ") + std::to_string (wanted);
                break;
            }
        }
    }

    if (!taken.empty())
        return makeError (Error::Kind::io,
                          "the sign-in port(s) " + taken +
                              " on 127.0.0.1 are used by another program; close it, or set "
                              "MOODBOARD_AUTH_PORTS to other ports registered with the provider");

    return makeError (Error::Kind::io, "could not listen on the loopback interface (127.0.0.1 or "
                                       "[::1]); check that the loopback network is up");
}

std::string LoopbackListener::getRedirectUri() const
{
    return std::string ("http://") + (ipv6 ? "[::1]" : "127.0.0.1") + ":" + std::to_string (port) +
           options.callbackPath;
}

void LoopbackListener::close()
{
    if (socketFd >= 0)
    {
        ::close (socketFd);
        socketFd = -1;
    }
}

std::string LoopbackListener::renderPage (const CallbackPage& page)
{
    return "<!doctype html>\n<html><head><meta charset=\"utf-8\">"
           "<meta name=\"referrer\" content=\"no-referrer\">"
           "<title>Music Moodboard: " +
           escapeHtml (page.title) +
           "</title>"
           "<style>body{font-family:sans-serif;margin:4em auto;max-width:36em;color:#222}</style>"
           "</head><body><h1>" +
           escapeHtml (page.title) + "</h1><p>" + escapeHtml (page.message) +
           "</p><p>You can close this tab.</p></body></html>\n";
}

Expected<Parameters> LoopbackListener::waitForCallback (std::chrono::milliseconds timeout,
                                                        const std::atomic<bool>* cancel,
                                                        const CallbackJudge& judge)
{
    if (socketFd < 0)
        return makeError (Error::Kind::internal, "the sign-in listener is already closed");

    std::vector<Connection> connections;
    const auto giveUpAt = Clock::now() + timeout;
    std::optional<std::size_t> accepted;         // index of the callback connection
    std::optional<Clock::time_point> sweepUntil; // after a callback: look for a second one
    auto lastActivity = Clock::now();
    bool conflict = false;

    const auto finish = [&] (const CallbackPage& forOthers)
    {
        for (auto& c : connections)
        {
            if (c.fd < 0)
                continue;
            sendAll (c.fd, makeResponse (forOthers));
            ::close (c.fd);
        }
        connections.clear();
        close();
    };

    for (;;)
    {
        const auto now = Clock::now();

        if (sweepUntil && (now >= *sweepUntil || now - lastActivity >= sweepQuietTime))
            break;

        if (!sweepUntil && cancel != nullptr && cancel->load())
        {
            finish ({400, "Sign-in cancelled", "The sign-in was cancelled in Music Moodboard."});
            return makeError (Error::Kind::cancelled, "sign-in cancelled");
        }

        if (!sweepUntil && now >= giveUpAt)
        {
            finish (
                {408, "Sign-in timed out", "Music Moodboard stopped waiting for this sign-in."});
            const auto minutes = std::chrono::duration_cast<std::chrono::seconds> (timeout).count();
            return makeError (Error::Kind::cancelled,
                              "no sign-in response arrived within " + std::to_string (minutes) +
                                  " s; run the sign-in again and finish it in the browser");
        }

        std::vector<pollfd> fds;
        fds.push_back ({socketFd, POLLIN, 0});
        for (const auto& c : connections)
            fds.push_back ({c.fd, static_cast<short> (c.head ? 0 : POLLIN), 0});

        ::poll (fds.data(), fds.size(), sweepUntil ? 20 : 100);

        if ((fds[0].revents & POLLIN) != 0)
        {
            for (;;)
            {
                const int fd = ::accept4 (socketFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
                if (fd < 0)
                    break;

                lastActivity = Clock::now();

                if (connections.size() >= options.maxConnections)
                {
                    ::close (fd);
                    continue;
                }

                connections.push_back ({fd, {}, Clock::now() + options.connectionTimeout, {}});
            }
        }

        for (std::size_t i = 0; i < connections.size(); ++i)
        {
            auto& c = connections[i];
            if (c.fd < 0 || c.head)
                continue;

            char chunk[2048];
            for (;;)
            {
                const auto n = ::recv (c.fd, chunk, sizeof (chunk), 0);
                if (n > 0)
                {
                    c.buffer.append (chunk, static_cast<std::size_t> (n));
                    lastActivity = Clock::now();
                    if (c.buffer.size() > options.limits.maxHeadBytes)
                        break;
                    continue;
                }
                if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
                {
                    ::close (c.fd);
                    c.fd = -1;
                }
                break;
            }
            if (c.fd < 0)
                continue;

            auto parsed = parseHttpRequestHead (c.buffer, options.limits);

            if (parsed.status == HttpParseStatus::incomplete)
            {
                if (Clock::now() >= c.deadline)
                {
                    sendAll (c.fd, makeResponse ({408, "Request timed out", "Nothing arrived."}));
                    ::close (c.fd);
                    c.fd = -1;
                }
                continue;
            }

            if (parsed.status == HttpParseStatus::invalid)
            {
                log::info ("net", "sign-in listener refused a request: " + parsed.problem);
                sendAll (c.fd,
                         makeResponse ({400, "Bad request", "This request was not understood."}));
                ::close (c.fd);
                c.fd = -1;
                continue;
            }

            if (parsed.head.method != "GET" || !isCallback (parsed.head, options.callbackPath))
            {
                sendAll (c.fd, makeResponse (parsed.head.method == "GET"
                                                 ? strayPage
                                                 : CallbackPage{405, "Not allowed",
                                                                "Only GET is answered here."}));
                ::close (c.fd);
                c.fd = -1;
                continue;
            }

            if (accepted)
            {
                conflict = true;
                c.head = std::move (parsed.head);
                continue;
            }

            c.head = std::move (parsed.head);
            accepted = i;
            sweepUntil = Clock::now() + sweepLongest;
            lastActivity = Clock::now();
        }

        std::erase_if (connections, [&] (const Connection& c) { return c.fd < 0 && !c.head; });

        // Indices move when closed connections are erased: find the callback again.
        if (accepted)
            for (std::size_t i = 0; i < connections.size(); ++i)
                if (connections[i].head)
                {
                    accepted = i;
                    break;
                }
    }

    auto& winner = connections[*accepted];
    auto query = winner.head->query;

    if (conflict)
    {
        log::warning ("net", "two sign-in responses arrived; the attempt was stopped");
        finish ({400, "Sign-in stopped",
                 "Two sign-in responses arrived at once, so none was used. Start the sign-in "
                 "again from Music Moodboard."});
        return makeError (Error::Kind::invalidInput,
                          "two sign-in responses arrived at once, so none was used (another page "
                          "may be trying to sign you in); sign in again");
    }

    sendAll (winner.fd, makeResponse (judge (query)));
    ::close (winner.fd);
    winner.fd = -1;
    winner.head.reset();
    finish ({400, "Sign-in already finished",
             "This sign-in has already received its response. Start a new sign-in from Music "
             "Moodboard if you need one."});
    return query;
}

} // namespace moodboard::net
