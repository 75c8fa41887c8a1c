#include "Auth/LanguageModelKey.h"

#include "Auth/SecretStore.h"
#include "Core/Log.h"
#include "Mood/LanguageModelConfig.h"

#include <cstdlib>

namespace moodboard::auth
{

std::optional<mood::LlmSettings> configuredLanguageModel()
{
    const auto storedKey = []() -> std::optional<std::string>
    {
        auto key = makeSecretStore()->load (mood::llmKeyAccount);
        return key ? *key : std::nullopt;
    };

    if (auto fromEnvironment = mood::LlmSettings::fromEnvironment (storedKey))
        return fromEnvironment;

    // The settings page's choice, when the environment names no model.
    const auto config = mood::LanguageModelConfig::load (mood::LanguageModelConfig::defaultFile());
    if (! config)
    {
        log::warning ("llm", config.error().message);
        return std::nullopt;
    }
    return config->toSettings ([&storedKey]() -> std::optional<std::string>
    {
        const char* fromEnvironment = std::getenv ("MOODBOARD_LLM_API_KEY");
        if (fromEnvironment != nullptr && *fromEnvironment != '\0')
            return std::string (fromEnvironment);
        return storedKey();
    });
}

} // namespace moodboard::auth
