#include "Auth/BrowserOpener.h"

#include "Core/Log.h"

#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <thread>

extern char** environ;

namespace moodboard::auth
{

bool openWithDesktop (const std::string& url)
{
    std::string program = "xdg-open";
    if (const char* custom = std::getenv ("MOODBOARD_BROWSER");
        custom != nullptr && *custom != '\0')
        program = custom;

    std::vector<char*> argv{program.data(), const_cast<char*> (url.c_str()), nullptr};
    pid_t pid = 0;

    if (::posix_spawnp (&pid, program.c_str(), nullptr, nullptr, argv.data(), environ) != 0)
    {
        log::warning ("auth", "could not start the browser opener " + program);
        return false;
    }

    // xdg-open hands the URL over and exits; a browser started directly keeps running, which
    // counts as success after the wait.
    const auto giveUp = std::chrono::steady_clock::now() + std::chrono::seconds (10);
    while (std::chrono::steady_clock::now() < giveUp)
    {
        int status = 0;
        const auto done = ::waitpid (pid, &status, WNOHANG);
        if (done == pid)
        {
            const bool ok = WIFEXITED (status) && WEXITSTATUS (status) == 0;
            if (!ok)
                log::warning ("auth", "the browser opener " + program + " failed");
            return ok;
        }
        if (done < 0)
            return false;
        std::this_thread::sleep_for (std::chrono::milliseconds (20));
    }
    return true;
}

} // namespace moodboard::auth
