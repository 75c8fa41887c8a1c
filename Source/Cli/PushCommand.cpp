#include "Auth/SignIn.h"
#include "Cli/Arguments.h"
#include "Cli/Commands.h"
#include "Cli/MoodReading.h"
#include "Cli/SendToSpotify.h"
#include "Core/Paths.h"
#include "Matching/Suggester.h"
#include "Spotify/PlanBuilder.h"
#include "Spotify/PlaylistWriter.h"
#include "Spotify/SpotifyAccount.h"
#include "Spotify/TrackResolver.h"

#include <cmath>
#include <iostream>

namespace moodboard::cli
{
namespace
{
constexpr const char* usage =
    "usage: moodboard push \"TEXT\" [--count N | --minutes M] [--name NAME] [--cover]\n"
    "                      [--play | --queue] [--update | --new] [--yes]\n"
    "       moodboard push --resume [--yes]\n"
    "       moodboard push --drop NAME       (forget an interrupted push; Spotify is not touched)\n"
    "Builds the playlist for TEXT from your library, finds its tracks on Spotify, shows what\n"
    "will be written and asks before writing; --yes answers the question in advance.";

struct PushArguments
{
    std::string text;
    std::optional<int> count;
    std::optional<double> minutes;
    std::string name;
    std::optional<std::string> drop;
    bool cover = false, yes = false, resume = false, update = false, fresh = false;
    spotify::Playback playback = spotify::Playback::none;
};

std::optional<std::string> parse (const std::vector<std::string>& args, PushArguments& a)
{
    for (std::size_t i = 0; i < args.size(); ++i)
    {
        const auto& arg = args[i];
        auto value = [&]() -> std::optional<std::string>
        { return i + 1 < args.size() ? std::optional (args[++i]) : std::nullopt; };

        if (arg == "--count")
        {
            if (auto problem = parseCount (value(), a.count))
                return problem;
        }
        else if (arg == "--minutes")
        {
            if (auto problem = parseMinutes (value(), a.minutes))
                return problem;
        }
        else if (arg == "--name")
        {
            auto v = value();
            if (!v || v->find_first_not_of (" \t") == std::string::npos || v->size() > 100)
                return "--name takes the playlist's name (1 to 100 characters)";
            a.name = *v;
        }
        else if (arg == "--cover")
            a.cover = true;
        else if (arg == "--yes")
            a.yes = true;
        else if (arg == "--resume")
            a.resume = true;
        else if (arg == "--drop")
        {
            a.drop = value();
            if (!a.drop || a.drop->empty())
                return "--drop takes the name of the interrupted push to forget";
        }
        else if (arg == "--update")
            a.update = true;
        else if (arg == "--new")
            a.fresh = true;
        else if (arg == "--play")
            a.playback = spotify::Playback::play;
        else if (arg == "--queue")
            a.playback = spotify::Playback::queue;
        else if (arg.starts_with ("--"))
            return "unknown option " + arg;
        else
            a.text += (a.text.empty() ? "" : " ") + arg;
    }

    const bool blank = a.text.find_first_not_of (" \t\r\n") == std::string::npos;
    if (a.drop)
        return blank && !a.resume ? std::nullopt
                                  : std::optional<std::string> ("--drop takes only the name");
    if (a.resume && !blank)
        return "--resume carries on an interrupted push; give no mood text with it";
    if (!a.resume && blank)
        return "say how you feel, for example: moodboard push \"calm evening\" --minutes 30";
    if (a.count && a.minutes)
        return "--count and --minutes both set the length: give one of them";
    if (a.update && a.fresh)
        return "--update and --new contradict each other: give one of them";
    return std::nullopt;
}

// The terminal prompt: the user reads the plan and answers. --yes is the user's own answer,
// given in advance on the command line.
class TerminalPrompt final : public spotify::ConfirmationPrompt
{
public:
    explicit TerminalPrompt (bool answeredYes)
        : yes (answeredYes)
    {
    }

protected:
    bool ask (const spotify::PushPlan& plan) override
    {
        std::cout << "\n";
        for (const auto& line : plan.describe())
            std::cout << "  " << line << "\n";
        if (yes)
        {
            std::cout << "Sending (--yes).\n";
            return true;
        }
        std::cout << "Write this to your Spotify account? [y/N] " << std::flush;
        std::string answer;
        if (!std::getline (std::cin, answer))
            return false;
        return answer == "y" || answer == "Y" || answer == "yes";
    }

private:
    bool yes;
};

int finishPush (spotify::PlaylistWriter& writer, const spotify::PushPlan& plan, bool yes)
{
    TerminalPrompt prompt (yes);
    auto confirmation = prompt.requestConfirmation (plan);
    if (!confirmation)
    {
        std::cout << "Nothing was written to Spotify.\n";
        return 1;
    }

    auto result =
        writer.push (plan, std::move (*confirmation),
                     [] (int added, int total)
                     { std::cerr << "  " << added << " of " << total << " tracks added\n"; });
    if (!result)
    {
        printError (result.error().message);
        if (result.error().kind != Error::Kind::invalidInput)
            std::cerr << "Run `moodboard push --resume` to carry on where it stopped.\n";
        return 1;
    }

    std::cout << (result->resumed ? "Finished" : "Sent") << " \"" << plan.name
              << "\": " << result->added << " tracks, " << result->playlist.uri << "\n";
    for (const auto& note : result->notes)
        std::cout << "Note: " << note << "\n";
    return 0;
}
} // namespace

std::unique_ptr<spotify::SpotifyAccount> openSpotifyAccount()
{
    auto signIn = openAccount();
    if (!signIn)
        return nullptr;
    auto account = spotify::SpotifyAccount::open (signIn->settings, *signIn->store);
    if (!account)
    {
        printError (account.error().message);
        return nullptr;
    }
    return std::move (*account);
}

int sendPlaylist (const matching::Playlist& playlist, SendOptions send,
                  spotify::SpotifyAccount& account)
{
    const auto options = account.apiOptions();
    spotify::SpotifyApi api (account.getTokens(), options);
    spotify::PushJournal journal (account.getDataFolder() / "pushes");
    spotify::PlaylistWriter writer (api, journal);

    std::vector<library::Track> tracks;
    for (const auto& entry : playlist.entries)
        tracks.push_back (entry.track);
    std::cerr << "Finding " << tracks.size() << " tracks on Spotify...\n";
    spotify::TrackResolver resolver (account.getTokens(), options);
    const auto resolutions = resolver.resolveAll (tracks);

    auto built = spotify::buildPushPlan (playlist, resolutions, send.name, account.describe(),
                                         send.cover, send.playback);
    auto& plan = built.plan;

    if (plan.uris.empty())
    {
        printError ("none of the " + std::to_string (tracks.size()) +
                    " tracks was found on Spotify; nothing to send");
        for (const auto& line : plan.unresolved)
            std::cerr << "  " << line << "\n";
        return 1;
    }
    if (!built.coverProblem.empty())
        std::cerr << "moodboard: note: " << built.coverProblem << "\n";

    auto previous = journal.sentPlaylistId (plan.name);
    if (!previous)
    {
        printError (previous.error().message);
        return 1;
    }
    const bool sentBefore = previous->has_value();
    if (send.update && !sentBefore)
    {
        printError ("--update: no playlist named \"" + plan.name +
                    "\" was sent from here before; leave out --update to send a new one");
        return 2;
    }
    if (sentBefore && !send.fresh)
    {
        if (!send.update)
        {
            if (send.yes)
            {
                printError ("a playlist named \"" + plan.name +
                            "\" was sent before; add --update "
                            "to replace its tracks or --new to send another one");
                return 2;
            }
            std::cout << "A playlist named \"" << plan.name << "\" was sent before. Update it "
                      << "(u), send a new one (n), or stop (anything else)? " << std::flush;
            std::string answer;
            std::getline (std::cin, answer);
            if (answer != "u" && answer != "n")
            {
                std::cout << "Nothing was written to Spotify.\n";
                return 1;
            }
            send.update = answer == "u";
        }
        if (send.update)
            plan.updatesPlaylistId = **previous;
    }

    return finishPush (writer, plan, send.yes);
}

int runPush (const std::vector<std::string>& args)
{
    PushArguments a;
    if (auto problem = parse (args, a))
    {
        printError (*problem);
        std::cerr << usage << "\n";
        return 2;
    }

    auto account = openSpotifyAccount();
    if (!account)
        return 1;
    spotify::SpotifyApi api (account->getTokens(), account->apiOptions());
    spotify::PushJournal journal (account->getDataFolder() / "pushes");
    spotify::PlaylistWriter writer (api, journal);

    if (a.drop)
    {
        auto removed = journal.remove (*a.drop);
        if (!removed)
        {
            printError (removed.error().message);
            return 1;
        }
        std::cout << (*removed
                          ? "Forgot the push of \"" + *a.drop + "\"; nothing on Spotify changed.\n"
                          : "No push named \"" + *a.drop + "\" is recorded.\n");
        return *removed ? 0 : 1;
    }

    if (a.resume)
    {
        std::vector<std::string> damaged;
        const auto unfinished = journal.unfinished (&damaged);
        for (const auto& problem : damaged)
            printError (problem);
        if (unfinished.empty())
        {
            if (damaged.empty())
                std::cout << "No push is waiting to be finished.\n";
            return damaged.empty() ? 0 : 1;
        }
        int status = damaged.empty() ? 0 : 1;
        for (const auto& record : unfinished)
        {
            std::cout << "\"" << record.plan.name << "\" stopped with " << record.added << " of "
                      << record.plan.uris.size() << " tracks added.\n";
            status = std::max (status, finishPush (writer, record.plan, a.yes));
        }
        return status;
    }

    auto catalog = library::Catalog::open (Paths::catalogFile());
    if (!catalog)
    {
        printError (catalog.error().message);
        return 1;
    }
    matching::Suggester suggester (**catalog, Paths::indexFile());
    auto target = readMood (a.text);
    if (a.count)
    {
        target.count = *a.count;
        target.durationSeconds.reset();
    }
    if (a.minutes)
        target.durationSeconds = *a.minutes * 60.0;
    auto playlist = suggester.suggest (target, {});
    if (!playlist)
    {
        printError (playlist.error().message);
        return 1;
    }
    std::cout << playlist->mood.explanation << "\n";

    SendOptions send;
    send.name = a.name.empty() ? spotify::defaultPlaylistName (a.text) : a.name;
    send.cover = a.cover;
    send.yes = a.yes;
    send.update = a.update;
    send.fresh = a.fresh;
    send.playback = a.playback;
    return sendPlaylist (*playlist, send, *account);
}

} // namespace moodboard::cli
