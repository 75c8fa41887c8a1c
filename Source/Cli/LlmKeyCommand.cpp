#include "Auth/LanguageModelKey.h"
#include "Auth/SecretStore.h"
#include "Cli/Commands.h"
#include "Cli/MoodReading.h"

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

namespace moodboard::cli
{
namespace
{
// Reads one line from standard input without echoing it when a person types it.
std::string readSecretLine()
{
    termios saved {};
    const bool terminal = isatty (STDIN_FILENO) != 0 && tcgetattr (STDIN_FILENO, &saved) == 0;
    if (terminal)
    {
        auto quiet = saved;
        quiet.c_lflag &= ~(tcflag_t) ECHO;
        tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
        std::cerr << "API key (not shown): " << std::flush;
    }

    std::string line;
    std::getline (std::cin, line);

    if (terminal)
    {
        tcsetattr (STDIN_FILENO, TCSANOW, &saved);
        std::cerr << "\n";
    }
    while (! line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
        line.pop_back();
    return line;
}
} // namespace

int runLlmKey (const std::vector<std::string>& args)
{
    const std::string action = args.empty() ? "status" : args.front();
    if (args.size() > 1 || (action != "set" && action != "forget" && action != "status"))
    {
        printError ("use llm-key set (reads the key from standard input), llm-key forget or "
                    "llm-key status");
        return 2;
    }

    auto store = auth::makeSecretStore();
    if (const auto warning = auth::takeSecretStoreWarning(); ! warning.empty())
        printError (warning);

    if (action == "set")
    {
        const auto key = readSecretLine();
        if (key.empty())
        {
            printError ("no key was given; pipe it in or type it: moodboard llm-key set");
            return 2;
        }
        if (auto saved = store->save (mood::llmKeyAccount, key); ! saved)
        {
            printError (saved.error().message);
            return 1;
        }
        std::cout << "The language model's API key is stored in " << store->describe() << ".\n";
        return 0;
    }

    if (action == "forget")
    {
        if (auto removed = store->remove (mood::llmKeyAccount); ! removed)
        {
            printError (removed.error().message);
            return 1;
        }
        std::cout << "The language model's API key is forgotten.\n";
        return 0;
    }

    const auto stored = store->load (mood::llmKeyAccount);
    if (! stored)
    {
        printError (stored.error().message);
        return 1;
    }
    // The environment's model, else the one the app's settings page saved.
    const auto settings = auth::configuredLanguageModel();
    const char* fromEnvironment = std::getenv ("MOODBOARD_LLM_API_KEY");
    std::cout << "API key: "
              << (fromEnvironment != nullptr && *fromEnvironment != '\0'
                      ? "from MOODBOARD_LLM_API_KEY"
                      : stored->has_value() ? "stored in " + store->describe() : "none stored")
              << "\nModel: "
              << (settings ? settings->model + " at " + settings->url
                           : "none (set MOODBOARD_LLM_URL and MOODBOARD_LLM_MODEL, or choose one "
                             "in the app's settings)")
              << "\n";
    return 0;
}

} // namespace moodboard::cli
