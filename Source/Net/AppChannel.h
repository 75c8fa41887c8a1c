#pragma once

#include "Core/Error.h"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

/** The local channel between the running app and anything that wants it to act: the `moodboard
    mood-key` command, a desktop shortcut, or the app started a second time.

    The app listens on a Unix-domain socket in a folder only the user may enter (0700; the socket
    is 0600 and a peer of another user is turned away). A client connects, writes one line ("mood
    NAME" or "show", at most maxAppRequestBytes) and reads one answer line ("ok ..." or words
    saying what went wrong), then both sides close. Every read has a timeout, so a silent peer
    costs at most that long.

    Single instance: the listener holds an exclusive lock on `app.lock` beside the socket for its
    whole life. A second listener cannot take it and is refused; a socket file left behind by an
    app that was killed has no lock holder and is replaced.

    Threads: AppChannelServer runs one thread of its own that accepts connections one at a time and
    calls the handler on that thread; the handler must answer within a bounded time (the app waits
    a little for the message thread and then answers that it is busy).
*/
namespace moodboard::net
{

inline constexpr std::size_t maxAppRequestBytes = 256;   // the line, without its newline
inline constexpr std::size_t maxAppAnswerBytes = 4096;

/** A request the app understands. */
struct AppRequest
{
    enum class Kind
    {
        mood,   // switch to the preset named in `argument` (a name or its number)
        show    // bring the window forward
    };

    Kind kind = Kind::show;
    std::string argument;
};

/** Reads one request line (without its newline). Errors, with the words sent back: an empty line,
    control characters, an unknown verb, "mood" without a name, "show" with one. Any thread. */
[[nodiscard]] Expected<AppRequest> parseAppRequest (std::string_view line);

/** The line a client sends for `request` (without the newline). Any thread. */
[[nodiscard]] std::string formatAppRequest (const AppRequest& request);

/** Where the app listens: MOODBOARD_HOME/run/app.sock when MOODBOARD_HOME is set, else
    $XDG_RUNTIME_DIR/music-moodboard/app.sock, else the state folder's run/app.sock. The folder is
    created with mode 0700 (an existing one owned by the user is made 0700); the error says why
    the folder cannot be used. Any thread.
*/
[[nodiscard]] Expected<std::filesystem::path> appChannelPath();

/** Answers one request with one line (without its newline). Called on the server's thread. */
using AppRequestHandler = std::function<std::string (const AppRequest&)>;

struct AppChannelOptions
{
    std::chrono::milliseconds readTimeout { 1000 };   // for a client's request line
    std::chrono::milliseconds writeTimeout { 1000 };  // for the answer
};

/** The app's end of the channel. */
class AppChannelServer final
{
public:
    /** Takes the lock, replaces a stale socket file, binds `socketPath` (mode 0600) and starts
        the server thread. Errors: another listener holds the lock (Error::Kind::unsupported, "is
        already running"), the path is too long for a socket, or the folder cannot be used.
        Any thread.
    */
    [[nodiscard]] static Expected<std::unique_ptr<AppChannelServer>> listen (
        const std::filesystem::path& socketPath, AppRequestHandler handler,
        AppChannelOptions options = {});

    /** Stops the thread (waiting for a handler call in progress), removes the socket file and
        releases the lock. The thread that called listen. */
    ~AppChannelServer();

    AppChannelServer (const AppChannelServer&) = delete;
    AppChannelServer& operator= (const AppChannelServer&) = delete;

    [[nodiscard]] const std::filesystem::path& getPath() const { return path; }

    /** Requests answered so far, including those answered with an error. Any thread. */
    [[nodiscard]] int getAnsweredCount() const;

private:
    struct Running;

    AppChannelServer (std::filesystem::path path, std::unique_ptr<Running> running);

    std::filesystem::path path;
    std::unique_ptr<Running> running;
};

/** Sends one request line to the app listening on `socketPath` and returns its answer line.
    Errors: Error::Kind::notFound when nothing listens there (no socket file, or one left by an
    app that is gone); Error::Kind::io when the app did not answer within `timeout`, closed
    without an answer, or the line could not be sent. Any thread.
*/
[[nodiscard]] Expected<std::string> sendAppRequest (const std::filesystem::path& socketPath,
                                                    std::string_view line,
                                                    std::chrono::milliseconds timeout);

} // namespace moodboard::net
