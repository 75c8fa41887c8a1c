#include "Assistant/Assistant.h"
#include "Auth/LanguageModelKey.h"
#include "Auth/SignIn.h"
#include "Cli/Commands.h"
#include "Cli/SendToSpotify.h"
#include "Core/Paths.h"
#include "Knowledge/KnowledgeLibrary.h"
#include "Library/Catalog.h"
#include "Matching/Suggester.h"
#include "Spotify/PlanBuilder.h"

#include <iostream>

namespace moodboard::cli
{
namespace
{
constexpr const char* usage =
    "usage: moodboard assistant [--erase]\n"
    "Talk to the assistant line by line on standard input: moods (\"something calm\"), changes\n"
    "(\"more upbeat\"), questions (\"why does minor sound sad?\"), \"send it to Spotify\".\n"
    "--erase deletes your conversation with it.";
} // namespace

int runAssistant (const std::vector<std::string>& args)
{
    bool erase = false;
    for (const auto& arg : args)
    {
        if (arg != "--erase")
        {
            printError ("assistant does not know " + arg);
            std::cerr << usage << "\n";
            return 2;
        }
        erase = true;
    }

    // Who is talking decides which guides may be read: the signed-in user, else only what
    // everyone may read.
    auto signIn = openAccount();
    if (!signIn)
        return 1;
    std::string reader = "user:anonymous";
    std::unique_ptr<spotify::SpotifyAccount> spotifyAccount;
    if (auto opened = spotify::SpotifyAccount::open (signIn->settings, *signIn->store))
    {
        spotifyAccount = std::move (*opened);
        reader = "user:" + spotifyAccount->getUser().subject;
    }
    const auto historyFile = signedInUserFolder() / "assistant.json";

    assistant::AssistantServices services;
    services.reader = reader;
    std::unique_ptr<library::Catalog> catalog;
    std::unique_ptr<matching::Suggester> suggester;
    if (auto opened = library::Catalog::open (Paths::catalogFile()))
    {
        catalog = std::move (*opened);
        suggester = std::make_unique<matching::Suggester> (*catalog, Paths::indexFile());
        services.suggest = [&] (const mood::MoodTarget& target)
        { return suggester->suggest (target, {}); };
        services.libraryTracks = [&] { return catalog->getAllTracks(); };
    }
    auto guides = knowledge::openKnowledgeLibrary (knowledge::defaultKnowledgeFolder());
    if (guides)
        services.guides = (*guides)->base.get();
    else
        std::cerr << "moodboard: note: the guides are not available (" << guides.error().message
                  << ")\n";
    if (spotifyAccount)
        services.resolveOnSpotify = [&] (const std::vector<library::Track>& tracks)
        {
            spotify::ApiOptions options;
            options.baseUrl = spotifyAccount->getApiUrl();
            return spotify::TrackResolver (spotifyAccount->getTokens(), options)
                .resolveAll (tracks);
        };

    assistant::Assistant assistant (std::move (services), historyFile,
                                    auth::configuredLanguageModel());
    if (erase)
    {
        if (auto erased = assistant.erase(); !erased)
        {
            printError (erased.error().message);
            return 1;
        }
        std::cout << "Your conversation with the assistant is erased.\n";
        return 0;
    }

    for (std::string line; std::getline (std::cin, line);)
    {
        if (line.find_first_not_of (" \t\r") == std::string::npos)
            continue;
        const auto reply = assistant.say (line);
        if (!reply.problem.empty())
            std::cerr << "moodboard: note: the language model was not used (" << reply.problem
                      << "); the local assistant answered\n";
        std::cout << reply.text << "\n";
        if (!reply.sources.empty())
        {
            std::cout << "Sources:";
            for (const auto& source : reply.sources)
                std::cout << " \"" << source.title << "\" (" << source.documentId << ")";
            std::cout << "\n";
        }
        if (reply.pending)
        {
            // The assistant only asked; the plan is shown and the user answers at the prompt.
            auto action = assistant.takePendingAction (reply.pending->id);
            if (!action)
                continue;
            if (!spotifyAccount)
            {
                std::cout << "Sign in first (`moodboard login`); nothing was written.\n";
                continue;
            }
            SendOptions send;
            const auto& explanation = action->playlist.mood.explanation;
            send.name = action->playlistName.empty()
                            ? spotify::defaultPlaylistName (explanation)
                            : action->playlistName;
            send.cover = action->cover;
            send.fresh = true;
            send.playback = action->kind == assistant::PendingAction::Kind::play
                                ? spotify::Playback::play
                                : spotify::Playback::none;
            (void) sendPlaylist (action->playlist, send, *spotifyAccount);
        }
        std::cout << std::endl;
    }
    return 0;
}

} // namespace moodboard::cli
