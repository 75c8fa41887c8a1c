#pragma once

#include "Core/Error.h"

#include <sys/un.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

/** Socket steps both ends of the app channel share (AppChannel.h): the address, and reading and
    writing one line on a non-blocking socket with a deadline. */
namespace moodboard::net
{

/** What reading one line gave. */
struct ChannelRead
{
    enum class Outcome
    {
        line,         // a line, or the bytes sent before the peer closed
        tooLong,      // no newline within the limit; `line` holds the first bytes
        timedOut,
        closedEmpty,  // the peer closed without sending anything
        stopped,      // the stop descriptor became readable
        failed
    };

    Outcome outcome = Outcome::failed;
    std::string line;   // without the newline
};

/** The socket address for `path`; an error when the path does not fit (107 bytes). Any thread. */
[[nodiscard]] Expected<sockaddr_un> makeChannelAddress (const std::filesystem::path& path);

/** Reads up to a newline from the non-blocking socket `fd`, at most `limit` bytes, waiting no
    longer than `timeout` in all; returns early when `stopFd` (or -1) becomes readable. Any thread.
*/
[[nodiscard]] ChannelRead readChannelLine (int fd, std::size_t limit,
                                           std::chrono::milliseconds timeout, int stopFd);

/** Writes `line` and a newline to the non-blocking socket `fd` within `timeout`; false when it
    could not. Never raises SIGPIPE. Any thread. */
bool writeChannelLine (int fd, std::string_view line, std::chrono::milliseconds timeout);

} // namespace moodboard::net
