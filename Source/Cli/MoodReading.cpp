#include "Cli/MoodReading.h"

#include "Auth/SecretStore.h"
#include "Cli/Commands.h"
#include "Mood/MoodParser.h"

namespace moodboard::cli
{

std::optional<mood::LlmSettings> configuredLanguageModel()
{
    auto settings = mood::LlmSettings::fromEnvironment();
    if (! settings || ! settings->apiKey.empty())
        return settings;

    // A local server (Ollama, llama.cpp) needs no key; a stored one is used when there is one.
    auto store = auth::makeSecretStore();
    if (auto key = store->load (llmKeyAccount); key && key->has_value())
        settings->apiKey = **key;
    return settings;
}

mood::MoodTarget readMood (const std::string& text)
{
    const auto settings = configuredLanguageModel();
    if (! settings)
        return mood::MoodParser().parse (text);

    auto reading = mood::LlmMoodReader (*settings).readWithDetails (text);
    if (! reading.fromModel && ! reading.problem.empty())
        printError ("the language model was not used (" + reading.problem
                    + "); the local mood engine answered");
    return std::move (reading.target);
}

} // namespace moodboard::cli
