#include "Auth/AuthSettings.h"

#include "Core/Paths.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace moodboard::auth
{
namespace
{
std::string trimSlash (std::string url)
{
    while (url.ends_with ('/'))
        url.pop_back();
    return url;
}

void fromEnvironment (const char* name, std::string& target)
{
    if (const char* value = std::getenv (name); value != nullptr && *value != '\0')
        target = value;
}

void fromJson (const nlohmann::json& object, const char* key, std::string& target)
{
    if (const auto it = object.find (key); it != object.end() && it->is_string())
        target = it->get<std::string>();
}

std::string issuerForDomain (std::string domain)
{
    if (domain.starts_with ("https://"))
        domain = domain.substr (8);
    return "https://" + trimSlash (domain) + "/";
}
} // namespace

std::optional<std::vector<std::uint16_t>> parsePortList (std::string_view text)
{
    std::vector<std::uint16_t> ports;
    while (!text.empty())
    {
        const auto comma = text.find (',');
        auto item = text.substr (0, comma);
        text = comma == std::string_view::npos ? std::string_view() : text.substr (comma + 1);

        while (!item.empty() && item.front() == ' ')
            item.remove_prefix (1);
        while (!item.empty() && item.back() == ' ')
            item.remove_suffix (1);

        unsigned value = 0;
        const auto [end, ec] = std::from_chars (item.data(), item.data() + item.size(), value);
        if (ec != std::errc() || end != item.data() + item.size() || value == 0 || value > 65535)
            return std::nullopt;
        ports.push_back (static_cast<std::uint16_t> (value));
    }
    return ports;
}

OAuthEndpoints AuthSettings::auth0Endpoints() const
{
    const auto base = trimSlash (auth0Issuer);
    OAuthEndpoints e;
    e.authorizeUrl = base + "/authorize";
    e.tokenUrl = base + "/oauth/token";
    e.revokeUrl = base + "/oauth/revoke";
    e.jwksUrl = base + "/.well-known/jwks.json";
    e.issuer = auth0Issuer;
    e.clientId = auth0ClientId;
    e.audience = auth0Audience;
    e.scope = "openid profile offline_access";
    return e;
}

OAuthEndpoints AuthSettings::spotifyEndpoints() const
{
    const auto base = trimSlash (spotifyAccountsUrl);
    OAuthEndpoints e;
    e.authorizeUrl = base + "/authorize";
    e.tokenUrl = base + "/api/token";
    e.clientId = spotifyClientId;
    e.scope = spotifyScopes;
    return e;
}

Expected<AuthSettings> loadAuthSettings()
{
    AuthSettings settings;
    const auto file = Paths::configDir() / "auth.json";
    std::string domain;

    if (std::error_code ec; std::filesystem::exists (file, ec))
    {
        std::ifstream in (file);
        std::stringstream text;
        text << in.rdbuf();
        const auto json = nlohmann::json::parse (text.str(), nullptr, false);
        if (!json.is_object())
            return makeError (Error::Kind::corrupt, file.string() +
                                                        " is not valid JSON; fix it or "
                                                        "delete it and use environment variables");

        if (const auto it = json.find ("auth0"); it != json.end() && it->is_object())
        {
            fromJson (*it, "domain", domain);
            fromJson (*it, "issuer", settings.auth0Issuer);
            fromJson (*it, "clientId", settings.auth0ClientId);
            fromJson (*it, "audience", settings.auth0Audience);
            fromJson (*it, "connection", settings.auth0Connection);
        }
        if (const auto it = json.find ("spotify"); it != json.end() && it->is_object())
        {
            fromJson (*it, "clientId", settings.spotifyClientId);
            fromJson (*it, "scopes", settings.spotifyScopes);
        }
        if (const auto it = json.find ("ports"); it != json.end() && it->is_array())
        {
            std::vector<std::uint16_t> ports;
            for (const auto& p : *it)
            {
                if (!p.is_number_unsigned() || p.get<unsigned>() == 0 || p.get<unsigned>() > 65535)
                    return makeError (Error::Kind::invalidInput, file.string() +
                                                                     ": \"ports\" must list "
                                                                     "numbers from 1 to 65535");
                ports.push_back (static_cast<std::uint16_t> (p.get<unsigned>()));
            }
            settings.ports = std::move (ports);
        }
    }

    fromEnvironment ("MOODBOARD_AUTH0_DOMAIN", domain);
    if (!domain.empty())
        settings.auth0Issuer = issuerForDomain (domain);
    fromEnvironment ("MOODBOARD_AUTH0_ISSUER", settings.auth0Issuer);
    fromEnvironment ("MOODBOARD_AUTH0_CLIENT_ID", settings.auth0ClientId);
    fromEnvironment ("MOODBOARD_AUTH0_AUDIENCE", settings.auth0Audience);
    fromEnvironment ("MOODBOARD_AUTH0_CONNECTION", settings.auth0Connection);
    fromEnvironment ("MOODBOARD_SPOTIFY_CLIENT_ID", settings.spotifyClientId);
    fromEnvironment ("MOODBOARD_SPOTIFY_ACCOUNTS_URL", settings.spotifyAccountsUrl);
    fromEnvironment ("MOODBOARD_SPOTIFY_API_URL", settings.spotifyApiUrl);

    std::string ports;
    fromEnvironment ("MOODBOARD_AUTH_PORTS", ports);
    if (!ports.empty())
    {
        auto parsed = parsePortList (ports);
        if (!parsed)
            return makeError (Error::Kind::invalidInput,
                              "MOODBOARD_AUTH_PORTS must be a comma-separated "
                              "list of ports, such as 53682,53683");
        settings.ports = std::move (*parsed);
    }

    return settings;
}

} // namespace moodboard::auth
