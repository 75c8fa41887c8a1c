#include "Cli/Commands.h"
#include "Net/AppChannel.h"

#include <chrono>
#include <iostream>
#include <string>

namespace moodboard::cli
{
namespace
{
// The app waits about two seconds for its window to take a preset; this leaves room for that.
constexpr std::chrono::milliseconds answerTimeout { 5000 };

std::string quotedForShell (const std::string& name)
{
    return name.find_first_of (" \t'\"") == std::string::npos ? name : "\"" + name + "\"";
}
} // namespace

int runMoodKey (const std::vector<std::string>& args)
{
    std::string name;
    for (const auto& word : args)
        name += (name.empty() ? "" : " ") + word;
    // A name of spaces only is no name (the app trims names too).
    name.erase (0, name.find_first_not_of (" \t"));
    name.erase (name.find_last_not_of (" \t") + 1);

    if (name.empty() || name.starts_with ("-"))
    {
        printError ("use mood-key NAME, where NAME is a mood preset's name or number "
                    "(Calm, 2, ...)");
        return 2;
    }
    if (const auto line = net::formatAppRequest ({ net::AppRequest::Kind::mood, name });
        line.size() > net::maxAppRequestBytes)
    {
        printError ("the preset name is too long; preset names have at most 40 characters");
        return 2;
    }

    const auto path = net::appChannelPath();
    if (! path)
    {
        printError (path.error().message);
        return 1;
    }

    const auto answer = net::sendAppRequest (*path, "mood " + name, answerTimeout);
    if (! answer && answer.error().kind == Error::Kind::notFound)
    {
        printError ("Music Moodboard is not running: start it (MusicMoodboard --mood "
                    + quotedForShell (name) + ") and try again");
        return 3;
    }
    if (! answer)
    {
        printError ("Music Moodboard did not take the mood key: " + answer.error().message);
        return 1;
    }

    if (answer->starts_with ("ok"))
    {
        const auto preset = answer->size() > 3 ? answer->substr (3) : name;
        std::cout << "Music Moodboard switched to " << preset << ".\n";
        return 0;
    }

    printError (answer->starts_with ("error: ") ? answer->substr (7) : *answer);
    return 1;
}

} // namespace moodboard::cli
