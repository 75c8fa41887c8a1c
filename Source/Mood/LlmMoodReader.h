#pragma once

#include "Mood/MoodParser.h"
#include "Mood/MoodTarget.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace moodboard::mood
{

/** Where an OpenAI-compatible chat-completions endpoint is (OpenRouter, a local Ollama or
    llama.cpp server) and how to call it. The API key is a secret: it only ever goes into the
    Authorization header, never into a log line or an error.
*/
struct LlmSettings
{
    std::string url;      // the base ("http://127.0.0.1:8080/v1") or the full .../chat/completions
    std::string model;
    std::string apiKey;   // may be empty for a local server
    std::chrono::milliseconds timeout { 8000 };

    /** The chat-completions endpoint: `url` itself when it already ends with it. Any thread. */
    [[nodiscard]] std::string completionsUrl() const;

    /** From MOODBOARD_LLM_URL, MOODBOARD_LLM_MODEL and MOODBOARD_LLM_API_KEY (and
        MOODBOARD_LLM_TIMEOUT_MS); empty unless both URL and model are set. Without
        MOODBOARD_LLM_API_KEY, `storedKey` (when given) is asked for a key kept elsewhere, such
        as the keyring; it is called only when a model is configured. Any thread.
    */
    [[nodiscard]] static std::optional<LlmSettings>
        fromEnvironment (const std::function<std::optional<std::string>()>& storedKey = nullptr);
};

/** The secret store account (Auth's SecretStore) that keeps the model's API key. */
inline constexpr const char* llmKeyAccount = "llm";

/** What reading a text through the model gave. */
struct LlmReading
{
    MoodTarget target;
    bool fromModel = false;   // false: the local parser answered
    std::string problem;      // why the model was not used, in words for the user; no secrets
};

/** Reads a mood text with a language model, asked through a function (tool) schema to fill the
    same MoodTarget the parser gives. The answer is validated and clamped; on a timeout, an HTTP
    error, a refusal or an answer that does not fit the schema, the local MoodParser answers and
    the explanation says so. Counts and durations the parser finds in the text are kept when the
    model leaves them out.

    Holds no connection between calls; read() may be called from any thread but the message and
    audio threads (it blocks for up to the timeout).
*/
class LlmMoodReader final
{
public:
    explicit LlmMoodReader (LlmSettings settings,
                            std::shared_ptr<const MoodParser> parser = nullptr);

    /** The target and where it came from. Never throws. Any non-real-time thread. */
    [[nodiscard]] LlmReading readWithDetails (std::string_view text) const;

    /** The target only; when the local engine answered, its explanation starts with why.
        Any non-real-time thread.
    */
    [[nodiscard]] MoodTarget read (std::string_view text) const;

    /** The JSON body sent for a text: model, messages, the tool schema and tool_choice.
        Any thread.
    */
    [[nodiscard]] std::string requestBody (std::string_view text) const;

    /** Reads a chat-completions response body into a target; an error says what did not fit.
        Any thread.
    */
    [[nodiscard]] static std::expected<MoodTarget, std::string>
        parseResponse (std::string_view body);

private:
    LlmSettings settings;
    std::shared_ptr<const MoodParser> parser;
};

} // namespace moodboard::mood
