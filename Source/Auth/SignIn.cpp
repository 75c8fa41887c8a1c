#include "Auth/SignIn.h"

#include "Auth/LoginFlow.h"
#include "Auth/TokenManager.h"

#include <nlohmann/json.hpp>

namespace moodboard::auth
{

std::string providerName (Provider provider)
{
    return provider == Provider::auth0 ? "auth0" : "spotify";
}

SignIn::SignIn (AuthSettings s, SecretStore& st, net::HttpClient& h)
    : settings (std::move (s))
    , store (st)
    , http (h)
{
}

Expected<SignedInUser> SignIn::login (Provider provider, const BrowserOpener& opener,
                                      const std::function<void (const std::string&)>& showUrl,
                                      const std::atomic<bool>* cancel,
                                      std::chrono::milliseconds timeout)
{
    if (provider == Provider::auth0 && !settings.hasAuth0())
        return makeError (
            Error::Kind::invalidInput,
            "Auth0 is not configured: set MOODBOARD_AUTH0_DOMAIN and "
            "MOODBOARD_AUTH0_CLIENT_ID, or \"auth0\" in auth.json (README: Signing in)");
    if (provider == Provider::spotify && !settings.hasSpotify())
        return makeError (
            Error::Kind::invalidInput,
            "Spotify is not configured: set MOODBOARD_SPOTIFY_CLIENT_ID, or \"spotify\" "
            "in auth.json (README: Signing in)");

    return run (provider,
                provider == Provider::auth0 ? settings.auth0Endpoints()
                                            : settings.spotifyEndpoints(),
                opener, showUrl, cancel, timeout);
}

Expected<SignedInUser>
SignIn::connectSpotify (const BrowserOpener& opener,
                        const std::function<void (const std::string&)>& showUrl,
                        const std::atomic<bool>* cancel, std::chrono::milliseconds timeout)
{
    if (!settings.hasAuth0())
        return makeError (Error::Kind::invalidInput,
                          "connecting Spotify needs Auth0: set MOODBOARD_AUTH0_DOMAIN and "
                          "MOODBOARD_AUTH0_CLIENT_ID (README: Signing in)");

    auto endpoints = settings.auth0Endpoints();
    endpoints.extraAuthorizeParameters = {{"connection", settings.auth0Connection},
                                          {"connection_scope", settings.spotifyScopes}};
    return run (Provider::auth0, endpoints, opener, showUrl, cancel, timeout);
}

Expected<SignedInUser> SignIn::run (Provider provider, OAuthEndpoints endpoints,
                                    const BrowserOpener& opener,
                                    const std::function<void (const std::string&)>& showUrl,
                                    const std::atomic<bool>* cancel,
                                    std::chrono::milliseconds timeout)
{
    LoginOptions options;
    options.listener.ports = settings.ports;
    options.timeout = timeout;
    options.opener = opener;
    options.showUrl = showUrl;

    LoginFlow flow (endpoints, http, options);
    auto tokens = flow.run (cancel);
    if (!tokens)
        return std::unexpected (tokens.error());

    if (provider == Provider::spotify)
        if (auto profile = fetchSpotifyProfile (*tokens); !profile)
            return std::unexpected (profile.error());

    OAuthClient client (endpoints, http);
    TokenManager manager (providerName (provider), store, client);
    if (auto adopted = manager.adopt (*tokens); !adopted)
        return std::unexpected (adopted.error());

    return SignedInUser{provider, tokens->subject, tokens->displayName};
}

Expected<void> SignIn::fetchSpotifyProfile (TokenSet& tokens)
{
    net::HttpRequest request;
    request.url = settings.spotifyApiUrl + "/v1/me";
    request.headers = {{"Authorization", "Bearer " + tokens.accessToken}};
    auto response = http.send (request);
    if (!response)
        return std::unexpected (response.error());
    if (!response->isSuccess())
        return makeError (Error::Kind::io, "Spotify did not tell who signed in (HTTP " +
                                               std::to_string (response->status) + "); try again");

    const auto json = nlohmann::json::parse (response->body, nullptr, false);
    if (!json.is_object() || !json.contains ("id") || !json["id"].is_string())
        return makeError (Error::Kind::corrupt, "Spotify's profile answer could not be read");

    tokens.subject = json["id"].get<std::string>();
    if (json.contains ("display_name") && json["display_name"].is_string())
        tokens.displayName = json["display_name"].get<std::string>();
    return {};
}

Expected<std::vector<Provider>> SignIn::logout()
{
    std::vector<Provider> signedOut;
    std::optional<Error> firstProblem;

    for (const auto provider : {Provider::auth0, Provider::spotify})
    {
        auto endpoints =
            provider == Provider::auth0 ? settings.auth0Endpoints() : settings.spotifyEndpoints();
        if (provider == Provider::auth0 && !settings.hasAuth0())
            endpoints.revokeUrl.clear();
        OAuthClient client (endpoints, http);
        TokenManager manager (providerName (provider), store, client);
        auto loaded = manager.loadStored();
        if (!loaded)
        {
            // A damaged entry is removed as well: signing out must not leave a token behind.
            (void) store.remove (providerName (provider));
            continue;
        }
        if (!*loaded)
            continue;

        // Without settings there is nowhere to revoke: the tokens are still forgotten.
        auto result = manager.logout();
        signedOut.push_back (provider);
        if (!result && !firstProblem)
            firstProblem = result.error();
    }

    if (firstProblem)
        return std::unexpected (*firstProblem);
    return signedOut;
}

Expected<std::vector<SignedInUser>> SignIn::whoami()
{
    std::vector<SignedInUser> users;
    for (const auto provider : {Provider::auth0, Provider::spotify})
    {
        auto stored = store.load (providerName (provider));
        if (!stored)
            return std::unexpected (stored.error());
        if (!*stored)
            continue;
        auto tokens = TokenSet::fromJson (**stored);
        if (!tokens)
            return std::unexpected (tokens.error());
        users.push_back ({provider, tokens->subject, tokens->displayName});
    }
    return users;
}

} // namespace moodboard::auth
