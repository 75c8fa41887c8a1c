#include "Auth/OAuthClient.h"

#include "Core/Log.h"

#include <nlohmann/json.hpp>

namespace moodboard::auth
{
namespace
{
std::string hostOf (const std::string& url)
{
    return net::withoutQuery (url);
}

// The provider's own words, shortened and scrubbed: they go into an error a user reads.
std::string describe (const nlohmann::json& json)
{
    std::string text;
    if (const auto it = json.find ("error"); it != json.end() && it->is_string())
        text = it->get<std::string>();
    if (const auto it = json.find ("error_description"); it != json.end() && it->is_string())
    {
        auto description = it->get<std::string>();
        if (description.size() > 160)
            description = description.substr (0, 160) + "...";
        text += ": " + description;
    }
    return log::redact (text);
}
} // namespace

OAuthClient::OAuthClient (OAuthEndpoints e, net::HttpClient& client)
    : endpoints (std::move (e))
    , http (client)
{
}

std::string OAuthClient::buildAuthorizeUrl (const std::string& redirectUri,
                                            const std::string& state,
                                            const std::string& codeChallenge,
                                            const std::string& nonce) const
{
    net::Parameters query{{"response_type", "code"},
                          {"client_id", endpoints.clientId},
                          {"redirect_uri", redirectUri},
                          {"scope", endpoints.scope},
                          {"state", state},
                          {"code_challenge", codeChallenge},
                          {"code_challenge_method", "S256"}};
    if (!nonce.empty())
        query.emplace_back ("nonce", nonce);
    if (!endpoints.audience.empty())
        query.emplace_back ("audience", endpoints.audience);
    for (const auto& extra : endpoints.extraAuthorizeParameters)
        query.push_back (extra);

    const char separator = endpoints.authorizeUrl.find ('?') == std::string::npos ? '?' : '&';
    return endpoints.authorizeUrl + separator + net::encodeParameters (query);
}

std::string OAuthClient::errorCodeOf (const net::HttpResponse& response)
{
    const auto json = nlohmann::json::parse (response.body, nullptr, false);
    if (json.is_object())
        if (const auto it = json.find ("error"); it != json.end() && it->is_string())
            return it->get<std::string>();
    return {};
}

Expected<TokenSet> OAuthClient::parseTokenResponse (const net::HttpResponse& response) const
{
    const auto json = nlohmann::json::parse (response.body, nullptr, false);
    const auto where = hostOf (endpoints.tokenUrl);

    if (response.status >= 500 || response.status == 429)
        return makeError (Error::Kind::io,
                          "the sign-in service at " + where + " is unavailable (HTTP " +
                              std::to_string (response.status) + "); try again later");

    if (!response.isSuccess())
    {
        if (!json.is_object() || !json.contains ("error"))
            return makeError (Error::Kind::corrupt,
                              "the sign-in service at " + where + " answered HTTP " +
                                  std::to_string (response.status) +
                                  " without an OAuth error; check the configured domain");

        const auto code = errorCodeOf (response);
        if (code == "invalid_grant")
            return makeError (
                Error::Kind::invalidInput,
                "the sign-in service refused the grant (" + describe (json) +
                    "): the code or refresh token was already used, has expired or was "
                    "revoked, or the PKCE verifier did not match; sign in again");

        return makeError (Error::Kind::invalidInput, "the sign-in service refused the request (" +
                                                         describe (json) +
                                                         "); check the client id and settings");
    }

    if (!json.is_object())
        return makeError (Error::Kind::corrupt, "the sign-in service at " + where +
                                                    " answered with something that is not JSON; "
                                                    "check the configured domain");

    const auto stringField = [&] (const char* key)
    {
        const auto it = json.find (key);
        return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
    };

    TokenSet tokens;
    tokens.accessToken = stringField ("access_token");
    tokens.refreshToken = stringField ("refresh_token");
    tokens.idToken = stringField ("id_token");
    tokens.tokenType = stringField ("token_type");
    tokens.scope = stringField ("scope");

    if (tokens.accessToken.empty())
        return makeError (Error::Kind::corrupt,
                          "the sign-in service at " + where + " answered without an access token");

    auto lifetime = std::chrono::seconds (3600);
    if (const auto it = json.find ("expires_in"); it != json.end() && it->is_number())
        lifetime = std::chrono::seconds (std::max<long long> (0, it->get<long long>()));
    tokens.expiresAt = SystemClock::now() + lifetime;
    return tokens;
}

Expected<TokenSet> OAuthClient::requestToken (net::Parameters form, const std::atomic<bool>* cancel)
{
    form.emplace_back ("client_id", endpoints.clientId);
    auto response = http.postForm (endpoints.tokenUrl, form, endpoints.requestTimeout, cancel);
    if (!response)
        return std::unexpected (response.error());
    return parseTokenResponse (*response);
}

Expected<TokenSet> OAuthClient::exchangeCode (const std::string& code,
                                              const std::string& redirectUri,
                                              const std::string& verifier,
                                              const std::atomic<bool>* cancel)
{
    return requestToken ({{"grant_type", "authorization_code"},
                          {"code", code},
                          {"redirect_uri", redirectUri},
                          {"code_verifier", verifier}},
                         cancel);
}

Expected<TokenSet> OAuthClient::refresh (const std::string& refreshToken,
                                         const std::atomic<bool>* cancel)
{
    auto tokens =
        requestToken ({{"grant_type", "refresh_token"}, {"refresh_token", refreshToken}}, cancel);
    if (tokens && tokens->refreshToken.empty())
        tokens->refreshToken = refreshToken;
    return tokens;
}

Expected<void> OAuthClient::revoke (const std::string& token, const std::string& typeHint)
{
    if (endpoints.revokeUrl.empty() || token.empty())
        return {};

    auto response = http.postForm (
        endpoints.revokeUrl,
        {{"token", token}, {"token_type_hint", typeHint}, {"client_id", endpoints.clientId}},
        endpoints.requestTimeout);
    if (!response)
        return std::unexpected (response.error());

    if (!response->isSuccess())
        return makeError (Error::Kind::io,
                          "the sign-in service did not confirm the sign-out (HTTP " +
                              std::to_string (response->status) + ")");
    return {};
}

} // namespace moodboard::auth
