#include "Auth/LanguageModelKey.h"

#include "Auth/SecretStore.h"

namespace moodboard::auth
{

std::optional<mood::LlmSettings> configuredLanguageModel()
{
    return mood::LlmSettings::fromEnvironment (
        []() -> std::optional<std::string>
        {
            auto key = makeSecretStore()->load (mood::llmKeyAccount);
            return key ? *key : std::nullopt;
        });
}

} // namespace moodboard::auth
