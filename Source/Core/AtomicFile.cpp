#include "Core/AtomicFile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace moodboard
{

Expected<void> writeFileAtomically (const std::filesystem::path& file, std::string_view contents)
{
    std::error_code ec;

    if (file.has_parent_path())
        std::filesystem::create_directories (file.parent_path(), ec);

    const auto temporary = file.string() + ".tmp-" + std::to_string (::getpid());
    const int fd = ::open (temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

    if (fd < 0)
        return makeError (Error::Kind::io, "cannot write " + file.string() + ": "
                                               + std::strerror (errno)
                                               + ". Check that the folder exists and is writable.");

    std::size_t written = 0;

    while (written < contents.size())
    {
        const auto n = ::write (fd, contents.data() + written, contents.size() - written);

        if (n < 0 && errno == EINTR)
            continue;

        if (n <= 0)
        {
            const auto reason = std::string (std::strerror (errno));
            ::close (fd);
            ::unlink (temporary.c_str());
            return makeError (Error::Kind::io, "cannot write " + file.string() + ": " + reason);
        }

        written += (std::size_t) n;
    }

    const bool synced = ::fsync (fd) == 0;
    ::close (fd);

    if (! synced || std::rename (temporary.c_str(), file.c_str()) != 0)
    {
        const auto reason = std::string (std::strerror (errno));
        ::unlink (temporary.c_str());
        return makeError (Error::Kind::io, "cannot write " + file.string() + ": " + reason);
    }

    return {};
}

} // namespace moodboard
