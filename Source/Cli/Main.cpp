#include "Cli/Commands.h"

#include <algorithm>
#include <array>
#include <iostream>
#include <string_view>

namespace
{
constexpr std::string_view introduction =
    "moodboard: music that fits how you feel, from your own audio files\n\n";

constexpr std::string_view closing =
    "\nThe catalog lives in $XDG_DATA_HOME/music-moodboard; MOODBOARD_HOME puts all files in one "
    "folder.\n";

/** A command, its lines of the help, what runs it, and what its options mean (shown only by
    `moodboard COMMAND --help`, where there is room).
*/
struct Command
{
    std::string_view name;
    std::string_view usage;
    int (*run) (const std::vector<std::string>&);
    std::string_view details = {};
};

constexpr std::string_view suggestDetails = R"(
  TEXT              how you feel, in your words ("I'm sleepy and need something relaxing")
  --count N         how many tracks (default 12)
  --minutes M       or how long the playlist plays, in minutes, instead of a count
  --variety 0..1    0 (default) takes the closest fit for every slot; 1 surprises you, drawing
                    at random among tracks a little further from the mood
  --seed N          variety draws at random; the same seed gives the same playlist (default 1)
  --out FILE        also save it: .m3u8 or .xspf, by the file's ending
  --json            print the playlist as JSON instead of a table
  --like TRACK      open with TRACK and stay close to it
  --from A --to B   a path from one track's mood to another's
  TRACK is a path as scanned (or a catalog id); run `moodboard scan DIR` first.
)";

using namespace moodboard::cli;

const std::array<Command, 13> commands { {
    { "scan", R"(  moodboard scan [DIR...] [--verify] )"
              R"(analyse the audio files below DIR (or the folders scanned
                                     before) into the catalog; unchanged files are skipped
                                     (--verify: compare content even when size and time match)
  moodboard scan --unreadable        list the files of the catalog that could not be read, and why
)", runScan },
    { "analyze", R"(  moodboard analyze FILE... [--json] print the features of audio files
)", runAnalyze },
    { "mood", R"(  moodboard mood "TEXT" [--json]     print the mood target a text is understood as
)", runMood },
    { "chat", R"(  moodboard chat [--name N] [--new] )"
              R"(talk about the mood line by line; "more upbeat", "undo"
)", runChat },
    { "suggest", R"(  moodboard suggest "TEXT" [--count N] [--minutes M] [--variety 0..1] [--seed N]
                   [--out FILE.m3u8|FILE.xspf] [--json]
  moodboard suggest --like TRACK | --from TRACK --to TRACK   (TRACK: a scanned file's path)
                                     build a playlist for a mood from the catalog
)", runSuggest, suggestDetails },
    { "login", R"(  moodboard login [--provider auth0|spotify] [--connect] [--no-browser]
                                     sign in through the browser (README: Signing in);
                                     --connect links your Spotify account to the Auth0 sign-in
)", runLogin },
    { "logout", R"(  moodboard logout                   sign out and forget the stored tokens
)", runLogout },
    { "whoami", R"(  moodboard whoami                   show who is signed in
)", runWhoami },
    { "push", R"(  moodboard push "TEXT" [--count N|--minutes M] [--name NAME] )"
              R"([--cover] [--play|--queue]
                   [--update|--new] [--yes]
                                     build the playlist, find it on Spotify, show what will be
                                     written, and write it once you confirm; --resume carries on
                                     a push that was interrupted
)", runPush },
    { "spotify", R"(  moodboard spotify me|search "Q"|saved|recent|top [--limit N] [--json]
                                     read your Spotify account (and where features come from)
)", runSpotify },
    { "assistant", R"(  moodboard assistant [--erase]      )"
                   R"(talk to the assistant on standard input: moods, changes,
                                     questions about music and mood (answered from the guides
                                     you may read), "send it to Spotify" (asks before writing)
)", runAssistant },
    { "llm-key", R"(  moodboard llm-key set|forget|status
                                     keep the API key of an optional language model in the
                                     keyring (README: A language model); set reads standard input
)", runLlmKey },
    { "mood-key", R"(  moodboard mood-key NAME            )"
                  R"(switch the running app to a mood preset (name or number)
                                     without taking the focus; for desktop shortcuts (README:
                                     Mood keys on the desktop). Exit 0 switched, 1 not switched
                                     (an unknown preset: the presets are listed), 2 no name or
                                     one too long, 3 the app is not running
)", runMoodKey },
} };

std::string fullUsage()
{
    std::string text (introduction);
    text += "usage:\n";
    for (const auto& command : commands)
        text += command.usage;
    text += closing;
    return text;
}

const Command* findCommand (std::string_view name)
{
    if (name == "analyse")
        name = "analyze";
    for (const auto& command : commands)
        if (command.name == name)
            return &command;
    return nullptr;
}

// `moodboard COMMAND --help` (or -h) anywhere among the arguments prints the command's usage and
// runs nothing, as no command takes "--help" or "-h" as a value.
bool asksForHelp (const std::vector<std::string>& args)
{
    return std::ranges::any_of (args, [] (const std::string& arg)
                                { return arg == "--help" || arg == "-h"; });
}
} // namespace

int main (int argc, char** argv)
{
    if (argc < 2)
    {
        std::cerr << fullUsage();
        return 2;
    }

    const std::string_view command = argv[1];
    const std::vector<std::string> args (argv + 2, argv + argc);

    if (const auto* found = findCommand (command))
    {
        if (asksForHelp (args))
        {
            std::cout << "usage:\n" << found->usage << found->details;
            return 0;
        }
        return found->run (args);
    }

    if (command == "help" || command == "--help" || command == "-h")
    {
        std::cout << fullUsage();
        return 0;
    }

    if (command == "--version")
    {
        std::cout << "moodboard 0.1.0\n";
        return 0;
    }

    moodboard::cli::printError ("unknown command '" + std::string (command)
                                + "'; run `moodboard help` for the list");
    return 2;
}
