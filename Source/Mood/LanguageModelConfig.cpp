#include "Mood/LanguageModelConfig.h"

#include "Core/Paths.h"
#include "Core/SettingsFile.h"

#include <algorithm>
#include <cctype>

namespace moodboard::mood
{
namespace
{
constexpr const char* example = " For example: http://127.0.0.1:8080/v1";

Expected<void> invalid (std::string message)
{
    return makeError (Error::Kind::invalidInput, std::move (message));
}

bool hasSpaceOrControl (std::string_view text)
{
    return std::any_of (text.begin(), text.end(), [] (unsigned char c)
    {
        return std::isspace (c) != 0 || std::iscntrl (c) != 0;
    });
}

bool isHostCharacter (unsigned char c)
{
    return std::isalnum (c) != 0 || c == '-' || c == '.' || c == '_' || c >= 0x80;
}

Expected<void> checkPort (std::string_view port)
{
    const auto digitsOnly = ! port.empty() && port.size() <= 5
                            && std::all_of (port.begin(), port.end(),
                                            [] (unsigned char c) { return std::isdigit (c) != 0; });
    const auto number = digitsOnly ? std::stoi (std::string (port)) : 0;
    if (number < 1 || number > 65535)
        return invalid ("The port after the host must be a number from 1 to 65535."
                        + std::string (example));
    return {};
}
} // namespace

Expected<void> checkEndpointUrl (std::string_view url)
{
    if (url.empty())
        return invalid ("Give the address of the model's server." + std::string (example));
    if (hasSpaceOrControl (url))
        return invalid ("The address must not contain spaces." + std::string (example));

    std::string lower (url.substr (0, 8));
    std::transform (lower.begin(), lower.end(), lower.begin(),
                    [] (unsigned char c) { return (char) std::tolower (c); });
    const auto schemeLength = lower.starts_with ("https://") ? 8u
                              : lower.starts_with ("http://") ? 7u : 0u;
    if (schemeLength == 0)
        return invalid ("The address must start with http:// or https://." + std::string (example));

    const auto rest = url.substr (schemeLength);
    const auto authority = rest.substr (0, rest.find_first_of ("/?#"));
    if (authority.find ('@') != std::string_view::npos)
        return invalid ("The address must not hold a user name or password; put the API key in "
                        "its own field.");

    std::string_view host = authority;
    std::string_view port;
    if (authority.starts_with ("["))
    {
        const auto close = authority.find (']');
        if (close == std::string_view::npos || close < 3)
            return invalid ("The IPv6 address in the URL is not closed with ]."
                            + std::string (example));
        host = authority.substr (1, close - 1);
        const auto after = authority.substr (close + 1);
        if (! after.empty() && ! after.starts_with (":"))
            return invalid ("Only a port (\":8080\") may follow the IPv6 address.");
        if (! after.empty())
            port = after.substr (1);
        if (! std::all_of (host.begin(), host.end(), [] (unsigned char c)
                           { return std::isxdigit (c) != 0 || c == ':' || c == '.'; }))
            return invalid ("The IPv6 address in the URL is not valid.");
    }
    else
    {
        if (const auto colon = authority.find (':'); colon != std::string_view::npos)
        {
            host = authority.substr (0, colon);
            port = authority.substr (colon + 1);
            if (port.empty())
                return invalid ("A colon after the host must be followed by a port number."
                                + std::string (example));
        }
        if (! std::all_of (host.begin(), host.end(),
                           [] (unsigned char c) { return isHostCharacter (c); }))
            return invalid ("The host name in the address has characters a host name cannot have."
                            + std::string (example));
    }

    if (host.empty())
        return invalid ("The address names no host." + std::string (example));
    if (! port.empty())
        return checkPort (port);
    return {};
}

std::filesystem::path LanguageModelConfig::defaultFile()
{
    return Paths::configDir() / "language-model.json";
}

Expected<LanguageModelConfig> LanguageModelConfig::fromJson (const nlohmann::json& settings)
{
    LanguageModelConfig config;
    if (! settings.is_object())
        return makeError (Error::Kind::corrupt,
                          "The language model settings are not a JSON object.");

    const auto text = [&] (const char* key, std::string& target) -> Expected<void>
    {
        const auto found = settings.find (key);
        if (found == settings.end() || found->is_null())
            return {};
        if (! found->is_string())
            return makeError (Error::Kind::corrupt,
                              std::string ("\"") + key + "\" in the language model settings "
                                  "is not a text.");
        target = found->get<std::string>();
        return {};
    };

    if (auto read = text ("url", config.url); ! read)
        return std::unexpected (read.error());
    if (auto read = text ("model", config.model); ! read)
        return std::unexpected (read.error());

    if (const auto local = settings.find ("localRulesOnly"); local != settings.end())
    {
        if (! local->is_boolean())
            return makeError (Error::Kind::corrupt, "\"localRulesOnly\" in the language model "
                                                    "settings is not true or false.");
        config.localRulesOnly = local->get<bool>();
    }
    return config;
}

nlohmann::json LanguageModelConfig::toJson() const
{
    return { { "url", url }, { "model", model }, { "localRulesOnly", localRulesOnly } };
}

Expected<LanguageModelConfig> LanguageModelConfig::load (const std::filesystem::path& file)
{
    auto read = readSettingsFile (file);
    if (! read)
        return std::unexpected (read.error());
    if (! read->has_value())
        return LanguageModelConfig {};

    auto parsed = fromJson (**read);
    if (! parsed)
        return makeError (Error::Kind::corrupt,
                          "The settings file " + file.string() + " is damaged: "
                              + parsed.error().message
                              + " No language model is used and the file is left as it is.");
    return parsed;
}

Expected<void> LanguageModelConfig::save (const std::filesystem::path& file) const
{
    if (auto valid = validate(); ! valid)
        return valid;
    return writeSettingsFile (file, toJson());
}

Expected<void> LanguageModelConfig::validate() const
{
    if (url.empty() && model.empty())
        return {};
    if (url.empty())
        return invalid ("Give the address of the model's server too, or clear the model name.");
    if (auto checked = checkEndpointUrl (url); ! checked)
        return checked;
    if (model.empty())
        return invalid ("Give the model's name too (for example qwen2.5 or gpt-4o-mini).");
    if (hasSpaceOrControl (model))
        return invalid ("The model's name must not contain spaces.");
    return {};
}

std::optional<LlmSettings>
    LanguageModelConfig::toSettings (const std::function<std::optional<std::string>()>& key) const
{
    if (localRulesOnly || url.empty() || model.empty() || ! validate())
        return std::nullopt;

    LlmSettings settings;
    settings.url = url;
    settings.model = model;
    if (key != nullptr)
        settings.apiKey = key().value_or ("");
    return settings;
}

} // namespace moodboard::mood
