#pragma once

#include "Auth/LocalAccount.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace moodboard::cli
{

/** Each command takes its arguments (after the command name) and returns the process exit code:
    0 success, 1 the work failed (the message says why), 2 the command line was wrong. They run
    on the main thread; scan starts worker threads of its own.
*/
int runScan (const std::vector<std::string>& args);
int runAnalyze (const std::vector<std::string>& args);
int runMood (const std::vector<std::string>& args);
/** `chat [--name NAME] [--new]`: a conversation on standard input, one message a line. */
int runChat (const std::vector<std::string>& args);
int runSuggest (const std::vector<std::string>& args);

/** Account commands: `login [--provider auth0|spotify] [--connect] [--no-browser]` waits for
    the browser sign-in on a loopback port; `logout` revokes and forgets; `whoami` prints the
    signed-in users. */
int runLogin (const std::vector<std::string>& args);
int runLogout (const std::vector<std::string>& args);
int runWhoami (const std::vector<std::string>& args);

/** Spotify: `spotify me|search|saved|recent|top` reads the signed-in account (with where each
    track's features come from); `push "TEXT" ...` builds a playlist, finds it on Spotify, asks,
    and writes it, resumably (`push --resume`). */
int runSpotify (const std::vector<std::string>& args);
/** `assistant [--erase]`: the assistant on standard input, answering from the guides the
    signed-in user may read; a write it asks for is shown and confirmed at the prompt. */
int runAssistant (const std::vector<std::string>& args);
int runPush (const std::vector<std::string>& args);

/** `llm-key set|forget|status`: keeps the language model's API key in the secret store (the
    desktop keyring, or a file only the user may read); `set` reads it from standard input. */
int runLlmKey (const std::vector<std::string>& args);

/** `mood-key NAME`: asks the running app (through net::AppChannel) to switch to a mood preset.
    Exit 0 when it did, 1 with the app's words when it did not (an unknown preset names the
    presets), 2 without a name or with one too long, 3 when no app is running. */
int runMoodKey (const std::vector<std::string>& args);

/** The signed-in user's own data folder (conversations are kept there), or the state folder
    when nobody is signed in; the first user listed by whoami when several are. */
[[nodiscard]] std::filesystem::path signedInUserFolder();

/** The settings and the secret store, with the no-keyring note printed; nothing (and the reason
    printed) when the settings cannot be read. */
[[nodiscard]] std::unique_ptr<auth::LocalAccount> openAccount();

/** Prints a message to standard error as "moodboard: message". */
void printError (const std::string& message);

} // namespace moodboard::cli
