#include "Net/AppChannelSocket.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace moodboard::net
{
namespace
{
using Clock = std::chrono::steady_clock;

int millisecondsLeft (Clock::time_point deadline)
{
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds> (deadline - Clock::now());
    return (int) std::max<long long> (0, left.count());
}
} // namespace

Expected<sockaddr_un> makeChannelAddress (const std::filesystem::path& path)
{
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    const auto text = path.string();
    if (text.empty() || text.size() >= sizeof (address.sun_path))
        return makeError (Error::Kind::invalidInput,
                          "the socket path " + text + " is longer than "
                              + std::to_string (sizeof (address.sun_path) - 1)
                              + " bytes; use a shorter MOODBOARD_HOME or XDG_RUNTIME_DIR");
    std::memcpy (address.sun_path, text.data(), text.size());
    return address;
}

ChannelRead readChannelLine (int fd, std::size_t limit, std::chrono::milliseconds timeout,
                             int stopFd)
{
    const auto deadline = Clock::now() + timeout;
    ChannelRead result;
    char buffer[512];

    for (;;)
    {
        pollfd fds[2] = { { fd, POLLIN, 0 }, { stopFd, POLLIN, 0 } };
        const int ready = ::poll (fds, stopFd >= 0 ? 2 : 1, millisecondsLeft (deadline));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0)
            return { ChannelRead::Outcome::failed, std::move (result.line) };
        if (stopFd >= 0 && fds[1].revents != 0)
            return { ChannelRead::Outcome::stopped, {} };
        if (ready == 0)
            return { ChannelRead::Outcome::timedOut, std::move (result.line) };

        const auto n = ::recv (fd, buffer, sizeof (buffer), 0);
        if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
            continue;
        if (n < 0)
            return { ChannelRead::Outcome::failed, std::move (result.line) };
        if (n == 0)
            return { result.line.empty() ? ChannelRead::Outcome::closedEmpty
                                         : ChannelRead::Outcome::line,
                     std::move (result.line) };

        const std::string_view chunk (buffer, (std::size_t) n);
        const auto newline = chunk.find ('\n');
        result.line.append (chunk.substr (0, newline));
        if (result.line.size() > limit)
        {
            result.line.resize (limit);
            return { ChannelRead::Outcome::tooLong, std::move (result.line) };
        }
        if (newline != std::string_view::npos)
            return { ChannelRead::Outcome::line, std::move (result.line) };
    }
}

bool writeChannelLine (int fd, std::string_view line, std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    std::string text (line);
    text += '\n';
    std::size_t sent = 0;

    while (sent < text.size())
    {
        const auto n = ::send (fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
        if (n > 0)
        {
            sent += (std::size_t) n;
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            return false;

        pollfd out { fd, POLLOUT, 0 };
        const int ready = ::poll (&out, 1, millisecondsLeft (deadline));
        if (ready == 0 || (ready < 0 && errno != EINTR))
            return false;
    }
    return true;
}

} // namespace moodboard::net
