#include "Cli/MoodReading.h"

#include "Auth/SecretStore.h"
#include "Cli/Commands.h"
#include "Mood/MoodParser.h"

namespace moodboard::cli
{

std::optional<mood::LlmSettings> configuredLanguageModel()
{
    // A local server (Ollama, llama.cpp) needs no key; a stored one is used when there is one.
    return mood::LlmSettings::fromEnvironment ([]() -> std::optional<std::string>
    {
        auto key = auth::makeSecretStore()->load (mood::llmKeyAccount);
        return key ? *key : std::nullopt;
    });
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
