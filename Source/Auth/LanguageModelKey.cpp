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

    // "Use local rules only" is a promise that nothing goes out: it wins even over a model the
    // environment names. Otherwise the environment wins over the settings page's address.
    const auto config = mood::LanguageModelConfig::load (mood::LanguageModelConfig::defaultFile());
    if (config && config->localRulesOnly)
        return std::nullopt;

    if (auto fromEnvironment = mood::LlmSettings::fromEnvironment (storedKey))
        return fromEnvironment;

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
