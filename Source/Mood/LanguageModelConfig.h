#pragma once

#include "Core/Error.h"
#include "Mood/LlmMoodReader.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace moodboard::mood
{

/** The language model chosen on the settings page, kept in `language-model.json` in the config
    folder: {"url": "http://127.0.0.1:8080/v1", "model": "qwen2.5", "localRulesOnly": false}.

    The API key is not here: it lives in the secret store under `llmKeyAccount`. The environment
    (MOODBOARD_LLM_URL with MOODBOARD_LLM_MODEL) wins over this file; see
    auth::configuredLanguageModel, which puts the two together.
*/
struct LanguageModelConfig final
{
    std::string url;              // an http or https base URL, or empty for none
    std::string model;
    bool localRulesOnly = false;  // true: the local parser answers even when a model is set

    /** `language-model.json` in Paths::configDir(). Any thread. */
    [[nodiscard]] static std::filesystem::path defaultFile();

    /** Reads a parsed file; an error names the key that has the wrong type. Any thread. */
    [[nodiscard]] static Expected<LanguageModelConfig> fromJson (const nlohmann::json& settings);

    /** The file's contents. Any thread. */
    [[nodiscard]] nlohmann::json toJson() const;

    /** Reads `file`: the defaults (no model) when it does not exist, an error when it is damaged
        (the file is left as it is). Any thread. */
    [[nodiscard]] static Expected<LanguageModelConfig> load (const std::filesystem::path& file);

    /** Validates, then writes `file` atomically; nothing is written when validation fails.
        Any thread. */
    [[nodiscard]] Expected<void> save (const std::filesystem::path& file) const;

    /** A URL must pass checkEndpointUrl; a URL needs a model name and a model name a URL; names
        hold no spaces or control characters. The error says what to change. Any thread. */
    [[nodiscard]] Expected<void> validate() const;

    /** The settings to call the model with, or nothing when local rules only are chosen or no
        URL and model are given. `key` is asked for the API key only when a model is used.
        Any thread. */
    [[nodiscard]] std::optional<LlmSettings>
        toSettings (const std::function<std::optional<std::string>()>& key) const;
};

/** Checks an endpoint URL: http:// or https://, a host (a name, an IPv4 address or an IPv6
    address in brackets), an optional port from 1 to 65535, no user name or password in it, no
    spaces. The error says what is wrong, in words. Any thread.
*/
[[nodiscard]] Expected<void> checkEndpointUrl (std::string_view url);

} // namespace moodboard::mood
