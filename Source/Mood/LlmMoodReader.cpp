#include "Mood/LlmMoodReader.h"

#include "Core/Log.h"
#include "Mood/LlmTransport.h"

#include <nlohmann/json.hpp>

#include <cstdlib>

namespace moodboard::mood
{
namespace
{
constexpr const char* toolName = "set_mood_target";
// The model's text goes into the explanation; long answers are cut to a sentence's size.
constexpr std::size_t maxExplanation = 300;

const char* systemPrompt = "You turn what a person says about their mood into a music target for "
                           "a playlist from their own library. Call set_mood_target once. "
                           "valence and energy (0..1, Spotify's sense) are where the playlist "
                           "should end up; when the person's current state differs from what "
                           "they want, give arc rising or falling and start as their current "
                           "state. Leave out what the text does not say.";

[[nodiscard]] nlohmann::json toolSchema()
{
    const nlohmann::json unit = { { "type", "number" }, { "minimum", 0 }, { "maximum", 1 } };
    const nlohmann::json point = { { "type", "object" },
                                   { "properties", { { "valence", unit }, { "energy", unit } } },
                                   { "required", { "valence", "energy" } } };
    const nlohmann::json nullableUnit = { { "type", { "number", "null" } },
                                          { "minimum", 0 },
                                          { "maximum", 1 } };
    nlohmann::json properties = {
        { "valence", unit },
        { "energy", unit },
        { "tempo_bpm", { { "type", { "object", "null" } },
                         { "properties", { { "min", { { "type", "number" } } },
                                           { "max", { { "type", "number" } } } } } } },
        { "danceability", nullableUnit },
        { "acousticness", nullableUnit },
        { "instrumental", { { "type", { "boolean", "null" } } } },
        { "arc", { { "type", "string" }, { "enum", { "steady", "rising", "falling" } } } },
        { "start", { { "anyOf", { point, { { "type", "null" } } } } } },
        { "count", { { "type", { "integer", "null" } }, { "minimum", 1 }, { "maximum", 500 } } },
        { "duration_s", { { "type", { "number", "null" } } } },
        { "exclude", { { "type", "array" }, { "items", { { "type", "string" } } } } },
        { "explanation", { { "type", "string" } } },
    };
    return { { "type", "function" },
             { "function",
               { { "name", toolName },
                 { "description", "Set the mood target of the playlist." },
                 { "parameters", { { "type", "object" },
                                   { "properties", std::move (properties) },
                                   { "required", { "valence", "energy", "arc" } } } } } } };
}

[[nodiscard]] std::string endpointOf (const std::string& url)
{
    if (url.ends_with ("/chat/completions"))
        return url;
    return (url.ends_with ("/") ? url.substr (0, url.size() - 1) : url) + "/chat/completions";
}

} // namespace

std::string LlmSettings::completionsUrl() const
{
    return endpointOf (url);
}

std::optional<LlmSettings>
    LlmSettings::fromEnvironment (const std::function<std::optional<std::string>()>& storedKey)
{
    const auto get = [] (const char* name)
    {
        const char* value = std::getenv (name);
        return std::string (value != nullptr ? value : "");
    };
    LlmSettings s;
    s.url = get ("MOODBOARD_LLM_URL");
    s.model = get ("MOODBOARD_LLM_MODEL");
    s.apiKey = get ("MOODBOARD_LLM_API_KEY");
    if (s.url.empty() || s.model.empty())
        return std::nullopt;
    if (s.apiKey.empty() && storedKey != nullptr)
        s.apiKey = storedKey().value_or ("");
    if (const auto ms = std::atol (get ("MOODBOARD_LLM_TIMEOUT_MS").c_str()); ms > 0)
        s.timeout = std::chrono::milliseconds (std::min (ms, 120000L));
    return s;
}

LlmMoodReader::LlmMoodReader (LlmSettings s, std::shared_ptr<const MoodParser> p)
    : settings (std::move (s)), parser (std::move (p))
{
    if (parser == nullptr)
        parser = std::make_shared<const MoodParser>();
}

std::string LlmMoodReader::requestBody (std::string_view text) const
{
    const nlohmann::json body = {
        { "model", settings.model },
        { "temperature", 0 },
        { "messages", { { { "role", "system" }, { "content", systemPrompt } },
                        { { "role", "user" }, { "content", std::string (text) } } } },
        { "tools", { toolSchema() } },
        { "tool_choice", { { "type", "function" }, { "function", { { "name", toolName } } } } },
    };
    // Invalid UTF-8 in the text becomes U+FFFD instead of an exception.
    return body.dump (-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::expected<MoodTarget, std::string> LlmMoodReader::parseResponse (std::string_view body)
{
    const auto root = nlohmann::json::parse (body, nullptr, false);
    if (root.is_discarded() || ! root.is_object())
        return std::unexpected (std::string ("the answer was not JSON"));

    // nlohmann_json reports a wrong shape by throwing; it stops here.
    try
    {
        const auto& message = root.at ("choices").at (0).at ("message");
        nlohmann::json arguments;
        if (message.contains ("tool_calls") && message.at ("tool_calls").is_array()
            && ! message.at ("tool_calls").empty())
        {
            const auto& call = message.at ("tool_calls").at (0).at ("function");
            if (call.value ("name", std::string()) != toolName)
                return std::unexpected (std::string ("the model called an unknown function"));
            const auto& raw = call.at ("arguments");
            arguments = raw.is_string() ? nlohmann::json::parse (raw.get<std::string>(), nullptr,
                                                                 false)
                                        : raw;
        }
        else
            return std::unexpected (std::string ("the model did not fill the mood target"));

        if (arguments.is_discarded())
            return std::unexpected (std::string ("the model's arguments were not JSON"));
        auto target = moodTargetFromJson (arguments);
        if (! target)
            return std::unexpected ("the model's answer did not fit: " + target.error());
        return target;
    }
    catch (const nlohmann::json::exception&)
    {
        return std::unexpected (std::string ("the answer had no choices or message"));
    }
}

LlmReading LlmMoodReader::readWithDetails (std::string_view text) const
{
    LlmReading reading;
    const auto local = parser->parse (text);

    const auto fallBack = [&] (const std::string& why)
    {
        log::warning ("mood", "language model not used: " + why);
        reading.target = local;
        reading.problem = why;
        reading.target.explanation = "The language model " + why
                                     + ", so the local engine read this. " + local.explanation;
        return reading;
    };

    if (local.confidence == 0.0 && text.find_first_not_of (" \t\r\n") == std::string_view::npos)
        return fallBack ("was not asked about an empty message");

    const auto answer = postJson (endpointOf (settings.url), settings.apiKey, requestBody (text),
                                  settings.timeout);
    if (! answer)
        return fallBack (answer.error());
    if (answer->status == 429)
        return fallBack ("is rate-limited (HTTP 429); try again in a minute");
    if (answer->status == 401 || answer->status == 403)
        return fallBack ("refused the API key (HTTP " + std::to_string (answer->status)
                         + "); check the key in MOODBOARD_LLM_API_KEY or `moodboard llm-key set`");
    if (answer->status < 200 || answer->status >= 300)
        return fallBack ("answered with HTTP " + std::to_string (answer->status));

    auto target = parseResponse (answer->body);
    if (! target)
        return fallBack ("gave an answer that does not fit (" + target.error() + ")");

    // The text's own numbers are facts the parser reads reliably; keep them when the model
    // leaves them out.
    auto& t = *target;
    if (t.count == MoodTarget().count && local.count != MoodTarget().count)
        t.count = local.count;
    if (! t.durationSeconds)
        t.durationSeconds = local.durationSeconds;
    if (t.explanation.empty())
        t.explanation = local.explanation;
    if (t.explanation.size() > maxExplanation)
        t.explanation = t.explanation.substr (0, maxExplanation) + "...";
    t.confidence = std::max (t.confidence, 0.8);
    reading.target = t;
    reading.fromModel = true;
    return reading;
}

MoodTarget LlmMoodReader::read (std::string_view text) const
{
    return readWithDetails (text).target;
}

} // namespace moodboard::mood
