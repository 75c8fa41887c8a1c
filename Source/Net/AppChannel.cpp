#include "Net/AppChannel.h"

#include "Core/Log.h"
#include "Core/Paths.h"
#include "Net/AppChannelSocket.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace moodboard::net
{
namespace
{
std::filesystem::path fromEnvironment (const char* name)
{
    const char* value = std::getenv (name);
    return value != nullptr && *value != '\0' ? std::filesystem::path (value)
                                              : std::filesystem::path();
}

// The folder must be a real directory of this user that nobody else may enter.
Expected<void> makePrivateFolder (const std::filesystem::path& dir)
{
    std::error_code ec;
    std::filesystem::create_directories (dir.parent_path(), ec);
    if (::mkdir (dir.c_str(), 0700) != 0 && errno != EEXIST)
        return makeError (Error::Kind::io, "cannot create the folder " + dir.string() + ": "
                                               + std::strerror (errno));

    struct stat info {};
    if (::lstat (dir.c_str(), &info) != 0 || ! S_ISDIR (info.st_mode))
        return makeError (Error::Kind::io, dir.string() + " is not a folder; remove it and "
                                                          "try again");
    if (info.st_uid != ::geteuid())
        return makeError (Error::Kind::io, dir.string() + " belongs to another user; remove it "
                                                          "or set XDG_RUNTIME_DIR");
    if ((info.st_mode & 077) != 0 && ::chmod (dir.c_str(), 0700) != 0)
        return makeError (Error::Kind::io, "cannot make " + dir.string() + " private: "
                                               + std::strerror (errno));
    return {};
}

void closeQuietly (int& fd)
{
    if (fd >= 0)
        ::close (fd);
    fd = -1;
}
} // namespace

Expected<AppRequest> parseAppRequest (std::string_view line)
{
    if (! line.empty() && line.back() == '\r')
        line.remove_suffix (1);

    for (const char c : line)
        if (static_cast<unsigned char> (c) < 0x20 || c == 0x7f)
            return makeError (Error::Kind::invalidInput,
                              "the request holds control characters; send 'mood NAME' or 'show'");

    const auto space = line.find (' ');
    const auto verb = line.substr (0, space);
    auto argument = space == std::string_view::npos ? std::string_view() : line.substr (space + 1);
    while (! argument.empty() && argument.front() == ' ')
        argument.remove_prefix (1);
    while (! argument.empty() && argument.back() == ' ')
        argument.remove_suffix (1);

    if (verb == "mood")
    {
        if (argument.empty())
            return makeError (Error::Kind::invalidInput, "'mood' needs a preset name or number");
        return AppRequest { AppRequest::Kind::mood, std::string (argument) };
    }
    if (verb == "show")
    {
        if (! argument.empty())
            return makeError (Error::Kind::invalidInput, "'show' takes nothing after it");
        return AppRequest { AppRequest::Kind::show, {} };
    }
    if (line.empty())
        return makeError (Error::Kind::invalidInput, "empty request; send 'mood NAME' or 'show'");
    return makeError (Error::Kind::invalidInput, "unknown request; send 'mood NAME' or 'show'");
}

std::string formatAppRequest (const AppRequest& request)
{
    return request.kind == AppRequest::Kind::mood ? "mood " + request.argument : "show";
}

Expected<std::filesystem::path> appChannelPath()
{
    std::filesystem::path dir;
    if (auto isolated = fromEnvironment ("MOODBOARD_HOME"); ! isolated.empty())
        dir = isolated / "run";
    else if (auto runtime = fromEnvironment ("XDG_RUNTIME_DIR");
             ! runtime.empty() && runtime.is_absolute())
        dir = runtime / "music-moodboard";
    else
        dir = Paths::stateDir() / "run";

    if (auto made = makePrivateFolder (dir); ! made)
        return std::unexpected (made.error());
    return dir / "app.sock";
}

struct AppChannelServer::Running
{
    int listenFd = -1;
    int lockFd = -1;
    int wakeRead = -1;
    int wakeWrite = -1;
    dev_t device = 0;
    ino_t inode = 0;
    AppRequestHandler handler;
    AppChannelOptions options;
    std::atomic<int> answered { 0 };
    std::thread thread;

    ~Running()
    {
        closeQuietly (listenFd);
        closeQuietly (wakeRead);
        closeQuietly (wakeWrite);
        closeQuietly (lockFd);
    }

    void serve();
    void answer (int connection);
    [[nodiscard]] std::string respond (const ChannelRead& read);
};

void AppChannelServer::Running::serve()
{
    for (;;)
    {
        pollfd fds[2] = { { listenFd, POLLIN, 0 }, { wakeRead, POLLIN, 0 } };
        if (::poll (fds, 2, -1) < 0)
        {
            if (errno == EINTR)
                continue;
            log::error ("channel",
                        std::string ("the app channel stopped: ") + std::strerror (errno));
            return;
        }
        if (fds[1].revents != 0)
            return;

        const int connection = ::accept4 (listenFd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (connection < 0)
            continue;
        answer (connection);
        ::close (connection);
    }
}

void AppChannelServer::Running::answer (int connection)
{
    // The folder is private already; this also turns away a process of another user that was
    // handed the socket some other way.
    ucred peer {};
    socklen_t size = sizeof (peer);
    if (::getsockopt (connection, SOL_SOCKET, SO_PEERCRED, &peer, &size) != 0
        || peer.uid != ::geteuid())
        return;

    const auto read = readChannelLine (connection, maxAppRequestBytes, options.readTimeout,
                                       wakeRead);
    if (read.outcome == ChannelRead::Outcome::closedEmpty
        || read.outcome == ChannelRead::Outcome::stopped)
        return;

    // Counted before the reply goes out, so a client that has read its answer sees the count.
    const auto reply = respond (read);
    ++answered;
    writeChannelLine (connection, reply, options.writeTimeout);
}

std::string AppChannelServer::Running::respond (const ChannelRead& read)
{
    if (read.outcome == ChannelRead::Outcome::tooLong)
        return "error: the request is longer than " + std::to_string (maxAppRequestBytes)
               + " bytes; send 'mood NAME' or 'show'";
    if (read.outcome == ChannelRead::Outcome::timedOut)
        return "error: no request line arrived within "
               + std::to_string (options.readTimeout.count()) + " ms";
    if (read.outcome == ChannelRead::Outcome::failed)
        return "error: the request could not be read";

    auto request = parseAppRequest (read.line);
    if (! request)
        return "error: " + request.error().message;

    try
    {
        auto reply = handler (*request);
        // One line back, whatever the handler made of it.
        std::replace (reply.begin(), reply.end(), '\n', ' ');
        if (reply.size() > maxAppAnswerBytes)
            reply.resize (maxAppAnswerBytes);
        return reply;
    }
    catch (const std::exception& e)
    {
        log::error ("channel", std::string ("a request failed: ") + e.what());
        return "error: the app could not carry out the request";
    }
}

Expected<std::unique_ptr<AppChannelServer>> AppChannelServer::listen (
    const std::filesystem::path& socketPath, AppRequestHandler handler, AppChannelOptions options)
{
    auto address = makeChannelAddress (socketPath);
    if (! address)
        return std::unexpected (address.error());

    auto running = std::make_unique<Running>();
    running->handler = std::move (handler);
    running->options = options;

    const auto lockPath = socketPath.string() + ".lock";
    running->lockFd = ::open (lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (running->lockFd < 0)
        return makeError (Error::Kind::io,
                          "cannot open " + lockPath + ": " + std::strerror (errno));
    if (::flock (running->lockFd, LOCK_EX | LOCK_NB) != 0)
        return makeError (Error::Kind::unsupported,
                          "Music Moodboard is already running (it listens on " + socketPath.string()
                              + ")");

    // We hold the lock, so a socket file still there was left by an app that is gone.
    struct stat info {};
    if (::lstat (socketPath.c_str(), &info) == 0)
    {
        if (! S_ISSOCK (info.st_mode))
            return makeError (Error::Kind::io, socketPath.string() + " is not a socket; remove it "
                                                                     "and start again");
        ::unlink (socketPath.c_str());
        log::info ("channel", "replaced a socket left by an app that is gone");
    }

    running->listenFd = ::socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (running->listenFd < 0
        || ::bind (running->listenFd, reinterpret_cast<const sockaddr*> (&*address),
                   sizeof (sockaddr_un)) != 0
        || ::chmod (socketPath.c_str(), 0600) != 0 || ::listen (running->listenFd, 8) != 0)
        return makeError (Error::Kind::io, "cannot listen on " + socketPath.string() + ": "
                                               + std::strerror (errno));

    if (::lstat (socketPath.c_str(), &info) == 0)
    {
        running->device = info.st_dev;
        running->inode = info.st_ino;
    }

    int wake[2];
    if (::pipe2 (wake, O_CLOEXEC) != 0)
        return makeError (Error::Kind::io,
                          std::string ("cannot make a pipe: ") + std::strerror (errno));
    running->wakeRead = wake[0];
    running->wakeWrite = wake[1];

    auto* raw = running.get();
    running->thread = std::thread ([raw] { raw->serve(); });
    log::info ("channel", "listening on " + socketPath.string());
    return std::unique_ptr<AppChannelServer> (
        new AppChannelServer (socketPath, std::move (running)));
}

AppChannelServer::AppChannelServer (std::filesystem::path p, std::unique_ptr<Running> r)
    : path (std::move (p)), running (std::move (r))
{
}

AppChannelServer::~AppChannelServer()
{
    const char stop = 's';
    [[maybe_unused]] const auto written = ::write (running->wakeWrite, &stop, 1);
    if (running->thread.joinable())
        running->thread.join();

    // Only our own socket file: another app may have replaced it after a forced unlock.
    struct stat info {};
    if (::lstat (path.c_str(), &info) == 0 && info.st_dev == running->device
        && info.st_ino == running->inode)
        ::unlink (path.c_str());
    running.reset();
}

int AppChannelServer::getAnsweredCount() const { return running->answered.load(); }

Expected<std::string> sendAppRequest (const std::filesystem::path& socketPath,
                                      std::string_view line, std::chrono::milliseconds timeout)
{
    auto address = makeChannelAddress (socketPath);
    if (! address)
        return std::unexpected (address.error());

    int fd = ::socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return makeError (Error::Kind::io,
                          std::string ("cannot make a socket: ") + std::strerror (errno));

    struct Closer
    {
        int& fd;
        ~Closer() { closeQuietly (fd); }
    } closer { fd };

    if (::connect (fd, reinterpret_cast<const sockaddr*> (&*address), sizeof (sockaddr_un)) != 0)
    {
        if (errno == ENOENT || errno == ECONNREFUSED)
            return makeError (Error::Kind::notFound, "nothing listens on " + socketPath.string());
        if (errno == EAGAIN)
            return makeError (Error::Kind::io, "the app is busy with other requests");
        return makeError (Error::Kind::io, "cannot connect to " + socketPath.string() + ": "
                                               + std::strerror (errno));
    }

    const auto deadline = std::chrono::steady_clock::now() + timeout;
    if (! writeChannelLine (fd, line, timeout))
        return makeError (Error::Kind::io, "the request could not be sent");

    const auto left = std::chrono::duration_cast<std::chrono::milliseconds> (
        deadline - std::chrono::steady_clock::now());
    const auto read = readChannelLine (fd, maxAppAnswerBytes,
                                       std::max (left, std::chrono::milliseconds (1)), -1);
    switch (read.outcome)
    {
        case ChannelRead::Outcome::line:
        case ChannelRead::Outcome::tooLong:
            return read.line;
        case ChannelRead::Outcome::timedOut:
            return makeError (Error::Kind::io,
                              "no answer within " + std::to_string (timeout.count()) + " ms");
        case ChannelRead::Outcome::closedEmpty:
        case ChannelRead::Outcome::stopped:
        case ChannelRead::Outcome::failed:
            break;
    }
    return makeError (Error::Kind::io, "the app closed the connection without an answer");
}

} // namespace moodboard::net
