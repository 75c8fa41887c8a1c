#pragma once

#include "Mood/LlmMoodReader.h"

#include <optional>

namespace moodboard::auth
{

/** The language model the environment configures (Mood's LlmSettings::fromEnvironment), else
    the one chosen on the settings page (Mood's LanguageModelConfig, unless it asks for local
    rules only), with its API key taken from MOODBOARD_LLM_API_KEY or, failing that, from the
    secret store (the keyring, else the user's 0600 file). A local server needs no key. Nothing
    when no model is configured. Any thread except the message and audio threads (the keyring
    may block).
*/
[[nodiscard]] std::optional<mood::LlmSettings> configuredLanguageModel();

} // namespace moodboard::auth
