#pragma once

#include "Core/Error.h"
#include "Net/HttpRequestParser.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace moodboard::net
{

/** What the browser tab shows once the callback has been read. */
struct CallbackPage
{
    int status = 200;
    std::string title;   // plain text; escaped when written
    std::string message; // plain text; the page adds that the tab can be closed
};

/** Decides the page for the one callback that was accepted, from its decoded query. */
using CallbackJudge = std::function<CallbackPage (const Parameters& query)>;

struct LoopbackOptions
{
    std::vector<std::uint16_t> ports; // tried in order; empty means a port the system picks
    std::string callbackPath = "/callback";
    HttpRequestLimits limits;
    std::chrono::milliseconds connectionTimeout{10000}; // for one silent connection
    std::size_t maxConnections = 16;
};

/** The redirect target of a native app's sign-in (RFC 8252 section 7.3): an HTTP listener on the
    loopback interface that waits for the one request carrying the authorisation response.

    open() binds 127.0.0.1 (falling back to [::1] when IPv4 loopback is missing) before any browser
    is opened. waitForCallback() serves connections one poll loop at a time: requests without a
    `code` or `error` parameter (favicons, preconnects, a reload of another page) get a short page
    and are otherwise ignored. The first request to the callback path with `code` or `error` ends
    the wait; if a second such request is already queued behind it, the attempt is refused as a
    possible injection. Every connection is answered and closed, then the socket is closed.

    One thread uses an instance at a time; `cancel` may be set from any thread.
*/
class LoopbackListener final
{
public:
    /** Binds and listens; the error names the ports that were taken. Any thread. */
    [[nodiscard]] static Expected<std::unique_ptr<LoopbackListener>> open (LoopbackOptions options);

    ~LoopbackListener();
    LoopbackListener (const LoopbackListener&) = delete;
    LoopbackListener& operator= (const LoopbackListener&) = delete;

    /** The port the listener is bound to. Any thread. */
    [[nodiscard]] std::uint16_t getPort() const { return port; }

    /** "http://127.0.0.1:PORT/callback" (or "http://[::1]:PORT/callback"): the exact string to
        send as redirect_uri in both the authorisation and the token request. Any thread. */
    [[nodiscard]] std::string getRedirectUri() const;

    /** Waits for the callback; returns its decoded query after answering it with judge's page.
        Errors: the timeout passed, `cancel` was set, or two callbacks arrived. The listener is
        closed when this returns. The thread that owns the listener. */
    [[nodiscard]] Expected<Parameters> waitForCallback (std::chrono::milliseconds timeout,
                                                        const std::atomic<bool>* cancel,
                                                        const CallbackJudge& judge);

    /** Closes the socket; later connections are refused. The thread that owns the listener. */
    void close();

    /** The HTML a browser receives for `page`. Any thread. */
    [[nodiscard]] static std::string renderPage (const CallbackPage& page);

private:
    struct Connection;

    LoopbackListener (int socket, std::uint16_t port, bool ipv6, LoopbackOptions options);

    int socketFd = -1;
    std::uint16_t port = 0;
    bool ipv6 = false;
    LoopbackOptions options;
};

} // namespace moodboard::net
