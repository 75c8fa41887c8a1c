#include "Cli/Commands.h"
#include "Cli/TextTable.h"
#include "Core/Paths.h"
#include "Matching/Suggester.h"
#include "Cli/MoodReading.h"
#include "Mood/LlmMoodReader.h"
#include "Mood/MoodConversation.h"

#include <iostream>
#include <string>

namespace moodboard::cli
{
namespace
{
struct ChatArguments
{
    std::string name = "terminal";
    bool fresh = false;
};

std::optional<std::string> parseChatArguments (const std::vector<std::string>& args,
                                               ChatArguments& parsed)
{
    for (std::size_t i = 0; i < args.size(); ++i)
    {
        if (args[i] == "--new")
            parsed.fresh = true;
        else if (args[i] == "--name" && i + 1 < args.size())
            parsed.name = args[++i];
        else
            return "unknown option " + args[i] + "; use chat [--name NAME] [--new]";
    }
    return std::nullopt;
}

} // namespace

int runChat (const std::vector<std::string>& args)
{
    ChatArguments parsed;
    if (auto problem = parseChatArguments (args, parsed))
    {
        printError (*problem);
        return 2;
    }

    const auto file = mood::MoodConversation::fileFor (parsed.name, signedInUserFolder());
    mood::MoodConversation conversation;
    if (! parsed.fresh)
    {
        if (auto loaded = mood::MoodConversation::load (file))
            conversation = std::move (*loaded);
        else if (loaded.error().kind != Error::Kind::notFound)
        {
            printError (loaded.error().message);
            return 1;
        }
    }

    // A language model reads new moods only when one is configured; the parser answers otherwise.
    std::shared_ptr<mood::LlmMoodReader> llm;
    if (auto settings = configuredLanguageModel())
    {
        llm = std::make_shared<mood::LlmMoodReader> (*settings);
        conversation.setInterpreter ([llm] (std::string_view text) { return llm->read (text); });
    }

    std::unique_ptr<library::Catalog> catalog;
    auto opened = library::Catalog::open (Paths::catalogFile());
    if (opened && (*opened)->getNumTracks() > 0)
        catalog = std::move (*opened);
    std::unique_ptr<matching::Suggester> suggester;
    if (catalog)
        suggester = std::make_unique<matching::Suggester> (*catalog, Paths::indexFile());

    std::cout << "How do you feel? (\"more upbeat\", \"like the third one\", \"undo\"; "
                 "\"quit\" or Ctrl-D ends)\n> " << std::flush;
    for (std::string line; std::getline (std::cin, line);)
    {
        if (line == "quit" || line == "exit" || line == "bye")
            break;

        const auto reply = conversation.say (line);
        std::cout << reply.message << "\n";
        if (reply.question)
            std::cout << reply.question.value() << "\n";

        if (suggester)
        {
            if (auto playlist = suggester->suggest (reply.target))
            {
                std::cout << "\n";
                printPlaylistTable (std::cout, *playlist);
                conversation.setOfferedTracks (matching::offeredTracksOf (*playlist));
            }
            else
                std::cout << "(no playlist: " << playlist.error().message << ")\n";
        }
        if (auto saved = conversation.save (file); ! saved)
            printError (saved.error().message);
        std::cout << "> " << std::flush;
    }
    std::cout << "\n";
    return 0;
}

} // namespace moodboard::cli
