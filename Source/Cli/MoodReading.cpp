#include "Cli/MoodReading.h"

#include "Auth/LanguageModelKey.h"
#include "Cli/Commands.h"
#include "Mood/MoodParser.h"

namespace moodboard::cli
{

std::optional<mood::LlmSettings> configuredLanguageModel()
{
    return auth::configuredLanguageModel();
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
