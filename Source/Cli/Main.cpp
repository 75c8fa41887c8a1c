#include "Cli/Commands.h"

#include <iostream>
#include <string_view>

namespace
{
constexpr std::string_view usage = R"(moodboard: music that fits how you feel, from your own audio files

usage:
  moodboard scan [DIR...] [--verify] analyse the audio files below DIR (or the folders scanned
                                     before) into the catalog; unchanged files are skipped
                                     (--verify: compare content even when size and time match)
  moodboard scan --unreadable        list the files of the catalog that could not be read, and why
  moodboard analyze FILE... [--json] print the features of audio files
  moodboard mood "TEXT" [--json]     print the mood target a text is understood as
  moodboard chat [--name N] [--new] talk about the mood line by line; "more upbeat", "undo"
  moodboard suggest "TEXT" [--count N] [--minutes M] [--variety 0..1] [--seed N]
                   [--out FILE.m3u8|FILE.xspf] [--json]
  moodboard suggest --like TRACK | --from TRACK --to TRACK   (TRACK: a scanned file's path)
                                     build a playlist for a mood from the catalog
  moodboard login [--provider auth0|spotify] [--connect] [--no-browser]
                                     sign in through the browser (README: Signing in);
                                     --connect links your Spotify account to the Auth0 sign-in
  moodboard logout                   sign out and forget the stored tokens
  moodboard whoami                   show who is signed in
  moodboard push "TEXT" [--count N|--minutes M] [--name NAME] [--cover] [--play|--queue]
                   [--update|--new] [--yes]
                                     build the playlist, find it on Spotify, show what will be
                                     written, and write it once you confirm; --resume carries on
                                     a push that was interrupted
  moodboard spotify me|search "Q"|saved|recent|top [--limit N] [--json]
                                     read your Spotify account (and where features come from)
  moodboard assistant [--erase]      talk to the assistant on standard input: moods, changes,
                                     questions about music and mood (answered from the guides
                                     you may read), "send it to Spotify" (asks before writing)
  moodboard llm-key set|forget|status
                                     keep the API key of an optional language model in the
                                     keyring (README: A language model); set reads standard input
  moodboard mood-key NAME            switch the running app to a mood preset (name or number)
                                     without taking the focus; for desktop shortcuts (README:
                                     Mood keys on the desktop). Exit 0 switched, 1 unknown
                                     preset, 3 the app is not running

The catalog lives in $XDG_DATA_HOME/music-moodboard; MOODBOARD_HOME puts all files in one folder.
)";
} // namespace

int main (int argc, char** argv)
{
    if (argc < 2)
    {
        std::cerr << usage;
        return 2;
    }

    const std::string_view command = argv[1];
    const std::vector<std::string> args (argv + 2, argv + argc);

    if (command == "scan") return moodboard::cli::runScan (args);
    if (command == "analyze" || command == "analyse") return moodboard::cli::runAnalyze (args);
    if (command == "mood") return moodboard::cli::runMood (args);
    if (command == "chat") return moodboard::cli::runChat (args);
    if (command == "suggest") return moodboard::cli::runSuggest (args);
    if (command == "login") return moodboard::cli::runLogin (args);
    if (command == "logout") return moodboard::cli::runLogout (args);
    if (command == "whoami") return moodboard::cli::runWhoami (args);
    if (command == "llm-key") return moodboard::cli::runLlmKey (args);
    if (command == "mood-key") return moodboard::cli::runMoodKey (args);
    if (command == "spotify") return moodboard::cli::runSpotify (args);
    if (command == "push") return moodboard::cli::runPush (args);
    if (command == "assistant") return moodboard::cli::runAssistant (args);

    if (command == "help" || command == "--help" || command == "-h")
    {
        std::cout << usage;
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
