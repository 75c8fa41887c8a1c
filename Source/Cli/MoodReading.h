#pragma once

#include "Mood/LlmMoodReader.h"
#include "Mood/MoodTarget.h"

#include <optional>
#include <string>

namespace moodboard::cli
{

/** The language model settings from the environment (MOODBOARD_LLM_URL, MOODBOARD_LLM_MODEL),
    with the API key from MOODBOARD_LLM_API_KEY or, when that is unset, from the secret store
    (`moodboard llm-key set`). Nothing when no model is configured. Main thread.
*/
[[nodiscard]] std::optional<mood::LlmSettings> configuredLanguageModel();

/** Reads a mood text with the configured language model, or the local parser when none is
    configured. When the model was configured but not used, says why on standard error: the
    local engine's answer stands. Main thread.
*/
[[nodiscard]] mood::MoodTarget readMood (const std::string& text);

} // namespace moodboard::cli
